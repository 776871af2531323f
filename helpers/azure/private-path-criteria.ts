/**
 * The private-path verdicts: a host resolves only to the addresses it must (its private endpoint's, or the
 * langfuse-internal ClusterIP), every one of them private, and the TCP connection went to one of them; the PostgreSQL
 * server and the OpenAI account refuse public connections (publicNetworkAccess Disabled). Failures name the host,
 * what it resolved to and what was expected.
 */
import { AzureCheckError } from "./errors.ts";
import type { PrivateTarget } from "./private-path-plan.ts";
import { isPrivateAddress, type ProbeResult } from "./private-path-probe.ts";

export function judgeResolution(
  criterion: string,
  target: { label: string; host: string; expected: ReadonlyArray<string>; endpoint: string | undefined },
  result: ProbeResult | undefined,
): ProbeResult {
  const via = target.endpoint ? `private endpoint ${target.endpoint}` : "the expected private address";
  if (target.expected.length === 0) {
    throw new AzureCheckError("PRIVATE_PATH", criterion, [
      `${target.label}: no ${via} is known, nothing to resolve against`,
    ]);
  }
  if (!result) throw new AzureCheckError("PRIVATE_PATH", criterion, [`${target.host} was not probed`]);
  const expected = target.expected.join(", ");
  if (result.addresses.length === 0) {
    throw new AzureCheckError("PRIVATE_PATH", criterion, [
      `${target.host} does not resolve inside the cluster (${result.error ?? "no address"}); expected ${expected}`,
    ]);
  }
  const outside = result.addresses.filter((a) => !target.expected.includes(a));
  if (outside.length > 0) {
    const kinds = outside
      .map((a) => `${a} (${isPrivateAddress(a) ? "private, but not the endpoint's" : "public"})`)
      .join(", ");
    throw new AzureCheckError("PRIVATE_PATH", criterion, [
      `${target.host} resolves to ${kinds}, not only to ${via}'s ${expected}: the runtime would not use the private path`,
    ]);
  }
  if (result.connected === null) {
    throw new AzureCheckError("PRIVATE_PATH", criterion, [
      `${target.host} resolves to ${result.addresses.join(", ")} (${via}) but the connection to port ${result.port} failed: ${result.error ?? "no peer"}`,
    ]);
  }
  if (!target.expected.includes(result.connected) || !isPrivateAddress(result.connected)) {
    throw new AzureCheckError("PRIVATE_PATH", criterion, [
      `${target.host}: the connection went to ${result.connected}, not to ${expected}`,
    ]);
  }
  return result;
}

export function judgePublicAccess(criterion: string, targets: ReadonlyArray<PrivateTarget>): string[] {
  const problems: string[] = [];
  const facts: string[] = [];
  for (const t of targets) {
    if (!t.endpoint) problems.push(`${t.label}: no private endpoint connects to it`);
    if (t.publicNetworkAccess === "Disabled") facts.push(`${t.label}: publicNetworkAccess Disabled`);
    else {
      problems.push(
        `${t.label}: publicNetworkAccess ${t.publicNetworkAccess ?? "(not reported)"}, expected Disabled — a connection from outside the VNet would be accepted (public endpoint fallback)`,
      );
    }
  }
  if (problems.length > 0) throw new AzureCheckError("PRIVATE_PATH", criterion, problems);
  return facts;
}
