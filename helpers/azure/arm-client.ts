/**
 * Azure Resource Manager reads on @azure/core-rest-pipeline with an Entra ID token (@azure/identity): GET one
 * resource, or a list followed through its nextLink pages. The pipeline itself never retries or sleeps; a Transient
 * failure (429 with its Retry-After, 5xx, a reset) is retried here on the smoke's clock within the read budget, a
 * Permanent one (403, 404 ResourceNotFound…) fails at once naming the resource (helpers/azure/errors.ts). In replay
 * the pipeline's Node HTTP client goes through MSW (helpers/replay) like every other smokebook HTTP client.
 * One client for every resource kind (private endpoints, DNS, PostgreSQL, Key Vault, alerts): Alerts Management has
 * no SDK this registry serves, and one pipeline keeps retries and redaction the same everywhere.
 */

import {
  bearerTokenAuthenticationPolicy,
  createDefaultHttpClient,
  createPipelineFromOptions,
  createPipelineRequest,
  type HttpClient,
  type Pipeline,
} from "@azure/core-rest-pipeline";
import type { TokenCredential } from "@azure/identity";
import type { Clock } from "../clock.ts";
import type { PollLine } from "../poll.ts";
import { withRetry } from "../retry.ts";
import { ARM_ENDPOINT } from "./api-versions.ts";
import { AzureShapeError, azureHttpFailure } from "./errors.ts";
import { SECRET_REGISTRATION_POLICY, secretRegistrationPolicy } from "./secret-shapes.ts";

export interface ArmClientOptions {
  credential: TokenCredential;
  clock: Clock;
  /** How long one read may keep retrying Transient failures. */
  readTimeoutMs: number;
  endpoint?: string;
  /** Each retry, as a poll line for the evidence. */
  onRetry?: (line: PollLine) => void;
  httpClient?: HttpClient;
}

export interface ArmClient {
  readonly endpoint: string;
  /** GET `path` (from the subscription: "/subscriptions/…"); `resource` names it in messages. */
  get(path: string, apiVersion: string, resource: string, query?: Record<string, string>): Promise<unknown>;
  /** GET a collection, following nextLink; the items of every page. */
  list(path: string, apiVersion: string, resource: string, query?: Record<string, string>): Promise<unknown[]>;
}

const PER_REQUEST_TIMEOUT_MS = 30_000;
const MAX_PAGES = 50;

/** The ARM pipeline: no retries inside, a bearer token for `scope`, credentials registered for redaction. */
export function armPipeline(credential: TokenCredential, scope: string): Pipeline {
  const pipeline = createPipelineFromOptions({
    retryOptions: { maxRetries: 0 },
    userAgentOptions: { userAgentPrefix: "smokebook/0.1.0" },
  });
  pipeline.addPolicy(bearerTokenAuthenticationPolicy({ credential, scopes: scope }));
  pipeline.addPolicy(secretRegistrationPolicy(), { afterPhase: "Sign" });
  return pipeline;
}

function urlFor(endpoint: string, path: string, apiVersion: string, query: Record<string, string>): string {
  const url = new URL(path, endpoint);
  url.searchParams.set("api-version", apiVersion);
  for (const [name, value] of Object.entries(query)) url.searchParams.set(name, value);
  return url.toString();
}

export function createArmClient(options: ArmClientOptions): ArmClient {
  const endpoint = options.endpoint ?? ARM_ENDPOINT;
  const pipeline = armPipeline(options.credential, `${endpoint}/.default`);
  const httpClient = options.httpClient ?? createDefaultHttpClient();
  if (!pipeline.getOrderedPolicies().some((p) => p.name === SECRET_REGISTRATION_POLICY)) {
    throw new Error("the ARM pipeline lost its secret registration policy");
  }

  const once = async (url: string, operation: string, resource: string): Promise<unknown> => {
    const request = createPipelineRequest({ url, method: "GET", timeout: PER_REQUEST_TIMEOUT_MS });
    const response = await pipeline.sendRequest(httpClient, request);
    const text = response.bodyAsText ?? "";
    if (response.status >= 400) {
      const failure = { status: response.status, bodyText: text, retryAfter: response.headers.get("retry-after") };
      throw azureHttpFailure(failure, operation, resource, options.clock.now());
    }
    try {
      return JSON.parse(text) as unknown;
    } catch {
      throw new AzureShapeError(resource, "(body)", `is not JSON (HTTP ${response.status})`);
    }
  };

  const read = (url: string, operation: string, resource: string): Promise<unknown> => {
    const started = options.clock.now();
    return withRetry(operation, () => once(url, operation, resource), {
      clock: options.clock,
      deadline: started + options.readTimeoutMs,
      onRetry: ({ attempt, error, waitMs }) =>
        options.onRetry?.({
          utc: new Date(options.clock.now()).toISOString(),
          attempt,
          elapsedSeconds: Math.round((options.clock.now() - started) / 100) / 10,
          state: `${error.message.split("\n")[0]} — retrying in ${Math.round(waitMs / 100) / 10}s`,
          condition: operation,
        }),
    });
  };

  return {
    endpoint,
    get: (path, apiVersion, resource, query = {}) =>
      read(urlFor(endpoint, path, apiVersion, query), `read ${resource}`, resource),
    async list(path, apiVersion, resource, query = {}) {
      const items: unknown[] = [];
      let next: string | undefined = urlFor(endpoint, path, apiVersion, query);
      for (let page = 1; next !== undefined; page++) {
        if (page > MAX_PAGES) throw new AzureShapeError(resource, "nextLink", `still set after ${MAX_PAGES} pages`);
        const body = (await read(next, `list ${resource}`, resource)) as { value?: unknown; nextLink?: unknown };
        if (!Array.isArray(body?.value)) throw new AzureShapeError(resource, "value", "is not an array");
        items.push(...body.value);
        next = typeof body.nextLink === "string" && body.nextLink !== "" ? body.nextLink : undefined;
      }
      return items;
    },
  };
}
