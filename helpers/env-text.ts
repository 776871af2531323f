/** An optional environment variable's value, trimmed; unset, empty and blank all mean "not set" (undefined). */
import type { Env } from "./gates.ts";

export function envText(env: Env, name: string): string | undefined {
  const value = env[name]?.trim();
  return value ? value : undefined;
}
