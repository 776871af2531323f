/**
 * Commands the local cluster takes from the machine rather than from setup:tools: Debian's containerd (with `ctr`)
 * and runc (both come with docker.io), the CNI plugins (containernetworking-plugins), openssl and a C compiler for
 * the pause binary, docker for the target's image, kubectl. A missing one is named with the package that has it.
 */
import { accessSync, constants } from "node:fs";
import { delimiter, join } from "node:path";
import { SmokebookError } from "../errors.ts";
import { findTool, type ToolName, toolMissingNote } from "../tools/find-tool.ts";
import { CNI_BIN_DIRS } from "./node-runtime.ts";

type Env = Readonly<Record<string, string | undefined>>;

const PACKAGES: Record<string, string> = {
  containerd: "containerd (comes with docker.io)",
  ctr: "containerd (comes with docker.io)",
  runc: "runc (comes with docker.io)",
  openssl: "openssl",
  gcc: "gcc",
  docker: "docker.io",
  kubectl: "kubectl",
};

export class HostCommandMissingError extends SmokebookError {
  readonly command: string;

  constructor(command: string, detail: string) {
    super("CLUSTER_PREREQUISITE_MISSING", `${command} is needed for the local cluster: ${detail}`);
    this.command = command;
  }
}

function onPath(name: string, env: Env): string | undefined {
  for (const dir of (env.PATH ?? "").split(delimiter)) {
    if (dir === "") continue;
    try {
      accessSync(join(dir, name), constants.X_OK);
      return join(dir, name);
    } catch {
      // not here
    }
  }
  return undefined;
}

/** A machine command by name (see PACKAGES), or an error naming the Debian package. */
export function hostCommand(name: keyof typeof PACKAGES, env: Env = process.env): string {
  const found = onPath(name, env);
  if (!found) throw new HostCommandMissingError(name, `not on PATH (install Debian's ${PACKAGES[name]})`);
  return found;
}

/** An upstream tool: on PATH, else built by `npm run setup:tools`. */
export function clusterTool(name: ToolName, env: Env = process.env): string {
  const found = findTool(name, env);
  if (!found) throw new HostCommandMissingError(name, toolMissingNote(name, env));
  return found.path;
}

/** The folder with the bridge/host-local/portmap CNI plugins. */
export function cniBinDir(): string {
  for (const dir of CNI_BIN_DIRS) {
    try {
      accessSync(join(dir, "bridge"), constants.X_OK);
      return dir;
    } catch {
      // not here
    }
  }
  throw new HostCommandMissingError(
    "CNI plugins",
    `no bridge plugin in ${CNI_BIN_DIRS.join(" or ")} (install Debian's containernetworking-plugins)`,
  );
}
