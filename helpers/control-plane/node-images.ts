/**
 * Images on the node without any registry: an image the local Docker engine has is copied into the node's
 * containerd (`docker save | ctr images import`, namespace k8s.io, where the CRI plugin looks), and the sandbox
 * (pause) image is built from upstream's own build/pause/linux/pause.c of the pinned k8s.io/kubernetes module,
 * compiled statically, imported into Docker as a one-file image and copied the same way.
 */
import { mkdir, rm } from "node:fs/promises";
import { join } from "node:path";
import { $ } from "zx";
import { SmokebookError } from "../errors.ts";
import { fromRoot } from "../paths.ts";
import { PAUSE_IMAGE } from "./node-runtime.ts";

export class NodeImageError extends SmokebookError {
  readonly image: string;

  constructor(image: string, step: string, stderr: string) {
    super("CLUSTER_IMAGE_FAILED", `${step} for ${image} failed: ${stderr.trim().slice(0, 500)}`);
    this.image = image;
  }
}

export async function loadIntoNode(image: string, socket: string, ctr: string, docker = "docker"): Promise<void> {
  const out = await $({
    quiet: true,
    nothrow: true,
  })`${docker} save ${image} | ${ctr} -a ${socket} -n k8s.io images import -`;
  if (out.exitCode !== 0) throw new NodeImageError(image, "docker save | ctr images import", out.stderr);
}

export async function nodeImages(socket: string, ctr: string): Promise<string[]> {
  const out = await $({ quiet: true, nothrow: true })`${ctr} -a ${socket} -n k8s.io images ls -q`;
  if (out.exitCode !== 0) throw new NodeImageError("(all)", "ctr images ls", out.stderr);
  return out.stdout.split("\n").filter((l) => l !== "" && !l.startsWith("sha256:"));
}

/** Builds PAUSE_IMAGE into Docker from upstream's pause.c (once per engine: skipped when the engine has it). */
export async function buildPauseImage(workDir: string, gcc: string, docker = "docker"): Promise<void> {
  const has = await $({ quiet: true, nothrow: true })`${docker} image inspect ${PAUSE_IMAGE}`;
  if (has.exitCode === 0) return;
  const dir = await $({
    quiet: true,
    nothrow: true,
    cwd: fromRoot("tools/kubernetes"),
  })`go list -m -f {{.Dir}} k8s.io/kubernetes`;
  if (dir.exitCode !== 0) throw new NodeImageError(PAUSE_IMAGE, "locating k8s.io/kubernetes (go list -m)", dir.stderr);
  const root = join(workDir, "pause-rootfs");
  await mkdir(root, { recursive: true });
  const source = join(dir.stdout.trim(), "build", "pause", "linux", "pause.c");
  const cc = await $({
    quiet: true,
    nothrow: true,
  })`${gcc} -Os -Wall -Werror -static -DVERSION=v3.10.1-smokebook -o ${join(root, "pause")} ${source}`;
  if (cc.exitCode !== 0) throw new NodeImageError(PAUSE_IMAGE, `compiling ${source}`, cc.stderr);
  const imported = await $({
    quiet: true,
    nothrow: true,
  })`tar -C ${root} -c pause | ${docker} import --change ${'ENTRYPOINT ["/pause"]'} --change ${"USER 65535:65535"} - ${PAUSE_IMAGE}`;
  await rm(root, { recursive: true, force: true });
  if (imported.exitCode !== 0) throw new NodeImageError(PAUSE_IMAGE, "docker import", imported.stderr);
}
