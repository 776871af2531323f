/** Writes the poll lines and retries an Azure session collected into the running check's evidence. */
import type { TestContext } from "vitest";
import { recordPoll } from "../evidence/record.ts";
import type { AzureSession } from "./azure-session.ts";

export async function recordSessionPolls(
  ctx: Pick<TestContext, "annotate">,
  session: Pick<AzureSession<unknown>, "polls"> | undefined,
): Promise<void> {
  for (const line of session?.polls.splice(0) ?? []) await recordPoll(ctx, line);
}
