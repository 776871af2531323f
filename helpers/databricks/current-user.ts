/** The Databricks auth context: who the credentials act as (SCIM Me, like `databricks current-user me`). */
import type { iam, WorkspaceClient } from "@databricks/sdk-experimental";
import { type CallContext, callDatabricks } from "./api-call.ts";

export function currentUser(client: WorkspaceClient, context: CallContext): Promise<iam.User> {
  return callDatabricks("current-user me (SCIM Me)", () => client.currentUser.me(), context);
}
