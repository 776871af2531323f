import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { decideMode } from "../gates.ts";
import { writeKubeconfig } from "../k8s-replay/kubeconfig.ts";
import { langfuseTraceSmokeDefinition, langfuseUiSmokeDefinition } from "../langfuse/smokes.ts";
import { kubeconfigProblem } from "./kubeconfig-requirement.ts";
import { k8sClusterSmoke, k8sPodRestartSmoke } from "./smokes.ts";

const dir = mkdtempSync(join(tmpdir(), "smokebook-kubeconfig-requirement-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const file = (name: string, text: string) => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};
const usable = writeKubeconfig(
  { server: "https://127.0.0.1:6443", namespace: "default" },
  mkdtempSync(join(dir, "ok-")),
);
const SMOKES = [k8sClusterSmoke, k8sPodRestartSmoke, langfuseUiSmokeDefinition, langfuseTraceSmokeDefinition];

describe("the kubeconfig as the live prerequisite of the K8s and LangFuse smokes", () => {
  it("a kubeconfig with a current context and its cluster is enough (no request is made)", () => {
    expect(kubeconfigProblem({ KUBECONFIG: usable })).toBeUndefined();
    for (const smoke of SMOKES)
      expect(decideMode(smoke, { [smoke.gate]: "1", KUBECONFIG: usable })).toEqual({ run: "live" });
  });

  it.each(SMOKES)(
    "self-test: $name with its gate on and no kubeconfig replays in auto mode, the live skip note naming KUBECONFIG",
    { tags: ["self-test"] },
    (smoke) => {
      const env = { [smoke.gate]: "1", KUBECONFIG: join(dir, "missing", "config") };
      const decision = decideMode(smoke, env);
      expect(decision.run).toBe("replay");
      expect(decision.liveSkipNote).toBe(
        `no kubeconfig file at KUBECONFIG=${env.KUBECONFIG} (live mode needs a kubeconfig whose current context is the target cluster; set KUBECONFIG)`,
      );
      expect(decideMode(smoke, { ...env, SMOKEBOOK_MODE: "live" })).toMatchObject({
        run: "skip",
        note: expect.stringMatching(/^SMOKEBOOK_MODE=live: no kubeconfig file at KUBECONFIG=/),
      });
    },
  );

  it("self-test: without KUBECONFIG the note names ~/.kube/config", { tags: ["self-test"] }, () => {
    const home = mkdtempSync(join(dir, "home-"));
    expect(kubeconfigProblem({}, home)).toBe(
      `no kubeconfig file at ${join(home, ".kube", "config")} (KUBECONFIG is not set) (live mode needs a kubeconfig whose current context is the target cluster; set KUBECONFIG)`,
    );
    mkdirSync(join(home, ".kube"));
    writeFileSync(join(home, ".kube", "config"), "");
    expect(kubeconfigProblem({}, home)).toMatch(/^kubeconfig .*\/\.kube\/config cannot be loaded: /);
  });

  it("self-test: an empty file, a file without current-context and a context naming no cluster are each named", {
    tags: ["self-test"],
  }, () => {
    const empty = file("empty.yaml", "");
    expect(kubeconfigProblem({ KUBECONFIG: empty })).toMatch(
      new RegExp(`^kubeconfig ${empty} cannot be loaded: .+ \\(live mode needs`),
    );
    const noContext = file("no-context.yaml", "apiVersion: v1\nkind: Config\nclusters: []\nusers: []\ncontexts: []\n");
    expect(kubeconfigProblem({ KUBECONFIG: noContext })).toMatch(
      new RegExp(`^kubeconfig ${noContext} has no current-context .*kubectl config use-context`),
    );
    const dangling = file(
      "dangling.yaml",
      [
        "apiVersion: v1",
        "kind: Config",
        "clusters: [{name: aks, cluster: {server: 'https://aks.invalid'}}]",
        "users: [{name: me, user: {}}]",
        "contexts: [{name: staging, context: {cluster: gone, user: me}}]",
        "current-context: staging",
        "",
      ].join("\n"),
    );
    expect(kubeconfigProblem({ KUBECONFIG: dangling })).toMatch(
      /: current context staging names cluster gone, which it does not define/,
    );
    expect(decideMode(k8sClusterSmoke, { RUN_K8S_CLUSTER_SMOKE: "1", KUBECONFIG: dangling })).toMatchObject({
      run: "replay",
      liveSkipNote: expect.stringContaining("names cluster gone"),
    });
  });
});
