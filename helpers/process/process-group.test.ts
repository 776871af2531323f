import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { groupMembers, parseStat } from "./group-members.ts";
import { startGroup } from "./process-group.ts";

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A server that also starts a grandchild, behind a shell wrapper that does not exec (its own pid stays). */
function wrappedApp(trapTerm: boolean): { dir: string; argv: string[] } {
  const dir = mkdtempSync(join(tmpdir(), "smokebook-group-"));
  dirs.push(dir);
  writeFileSync(
    join(dir, "server.mjs"),
    `import { spawn } from "node:child_process";
import { writeFileSync } from "node:fs";
const grandchild = spawn("sleep", ["300"], { stdio: "ignore" });
writeFileSync(process.argv[2], String(grandchild.pid));
${trapTerm ? 'process.on("SIGTERM", () => {});' : ""}
setInterval(() => {}, 1000);
`,
  );
  const wrapper = `${trapTerm ? "trap '' TERM; " : ""}"${process.execPath}" server.mjs grandchild.pid; echo "server exited"`;
  writeFileSync(join(dir, "start.sh"), `${wrapper}\n`);
  return { dir, argv: ["sh", "start.sh"] };
}

async function waitFor(path: string): Promise<string> {
  for (let i = 0; i < 200; i++) {
    try {
      return readFileSync(path, "utf8");
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  }
  throw new Error(`${path} never appeared`);
}

const alive = (pid: number) => {
  try {
    const stat = parseStat(readFileSync(`/proc/${pid}/stat`, "utf8"));
    return stat !== undefined && stat.state !== "Z";
  } catch {
    return false;
  }
};

describe("process groups: nothing an app started is left running", { tags: ["self-test"] }, () => {
  it("an app behind a non-exec shell wrapper: TERM reaches the wrapper, the app and its grandchild", async () => {
    const { dir, argv } = wrappedApp(false);
    const app = startGroup(argv, { cwd: dir });
    const grandchild = Number(await waitFor(join(dir, "grandchild.pid")));
    const before = app.members();
    expect(before.length).toBeGreaterThanOrEqual(3); // sh, node, sleep
    expect(before).toContain(grandchild);
    const stopped = await app.stop({ graceMs: 3000 });
    expect(stopped).toMatchObject({ killed: false, leftover: [] });
    expect(groupMembers(app.pid as number)).toEqual([]);
    for (const pid of [...before, grandchild]) expect(alive(pid), `pid ${pid} still alive`).toBe(false);
  });

  it("an app that ignores SIGTERM is killed after the grace period, with everything it started", async () => {
    const { dir, argv } = wrappedApp(true);
    const app = startGroup(argv, { cwd: dir });
    const grandchild = Number(await waitFor(join(dir, "grandchild.pid")));
    const before = app.members();
    const started = Date.now();
    const stopped = await app.stop({ graceMs: 400 });
    expect(Date.now() - started).toBeGreaterThanOrEqual(400);
    expect(stopped).toMatchObject({ killed: true, leftover: [] });
    for (const pid of [...before, grandchild]) expect(alive(pid), `pid ${pid} still alive`).toBe(false);
  });

  it("a direct (unwrapped) start is stopped by TERM and disposal is idempotent", async () => {
    await using app = startGroup([process.execPath, "-e", "setInterval(() => {}, 1000)"]);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(app.members()).toEqual([app.pid]);
    await expect(app.stop()).resolves.toMatchObject({ signal: "SIGTERM", killed: false, leftover: [] });
    await expect(app.stop()).resolves.toMatchObject({ signal: "SIGTERM" });
  });

  it("parses /proc stat lines whose command holds spaces and parentheses", () => {
    expect(parseStat("4242 (my (odd) app) S 1 4240 4240 0 -1")).toEqual({
      pid: 4242,
      command: "my (odd) app",
      state: "S",
      pgid: 4240,
    });
  });
});
