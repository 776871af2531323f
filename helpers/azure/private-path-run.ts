/**
 * One run of the private-path-only validation (seed 001 checklist): the Azure plan (private endpoint addresses,
 * public network access), then from inside the cluster — an exec into a Ready LangFuse pod — the resolution of
 * langfuse-internal, the PostgreSQL server and the OpenAI account and a TCP connect to each. Keeps each criterion's
 * verdict for the checklist table in report.md.
 */
import type { V1Pod } from "@kubernetes/client-node";
import type { Clock } from "../clock.ts";
import { execInPod } from "../k8s-cluster/exec.ts";
import type { KubeClients } from "../k8s-cluster/kube-client.ts";
import { readWithRetry } from "../k8s-cluster/read-retry.ts";
import { labelSelectorOf } from "../k8s-cluster/selectors.ts";
import { LANGFUSE_DEPLOYMENT, LANGFUSE_SERVICE } from "../langfuse/langfuse-env.ts";
import type { ArmClient } from "./arm-client.ts";
import type { InfraSettings } from "./azure-settings.ts";
import { AzureCheckError, needed } from "./errors.ts";
import { judgePublicAccess, judgeResolution } from "./private-path-criteria.ts";
import { type PrivateTarget, privatePathPlan } from "./private-path-plan.ts";
import { type ProbeResult, parseProbeOutput, probeCommand } from "./private-path-probe.ts";

export const PRIVATE_PATH_CRITERIA = {
  publicAccess:
    "no public endpoint fallback: PostgreSQL and Azure OpenAI have private endpoints and publicNetworkAccess Disabled",
  langfuse: "LangFuse: langfuse-internal resolves to its ClusterIP inside the cluster and the connection uses it",
  postgres:
    "LangFuse runtime → PostgreSQL: the server's host resolves only to its private endpoint, the connection uses it",
  openai: "Azure OpenAI: the account's host resolves only to its private endpoint, the connection uses it",
} as const;

type Key = keyof typeof PRIVATE_PATH_CRITERIA;

export interface ClusterSide {
  clients: KubeClients;
  clock: Clock;
  waitTimeoutMs: number;
  namespace: string;
}

export interface ProbeRun {
  pod: string;
  container: string;
  langfuse: { host: string; port: number; clusterIP: string };
  results: ProbeResult[];
}

function isReady(pod: V1Pod): boolean {
  return (
    pod.status?.phase === "Running" &&
    (pod.status.conditions ?? []).some((c) => c.type === "Ready" && c.status === "True")
  );
}

export class PrivatePathRun {
  plan: PrivateTarget[] | undefined;
  readonly #verdicts = new Map<Key, string>();
  #probe: Promise<ProbeRun> | undefined;

