/**
 * The trace smoke's `credentials` stage: the public/secret key pair from Secret LANGFUSE_SECRET_NAME (keys
 * langfuse-public-key, langfuse-secret-key). Values are registered for redaction as they arrive and only leave as
 * the Basic authorization header (LangFuse public API: username = public key, password = secret key).
 * Recordings keep Secret values blank; a replay passes `allowBlank` and authenticates with a placeholder.
 * The read is retried while Transient (helpers/k8s-cluster/read-retry.ts); a missing Secret fails at once.
 */
import { SmokebookError } from "../errors.ts";
import type { WaitContext } from "../k8s-cluster/check-context.ts";
import { readWithRetry } from "../k8s-cluster/read-retry.ts";
import { registerSecret } from "../redact.ts";
import { statusOf } from "../remote-errors.ts";
import { PUBLIC_KEY_KEY, SECRET_KEY_KEY } from "./langfuse-env.ts";

export interface LangfuseKeys {
  /** "Basic <base64(public:secret)>" */
  authorization: string;
  /** True when the recording's blanked values were replaced by a placeholder. */
  placeholder: boolean;
}

export class CredentialsProblem extends SmokebookError {
  constructor(message: string) {
    super("LANGFUSE_CREDENTIALS", message);
  }
}

function decode(value: string | undefined): string {
  const text = value === undefined ? "" : Buffer.from(value, "base64").toString("utf8");
  registerSecret(value);
  registerSecret(text);
  return text;
}

export async function readLangfuseKeys(
  ctx: WaitContext,
  namespace: string,
  secretName: string,
  allowBlank = false,
): Promise<LangfuseKeys> {
  let data: Record<string, string>;
  try {
    const secret = await readWithRetry(ctx, `read Secret ${namespace}/${secretName}`, () =>
      ctx.clients.core.readNamespacedSecret({ name: secretName, namespace }),
    );
    data = secret.data ?? {};
  } catch (error) {
    if (statusOf(error) === 404)
      throw new CredentialsProblem(`Secret ${namespace}/${secretName} does not exist (LANGFUSE_SECRET_NAME)`);
    throw error;
  }
  const missing = [PUBLIC_KEY_KEY, SECRET_KEY_KEY].filter((k) => !(k in data));
  if (missing.length > 0) {
    throw new CredentialsProblem(
      `Secret ${namespace}/${secretName} lacks key(s) ${missing.join(", ")} (has: ${Object.keys(data).sort().join(", ") || "none"})`,
    );
  }
  let publicKey = decode(data[PUBLIC_KEY_KEY]);
  let secretKey = decode(data[SECRET_KEY_KEY]);
  const blank = [PUBLIC_KEY_KEY, SECRET_KEY_KEY].filter((k) => (k === PUBLIC_KEY_KEY ? publicKey : secretKey) === "");
  let placeholder = false;
  if (blank.length > 0) {
    if (!allowBlank)
      throw new CredentialsProblem(`Secret ${namespace}/${secretName} has empty value(s) for ${blank.join(", ")}`);
    publicKey ||= "pk-replay-placeholder";
    secretKey ||= "sk-replay-placeholder";
    placeholder = true;
  }
  const token = Buffer.from(`${publicKey}:${secretKey}`, "utf8").toString("base64");
  registerSecret(token);
  return { authorization: `Basic ${token}`, placeholder };
}
