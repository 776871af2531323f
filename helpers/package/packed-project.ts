/**
 * A fresh project outside this checkout that installs the packed smokebook tarball and vitest, as a team does in its
 * own repository (`npm install <tarball> vitest`), for the README examples' self-test.
 */
import { mkdirSync, mkdtempSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { SmokebookError } from "../errors.ts";
import { repoRoot } from "../paths.ts";
import { type ProcessResult, run } from "../process/run.ts";

export interface PackedProject {
  dir: string;
  tarball: string;
  write(path: string, text: string): void;
  /** `vitest run` in the project with `env` over this machine's environment (no gate or credential of ours). */
  vitest(env: Record<string, string>, timeoutMs?: number): Promise<ProcessResult>;
}

function checked(result: ProcessResult, what: string): ProcessResult {
  if (result.exitCode !== 0) {
    throw new SmokebookError(
      "PACKED_PROJECT_FAILED",
      `${what} exited ${result.exitCode ?? result.signal}${result.timedOut ? " (timed out)" : ""}:\n${result.stderr.slice(-4000)}\n${result.stdout.slice(-2000)}`,
    );
  }
  return result;
}

/** Our own vitest's, gates' and credentials' variables: the fresh project starts without them. */
const WITHHELD = /^(VITEST|TEST$|NODE_ENV$|RUN_|SMOKEBOOK_|DATABRICKS_|AZURE_|EXAMPLE_|KUBECONFIG$)/;

/** This machine's environment (registry, CA certificates) without ours, Node 24 first on PATH. */
function cleanEnv(extra: Record<string, string> = {}): Record<string, string | undefined> {
  const env: Record<string, string | undefined> = {};
  for (const [name, value] of Object.entries(process.env)) if (!WITHHELD.test(name)) env[name] = value;
  return { ...env, PATH: `${join(repoRoot, "node_modules/.bin")}:${process.env.PATH ?? ""}`, NO_COLOR: "1", ...extra };
}

export async function packTarball(outDir: string): Promise<string> {
  mkdirSync(outDir, { recursive: true });
  checked(
    await run(["npm", "pack", "--silent", "--pack-destination", outDir], {
      cwd: repoRoot,
      env: cleanEnv(),
      timeoutMs: 180_000,
    }),
    "npm pack",
  );
  const tarball = readdirSync(outDir).find((name) => name.endsWith(".tgz"));
  if (!tarball) throw new SmokebookError("PACKED_PROJECT_FAILED", `npm pack wrote no .tgz into ${outDir}`);
  return join(outDir, tarball);
}

export async function packedProject(): Promise<PackedProject> {
  const root = mkdtempSync(join(tmpdir(), "smokebook-packed-"));
  const tarball = await packTarball(join(root, "pack"));
  const dir = join(root, "team-repo");
  mkdirSync(dir);
  writeFileSync(
    join(dir, "package.json"),
    `${JSON.stringify({ name: "team-repo", private: true, type: "module" }, null, 2)}\n`,
  );
  checked(
    await run(["npm", "install", "--no-audit", "--no-fund", tarball, "vitest@^5.1.1"], {
      cwd: dir,
      env: cleanEnv(),
      timeoutMs: 600_000,
    }),
    `npm install ${tarball} vitest`,
  );
  return {
    dir,
    tarball,
    write: (path, text) => {
      mkdirSync(dirname(join(dir, path)), { recursive: true });
      writeFileSync(join(dir, path), text);
    },
    vitest: (env, timeoutMs = 120_000) =>
      run([join(dir, "node_modules/.bin/vitest"), "run"], {
        cwd: dir,
        env: {
          PATH: `${join(repoRoot, "node_modules/.bin")}:${process.env.PATH ?? ""}`,
          HOME: process.env.HOME,
          NO_COLOR: "1",
          ...env,
        },
        timeoutMs,
      }),
  };
}
