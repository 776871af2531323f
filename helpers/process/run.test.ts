import { describe, expect, it } from "vitest";
import { run } from "./run.ts";

describe("run (the process layer, on zx)", () => {
  it("returns exit code, stdout and stderr as a value, never throwing for a non-zero exit", async () => {
    const result = await run(["sh", "-c", 'printf "%s|" "$@"; echo oops >&2; exit 3', "sh", "a b", "it's", "$HOME"]);
    expect(result).toMatchObject({ exitCode: 3, signal: null, timedOut: false, notFound: false });
    expect(result.stdout).toBe("a b|it's|$HOME|");
    expect(result.stderr).toBe("oops\n");
  });

  it("passes only the environment it is given, and the working directory", async () => {
    // biome-ignore lint/suspicious/noTemplateCurlyInString: a shell parameter expansion, not a JS template
    const result = await run(["sh", "-c", 'echo "$ONLY_THIS:${HOME:-unset}:$(pwd)"'], {
      env: { PATH: process.env.PATH, ONLY_THIS: "yes" },
      cwd: "/tmp",
    });
    expect(result.stdout.trim()).toBe("yes:unset:/tmp");
  });

  it("feeds input to stdin, and closes stdin without it", async () => {
    expect((await run(["cat"], { input: "fed\n" })).stdout).toBe("fed\n");
    expect((await run(["cat"], { timeoutMs: 5000 })).stdout).toBe("");
  });

  it("says when the command is not installed", { tags: ["self-test"] }, async () => {
    const result = await run(["smokebook-no-such-tool", "--version"]);
    expect(result).toMatchObject({ exitCode: 127, notFound: true });
    expect(result.stderr).toMatch(/smokebook-no-such-tool: not found/);
  });

  it("kills the whole process group at the deadline and says it timed out", { tags: ["self-test"] }, async () => {
    const result = await run(["sh", "-c", "sleep 30 & echo started; wait"], { timeoutMs: 300 });
    expect(result).toMatchObject({ timedOut: true, signal: "SIGKILL", exitCode: null });
    expect(result.durationMs).toBeLessThan(5000);
  });
});
