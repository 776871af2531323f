/**
 * The local Node base image (smokebook/node-base:24), built with `docker import` from this machine's Node binary,
 * since no image can be pulled here. Idempotent: skipped when an image with the same Node version label exists.
 * The Docker stage asks for it through base-image-source.ts, once per process.
 */
import { rmSync } from "node:fs";
import { SmokebookError } from "../errors.ts";
import { run } from "../process/run.ts";
import { streamStdout } from "../process/stream-stdout.ts";
import { buildRootfs } from "./base-rootfs.ts";
import { findBusybox } from "./busybox.ts";
import { docker } from "./docker-cli.ts";

export const BASE_IMAGE = "smokebook/node-base:24";
export const NODE_VERSION_LABEL = "org.smokebook.node-version";
export const RECIPE_LABEL = "org.smokebook.base-recipe";
/** Bump when the rootfs recipe changes, so existing images are rebuilt. */
export const RECIPE_VERSION = "1";

export class BaseImageError extends SmokebookError {
  constructor(message: string, cause?: unknown) {
    super("BASE_IMAGE_FAILED", message, { cause });
  }
}

export type LabelReader = (image: string) => Promise<Record<string, string> | undefined>;

export interface BaseImageOptions {
  image?: string;
  force?: boolean;
  nodePath?: string;
  log?: (line: string) => void;
  /** How to read the image's labels (default: the docker CLI; the Docker stage passes its engine client's). */
  labels?: LabelReader;
}

export interface BaseImageResult {
  image: string;
  built: boolean;
  nodeVersion: string;
}

/** The labels of `image`, or undefined when it does not exist (docker image inspect). */
export async function imageLabels(image: string): Promise<Record<string, string> | undefined> {
  const result = await run(["docker", "image", "inspect", "--format", "{{json .Config.Labels}}", image]);
  if (result.exitCode !== 0) return undefined;
  return (JSON.parse(result.stdout.trim() || "null") as Record<string, string> | null) ?? {};
}

function importRootfs(root: string, image: string, nodeVersion: string): Promise<void> {
  const tarArgs = ["--numeric-owner", "-C", root, "-cf", "-", "."];
  if (process.getuid?.() !== 0) tarArgs.unshift("--owner=0", "--group=0");
  const tar = streamStdout(["tar", ...tarArgs]);
  const changes = [
    "ENV PATH=/usr/local/bin:/usr/bin:/bin",
    `LABEL ${NODE_VERSION_LABEL}=${nodeVersion} ${RECIPE_LABEL}=${RECIPE_VERSION}`,
    'CMD ["/bin/sh"]',
  ].flatMap((c) => ["--change", c]);
  const imported = docker(["import", ...changes, "-", image], { input: tar, timeoutMs: 300_000 });
  return imported.then(() => undefined);
}

export async function ensureBaseImage(options: BaseImageOptions = {}): Promise<BaseImageResult> {
  const image = options.image ?? BASE_IMAGE;
  const nodePath = options.nodePath ?? process.execPath;
  const log = options.log ?? (() => {});
  const nodeVersion =
    nodePath === process.execPath ? process.version : (await run([nodePath, "--version"])).stdout.trim();
  const labels = await (options.labels ?? imageLabels)(image);
  if (!options.force && labels?.[NODE_VERSION_LABEL] === nodeVersion && labels[RECIPE_LABEL] === RECIPE_VERSION) {
    log(`${image} exists with Node ${nodeVersion}: nothing to do (--force rebuilds)`);
    return { image, built: false, nodeVersion };
  }
  const busyboxPath = await findBusybox({ log });
  log(`building ${image} from ${nodePath} (Node ${nodeVersion}) and ${busyboxPath}`);
  const root = await buildRootfs({ nodePath, busyboxPath, uid: 1000, gid: 1000, user: "observer" });
  try {
    await importRootfs(root, image, nodeVersion);
  } catch (error) {
    throw new BaseImageError(`docker import of ${image} failed: ${(error as Error).message}`, error);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
  const check = await run(["docker", "run", "--rm", image, "node", "--version"]);
  if (check.stdout.trim() !== nodeVersion) {
    throw new BaseImageError(
      `${image} was built but \`node --version\` in it says ${JSON.stringify(check.stdout.trim())}: ${check.stderr.trim()}`,
    );
  }
  log(`built ${image} (Node ${nodeVersion})`);
  return { image, built: true, nodeVersion };
}
