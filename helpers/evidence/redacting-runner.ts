/**
 * vitest's test runner with one addition: a suite's own errors (a failing beforeAll/afterAll, a file that fails to
 * load) are redacted before the worker reports them, as worker-setup.ts does for test errors. Registered as
 * `test.runner` in vitest.config.ts.
 */
import { type RunnerTestSuite, TestRunner } from "vitest";
import { redactError, type SerializedError } from "./redact-error.ts";

type TaskLike = { result?: { errors?: unknown[] }; tasks?: TaskLike[] };

function redactTaskTree(task: TaskLike): void {
  for (const error of (task.result?.errors ?? []) as SerializedError[]) redactError(error);
  for (const child of task.tasks ?? []) redactTaskTree(child);
}

// biome-ignore lint/style/noDefaultExport: vitest loads a custom runner through its default export
export default class RedactingRunner extends TestRunner {
  override async onAfterRunSuite(suite: RunnerTestSuite): Promise<void> {
    redactTaskTree(suite as unknown as TaskLike);
    await super.onAfterRunSuite?.(suite);
  }
}
