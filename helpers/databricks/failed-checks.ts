/**
 * The checks of the current describe block that failed, collected as they fail (vitest onTestFailed), so an
 * afterAll can tell a clean run from a failed one — record mode writes a recording only after a clean run.
 *   const failed = trackFailedChecks();
 *   s.afterAll(async () => report(await session?.finish(failed)));
 */
import { beforeEach } from "vitest";

export function trackFailedChecks(): ReadonlyArray<string> {
  const failed: string[] = [];
  beforeEach((ctx) => {
    ctx.onTestFailed(() => {
      failed.push(ctx.task.name);
    });
  });
  return failed;
}