  async #judge<T>(key: Key, body: () => Promise<T> | T): Promise<T> {
    try {
      const value = await body();
      this.#verdicts.set(key, "PASS");
      return value;
    } catch (error) {
      this.#verdicts.set(key, `FAIL — ${(error instanceof Error ? error.message : String(error)).split("\n")[0]}`);
      throw error;
    }
  }

  publicAccess(arm: ArmClient, settings: InfraSettings): Promise<string[]> {
    return this.#judge("publicAccess", async () => {
      this.plan = await privatePathPlan(arm, settings);
      return judgePublicAccess(PRIVATE_PATH_CRITERIA.publicAccess, this.plan);
    });
  }

  /** The exec into a LangFuse pod, once for all three hosts. */
  probe(side: ClusterSide): Promise<ProbeRun> {
    this.#probe ??= (async () => {
      const plan = needed(this.plan, "no Azure plan (see the public network access check)");
      const ns = side.namespace;
      const service = await readWithRetry(side, `read service/${LANGFUSE_SERVICE}`, () =>
        side.clients.core.readNamespacedService({ name: LANGFUSE_SERVICE, namespace: ns }),
      );
      const deployment = await readWithRetry(side, `read deployment/${LANGFUSE_DEPLOYMENT}`, () =>
        side.clients.apps.readNamespacedDeployment({ name: LANGFUSE_DEPLOYMENT, namespace: ns }),
      );
      const labelSelector = labelSelectorOf(deployment.spec?.selector.matchLabels ?? {});
      const pods = await readWithRetry(side, `list pods ${labelSelector}`, () =>
        side.clients.core.listNamespacedPod({ namespace: ns, labelSelector }),
      );
      const pod = pods.items.find(isReady);
      if (!pod?.metadata?.name) {
        throw new AzureCheckError("PRIVATE_PATH", "exec into a LangFuse pod", [
          `no Ready pod of deployment/${LANGFUSE_DEPLOYMENT} in ${ns} (${labelSelector})`,
        ]);
      }
      const container = pod.spec?.containers[0]?.name ?? LANGFUSE_DEPLOYMENT;
      const langfuse = {
        host: `${LANGFUSE_SERVICE}.${ns}.svc.cluster.local`,
        port: service.spec?.ports?.[0]?.port ?? 3000,
        clusterIP: service.spec?.clusterIP ?? "",
      };
      const targets = [langfuse, ...plan.filter((t) => t.host !== "")];
      const where = `exec in ${ns}/${pod.metadata.name} (${container})`;
      const result = await execInPod(side.clients.kc, {
        namespace: ns,
        pod: pod.metadata.name,
        container,
        command: probeCommand(targets),
        timeoutMs: 60_000,
      });
      if (result.exitCode !== 0) {
        throw new AzureCheckError("PRIVATE_PATH", where, [
          `the probe exited ${result.exitCode}: ${result.stderr.trim() || result.status.message || "no stderr"}`,
        ]);
      }
      return { pod: pod.metadata.name, container, langfuse, results: parseProbeOutput(result.stdout, where) };
    })();
    return this.#probe;
  }

  langfuse(side: ClusterSide): Promise<ProbeResult> {
    return this.#judge("langfuse", async () => {
      const p = await this.probe(side);
      const target = {
        label: `service/${LANGFUSE_SERVICE}`,
        host: p.langfuse.host,
        expected: [p.langfuse.clusterIP],
        endpoint: `ClusterIP of service/${LANGFUSE_SERVICE}`,
      };
      return judgeResolution(
        PRIVATE_PATH_CRITERIA.langfuse,
        target,
        p.results.find((r) => r.host === p.langfuse.host),
      );
    });
  }

  #target(side: ClusterSide, key: "postgres" | "openai", prefix: string): Promise<ProbeResult> {
    return this.#judge(key, async () => {
      const p = await this.probe(side);
      const target = needed(
        this.plan?.find((t) => t.label.startsWith(prefix)),
        `no ${prefix} target in the plan`,
      );
      return judgeResolution(
        PRIVATE_PATH_CRITERIA[key],
        target,
        p.results.find((r) => r.host === target.host),
      );
    });
  }

  postgres(side: ClusterSide): Promise<ProbeResult> {
    return this.#target(side, "postgres", "PostgreSQL");
  }

  openai(side: ClusterSide): Promise<ProbeResult> {
    return this.#target(side, "openai", "Azure OpenAI");
  }

  /** The runbook's checklist with this run's verdicts (markdown), and the rows that failed or did not run. */
  checklist(): { markdown: string; problems: string[] } {
    const v = (k: Key) => this.#verdicts.get(k) ?? "not run";
    const rows: Array<[string, string]> = [
      [
        "Databricks job path reaches LangFuse via private network route only",
        `manual evidence (from Databricks); cluster side: langfuse-internal → ClusterIP: ${v("langfuse")}`,
      ],
      ["LangFuse runtime reaches PostgreSQL via private endpoint only", v("postgres")],
      [
        "No required runtime dependency succeeds via public endpoint fallback",
        `public access: ${v("publicAccess")}; OpenAI private path: ${v("openai")}`,
      ],
    ];
    const problems = (Object.keys(PRIVATE_PATH_CRITERIA) as Key[])
      .filter((k) => v(k) !== "PASS")
      .map((k) => `${PRIVATE_PATH_CRITERIA[k]}: ${v(k)}`);
    const cell = (t: string) => t.replace(/\|/g, "\\|").replace(/\s+/g, " ");
    const markdown = [
      "| checklist item (seed 001) | verdict |",
      "| --- | --- |",
      ...rows.map(([a, b]) => `| ${cell(a)} | ${cell(b)} |`),
    ].join("\n");
    return { markdown, problems };
  }
}
