import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it, onTestFinished } from "vitest";
import { freePort } from "../local/free-port.ts";
import { repoRoot } from "../paths.ts";
import { pollUntil } from "../poll.ts";
import { childVitestEnv, VITEST_CLI } from "../testing/child-vitest.ts";

describe("npx vitest --ui", { tags: ["slow"] }, () => {
  it("serves the UI on loopback and still writes the evidence bundle", async () => {
    const port = await freePort();
    const dir = mkdtempSync(join(tmpdir(), "smokebook-ui-"));
    const child = spawn(
      process.execPath,
      [
        VITEST_CLI,
        "--watch",
        "--ui",
        "--open=false",
        `--api.port=${port}`,
        "--api.host=127.0.0.1",
        "--project",
        "harness",
        "helpers/gates.test.ts",
      ],
      {
        cwd: repoRoot,
        env: childVitestEnv({ env: { SMOKEBOOK_EVIDENCE_DIR: dir } }),
        stdio: ["ignore", "pipe", "ignore"],
      },
    );
    let stdout = "";
    child.stdout?.on("data", (chunk: Buffer) => {
      stdout += chunk.toString("utf8");
    });
    onTestFinished(() => {
      child.kill("SIGTERM");
    });
    const uiUrl = () => stdout.match(/UI started at (http:\/\/\S+)/)?.[1];
    // Real waiting on a real process: the system clock, bounded at 60 s, one probe a second.
    const { value } = await pollUntil({
      condition: `the UI on 127.0.0.1:${port} answers 200 and the first run has written evidence`,
      probe: async () => {
        const url = uiUrl();
        if (!url) return { status: 0, html: "", ended: false };
        // The token URL sets the UI's cookie and redirects; follow it by hand with the cookie, as a browser does.
        const login = await fetch(url, { redirect: "manual", signal: AbortSignal.timeout(2000) });
        const cookie = login.headers.get("set-cookie")?.split(";")[0] ?? "";
        const res = await fetch(new URL(login.headers.get("location") ?? url, url), {
          headers: { cookie },
          signal: AbortSignal.timeout(2000),
        });
        const html = await res.text();
        const evidence = join(dir, "evidence.jsonl");
        const ended = existsSync(evidence) && readFileSync(evidence, "utf8").includes('"type":"run-end"');
        return { status: res.status, html, ended };
      },
      done: (v) => v.status === 200 && v.ended,
      describe: (v) => `HTTP ${v.status}, evidence run-end ${v.ended}`,
      intervalMs: 1000,
      timeoutMs: 40_000,
    });
    expect(value.html.toLowerCase()).toContain("vitest");
  });
});
