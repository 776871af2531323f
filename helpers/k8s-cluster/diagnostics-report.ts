/** ClusterDiagnostics as the markdown report.md prints under the suite (a `kubectl describe`-like digest). */
import type { Classification } from "./classify.ts";
import type { ClusterDiagnostics, EventSummary } from "./diagnostics.ts";

function cell(text: string): string {
  return text.replace(/\|/g, "\\|").replace(/\n/g, " ");
}

function eventRows(events: ReadonlyArray<EventSummary>): string[] {
  if (events.length === 0) return ["_no events_"];
  return [
    "| type | reason | count | last | message |",
    "| --- | --- | --- | --- | --- |",
    ...events.map((e) => `| ${e.type} | ${e.reason} | ${e.count} | ${e.last} | ${cell(e.message)} |`),
  ];
}

function codeBlock(lines: ReadonlyArray<string>): string[] {
  return lines.length === 0 ? ["_empty_"] : ["```", ...lines, "```"];
}

export function diagnosticsMarkdown(d: ClusterDiagnostics, classification: Classification): string {
  const out: string[] = [
    `**Classification:** ${classification.label} — ${classification.hint}`,
    `Evidence: ${cell(classification.evidence)}`,
    "",
    `Deployment ${d.namespace}/${d.deployment}: ${d.deploymentStatus}`,
    "",
    "| PVC | status | storage class |",
    "| --- | --- | --- |",
    ...d.pvcs.map((p) => `| ${p.name} | ${p.phase} | ${p.storageClass} |`),
  ];
  for (const pvc of d.pvcs.filter((p) => p.events.length > 0))
    out.push("", `Events of PVC ${pvc.name}:`, ...eventRows(pvc.events));
  for (const pod of d.pods) {
    out.push(
      "",
      `Pod ${pod.name} (node ${pod.node ?? "-"}): ${pod.status}, ready ${pod.ready}, restarts ${pod.restarts}`,
    );
    for (const c of pod.containers) {
      const last = c.lastTermination
        ? `; last termination ${c.lastTermination.reason ?? "?"} (exit code ${c.lastTermination.exitCode ?? "?"})`
        : "";
      const waiting = c.waitingReason
        ? ` ${c.waitingReason}${c.waitingMessage ? `: ${cell(c.waitingMessage)}` : ""}`
        : "";
      out.push(`- container ${c.name}: ${c.state}${waiting}, ready ${c.ready}, restarts ${c.restartCount}${last}`);
    }
    out.push("", "Events:", ...eventRows(pod.events));
    out.push("", `Last ${pod.logTail.length} log lines:`, ...codeBlock(pod.logTail));
    if (pod.previousLogTail.length > 0) out.push("", "Previous container log:", ...codeBlock(pod.previousLogTail));
  }
  if (d.pods.length === 0) out.push("", "_no pods match the Deployment's selector_");
  if (d.unavailable.length > 0) out.push("", "Not available:", ...d.unavailable.map((u) => `- ${cell(u)}`));
  return out.join("\n");
}
