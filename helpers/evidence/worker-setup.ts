/**
 * Runs in every test worker (vitest setupFiles): redacts what tests print and the errors they fail with, before
 * any reporter (default, junit, json, html, UI, evidence) sees them.
 */
import { afterEach, beforeEach, type TestContext } from "vitest";
import { redactText } from "../redact.ts";
import { redactError, type SerializedError } from "./redact-error.ts";

const CONSOLE_METHODS = ["log", "info", "warn", "error", "debug", "trace"] as const;
const patched = Symbol.for("smokebook.redaction");

function redactArg(arg: unknown): unknown {
  if (typeof arg === "string") return redactText(arg);
  if (arg instanceof Error) {
    arg.message = redactText(arg.message);
    if (arg.stack) arg.stack = redactText(arg.stack);
    return arg;
  }
  if (arg && typeof arg === "object") {
    try {
      const json = JSON.stringify(arg);
      if (json !== undefined && redactText(json) !== json) return JSON.parse(redactText(json)) as unknown;
    } catch {
      // circular or exotic: print as it is
    }
  }
  return arg;
}

function patchStream(stream: NodeJS.WriteStream): void {
  const original = stream.write.bind(stream) as (...args: unknown[]) => boolean;
  stream.write = ((chunk: unknown, ...rest: unknown[]) =>
    original(
      typeof chunk === "string"
        ? redactText(chunk)
        : chunk instanceof Uint8Array
          ? redactText(Buffer.from(chunk).toString("utf8"))
          : chunk,
      ...rest,
    )) as typeof stream.write;
}

const state = globalThis as typeof globalThis & { [patched]?: boolean };
if (!state[patched]) {
  state[patched] = true;
  for (const method of CONSOLE_METHODS) {
    const original = console[method].bind(console) as (...args: unknown[]) => void;
    console[method] = (...args: unknown[]) => original(...args.map(redactArg));
  }
  patchStream(process.stdout);
  patchStream(process.stderr);
}

// Annotations reach junit, the UI and the evidence as they are given: redact them on the way in.
// Hooks destructure their context: vitest parses them for fixtures, and defineSmoke's checks use fixtures.
beforeEach(({ task }) => {
  const ctx = task.context;
  const annotate = ctx.annotate.bind(ctx) as (
    message: string,
    ...rest: unknown[]
  ) => ReturnType<TestContext["annotate"]>;
  Object.defineProperty(ctx, "annotate", {
    configurable: true,
    value: (message: string, ...rest: unknown[]) => annotate(redactText(message), ...rest),
  });
});

afterEach(({ task }) => {
  for (const error of (task.result?.errors ?? []) as SerializedError[]) redactError(error);
});
