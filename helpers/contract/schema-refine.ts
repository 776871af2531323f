/**
 * The contract's cross-field rules: every variable a section names is declared in env, every directory a section
 * names is in paths.directories, one render source, no secret with a default. Typed structurally (not against
 * schema.ts's Contract), so the schema and its rules do not import each other.
 */
import type { z } from "zod";

interface Shape {
  app?: { records?: { directory: string } | undefined; failsWithoutDirectories?: boolean | undefined } | undefined;
  paths?:
    | { root: { env: string; default: string }; directories?: Record<string, { env: string }> | undefined }
    | undefined;
  env: Array<{ name: string; source: string; default?: string | undefined; argument?: string | undefined }>;
  port: { env?: string | undefined };
  volumes?: { persistent: string[]; ephemeral: string[] } | undefined;
  kubernetes?: { kustomize?: string | undefined; helm?: unknown } | undefined;
}

export function refineContract(contract: Shape, ctx: z.RefinementCtx): void {
  const issue = (path: PropertyKey[], message: string) => ctx.addIssue({ code: "custom", path, message });
  const envNames = contract.env.map((e) => e.name);
  const directories = Object.keys(contract.paths?.directories ?? {});
  const needEnv = (name: string | undefined, path: PropertyKey[]) => {
    if (name !== undefined && !envNames.includes(name)) issue(path, `${name} is not declared in env`);
  };
  if (contract.paths) {
    needEnv(contract.paths.root.env, ["paths", "root", "env"]);
    for (const [dir, spec] of Object.entries(contract.paths.directories ?? {}))
      needEnv(spec.env, ["paths", "directories", dir, "env"]);
    const rootDefault = contract.env.find((e) => e.name === contract.paths?.root.env)?.default;
    if (rootDefault !== undefined && rootDefault !== contract.paths.root.default) {
      issue(["paths", "root", "default"], `differs from env default ${rootDefault}`);
    }
  }
  needEnv(contract.port.env, ["port", "env"]);
  for (const kind of ["persistent", "ephemeral"] as const) {
    for (const [index, ref] of (contract.volumes?.[kind] ?? []).entries()) {
      if (!ref.startsWith("/") && !directories.includes(ref)) {
        issue(["volumes", kind, index], `${ref} is neither an absolute path nor in paths.directories`);
      }
    }
  }
  const records = contract.app?.records?.directory;
  if (records !== undefined && !directories.includes(records)) {
    issue(["app", "records", "directory"], `${records} is not in paths.directories`);
  }
  if (contract.app?.failsWithoutDirectories && directories.length === 0) {
    issue(["app", "failsWithoutDirectories"], "needs paths.directories (the directories it fails without)");
  }
  const seen = new Set<string>();
  for (const [index, entry] of contract.env.entries()) {
    if (seen.has(entry.name)) issue(["env", index, "name"], `${entry.name} is declared twice`);
    seen.add(entry.name);
    if (entry.source === "secret" && entry.default !== undefined) {
      issue(["env", index, "default"], "a secret has no default");
    }
    if (entry.source === "argument" && entry.argument === undefined) {
      issue(["env", index, "argument"], "source argument needs the flag that carries it (argument: --level)");
    }
  }
  const k = contract.kubernetes;
  if (k && (k.kustomize === undefined) === (k.helm === undefined)) {
    issue(["kubernetes"], "exactly one render source: kustomize or helm");
  }
}
