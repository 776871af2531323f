/**
 * Completes package-lock.json with the other platforms' optional binary packages (@biomejs/cli-darwin-arm64,
 * @duckdb/node-bindings-win32-x64, …) that this workplace's registry mirror does not serve. npm leaves them out of the
 * lock when it cannot fetch them, and `npm ci` then refuses the lock as out of sync. Each added entry carries the
 * package's os/cpu (and libc), so npm skips it on other machines without fetching it, as it does for a full lock.
 *
 *   node scripts/ci/lockfile-platforms.ts          add the missing entries (idempotent)
 *   node scripts/ci/lockfile-platforms.ts --check  exit 1 and name them when some are missing
 */
import { readFileSync, writeFileSync } from "node:fs";
import { fromRoot } from "../../helpers/paths.ts";

interface LockEntry {
  version?: string;
  dev?: boolean;
  optional?: boolean;
  os?: string[];
  cpu?: string[];
  libc?: string[];
  optionalDependencies?: Record<string, string>;
}

export interface Lockfile {
  packages: Record<string, LockEntry>;
}

const OS = ["android", "darwin", "freebsd", "linux", "openbsd", "sunos", "win32", "aix"];
const CPU = ["arm64", "x64", "arm", "ia32", "ppc64", "s390x", "riscv64", "loong64"];

/** os/cpu/libc of a platform package, read from its name (…-linux-arm64-musl); undefined when it names none. */
export function platformOf(name: string): Pick<LockEntry, "os" | "cpu" | "libc"> | undefined {
  const parts = name.split("/").at(-1)?.split("-") ?? [];
  const os = parts.find((p) => OS.includes(p));
  const cpu = parts.find((p) => CPU.includes(p));
  if (!os || !cpu) return undefined;
  const libc = os === "linux" ? [parts.includes("musl") ? "musl" : "glibc"] : undefined;
  return libc ? { os: [os], cpu: [cpu], libc } : { os: [os], cpu: [cpu] };
}

/** Optional platform packages some lock entry depends on that have no lock entry of their own. */
export function missingPlatformEntries(lock: Lockfile): Array<{ path: string; entry: LockEntry }> {
  const missing = new Map<string, LockEntry>();
  for (const [path, entry] of Object.entries(lock.packages)) {
    for (const [name, version] of Object.entries(entry.optionalDependencies ?? {})) {
      const where = `node_modules/${name}`;
      const platform = platformOf(name);
      if (lock.packages[where] || missing.has(where) || !platform) continue;
      missing.set(where, { version, ...(lock.packages[path]?.dev ? { dev: true } : {}), optional: true, ...platform });
    }
  }
  return [...missing].map(([path, entry]) => ({ path, entry }));
}

function main(argv: string[]): void {
  const file = fromRoot("package-lock.json");
  const lock = JSON.parse(readFileSync(file, "utf8")) as Lockfile;
  const missing = missingPlatformEntries(lock);
  if (argv.includes("--check")) {
    if (missing.length > 0) {
      console.error(
        `package-lock.json lacks ${missing.map((m) => m.path).join(", ")}: run node scripts/ci/lockfile-platforms.ts`,
      );
      process.exitCode = 1;
    }
    return;
  }
  for (const { path, entry } of missing) lock.packages[path] = entry;
  lock.packages = Object.fromEntries(
    Object.entries(lock.packages).sort(([a], [b]) => (a === "" ? -1 : b === "" ? 1 : a.localeCompare(b))),
  );
  writeFileSync(file, `${JSON.stringify(lock, null, 2)}\n`);
  console.log(`added ${missing.length} platform entries to package-lock.json`);
}

if (import.meta.main) main(process.argv.slice(2));
