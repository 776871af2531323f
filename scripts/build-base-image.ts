/**
 * Builds the local Node base image smokebook/node-base:24 (the default BASE_IMAGE of fixtures/target's Dockerfile)
 * with `docker import`, from this machine's Node binary, its shared libraries and busybox.
 *
 *   npm run docker:base-image [-- --force]
 *
 * Idempotent: skips when the image exists with the same Node version label, unless --force. Needs busybox: when it
 * is missing, installs busybox-static as root or through passwordless sudo, else says how to install it.
 * With SMOKEBOOK_BASE_IMAGE set to another image nothing is built: that image is checked (and pulled when missing).
 */
import { BASE_IMAGE, ensureBaseImage } from "../helpers/docker/base-image.ts";
import { BASE_IMAGE_VARIABLE, provideBaseImage, readBaseImage } from "../helpers/docker/base-image-source.ts";

export { BASE_IMAGE, ensureBaseImage };

async function main(argv: string[]): Promise<number> {
  const unknown = argv.filter((a) => a !== "--force");
  if (unknown.length > 0) {
    console.error(`unknown argument ${unknown.join(" ")}; usage: node scripts/build-base-image.ts [--force]`);
    return 2;
  }
  const chosen = readBaseImage();
  if (chosen !== BASE_IMAGE) {
    // Another base image: nothing is built here; make sure the engine has it (pulled when missing).
    const status = await provideBaseImage(chosen);
    console.log(`${BASE_IMAGE_VARIABLE}=${chosen}: ${status.available ? "available" : status.note}`);
    return status.available ? 0 : 1;
  }
  try {
    const result = await ensureBaseImage({ force: argv.includes("--force"), log: (line) => console.log(line) });
    console.log(`${result.image}: ${result.built ? "built" : "up to date"} (Node ${result.nodeVersion})`);
    return 0;
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    return 1;
  }
}

if (import.meta.main) process.exitCode = await main(process.argv.slice(2));
