/**
 * How defineSmoke opens each system session under the one contract (system-session.ts). Each system's code is
 * imported on first use, so a smoke that only speaks HTTP never loads the Databricks or Kubernetes clients.
 */
import type { DatabricksSession } from "../databricks/session.ts";
import type { HttpSession, HttpSessionOptions } from "../http/http-session.ts";
import type { ClusterConnection } from "../k8s-cluster/connect.ts";
import type { SessionOpener } from "./system-session.ts";

export function httpOpener(options: HttpSessionOptions): SessionOpener<HttpSession> {
  return async (context) => {
    const { openHttpSession } = await import("../http/http-session.ts");
    return openHttpSession(context, options);
  };
}

export const databricksOpener: SessionOpener<DatabricksSession> = async (context) => {
  const { openSession } = await import("../databricks/session.ts");
  // Record mode with no recording declared is a live run: there is nothing to write.
  const mode = context.mode === "record" && context.recording === undefined ? "live" : context.mode;
  const session = openSession(mode, context.recording ?? "", {
    env: context.env,
    smoke: context.smoke,
    comment: `${context.smoke}, recorded live`,
  });
  return {
    value: session,
    clock: session.clock,
    finish: async (failed) => (await session.finish(failed))?.message,
    release: async () => session.close(),
  };
};

export const kubeOpener: SessionOpener<ClusterConnection> = async (context) => {
  const { connectCluster } = await import("../k8s-cluster/connect.ts");
  const mode = context.mode === "record" && context.recording === undefined ? "live" : context.mode;
  const connection = await connectCluster(mode, context.recording ?? "", context.env);
  return {
    value: connection,
    clock: connection.clock,
    finish: async (failed) => {
      await connection.close({ passed: failed.length === 0 });
      return undefined;
    },
    release: () => connection.close({ verify: false }),
  };
};
