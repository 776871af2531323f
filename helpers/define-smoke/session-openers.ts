/**
 * How defineSmoke opens each system session under the one contract (system-session.ts). Each system's code is
 * imported on first use, so a smoke that only speaks HTTP never loads the Databricks or Kubernetes clients.
 */
import type { PollSettings } from "../databricks/poll-settings.ts";
import type { DatabricksSession, SmokeRecordingProfile } from "../databricks/session.ts";
import type { Env, RunMode } from "../gates.ts";
import type { HttpSession, HttpSessionOptions } from "../http/http-session.ts";
import type { ClusterConnection } from "../k8s-cluster/connect.ts";
import type { OpenedSession, SessionContext, SessionOpener } from "./system-session.ts";

/** Replay with not every check run (`-t`, a bail): released without asserting the recording was used up. */
function notVerifiedWhenIncomplete<T>(context: SessionContext, session: OpenedSession<T>): OpenedSession<T> {
  if (context.mode !== "replay") return session;
  return {
    ...session,
    finish: async (failed, complete = true) => {
      if (complete) return session.finish(failed, complete);
      await session.release();
      return undefined;
    },
  };
}

export function httpOpener(options: HttpSessionOptions): SessionOpener<HttpSession> {
  return async (context) => {
    const { openHttpSession } = await import("../http/http-session.ts");
    return notVerifiedWhenIncomplete(context, await openHttpSession(context, options));
  };
}

/** A smoke's Databricks session: its recording profile, what its recordings hold, and its poll settings. */
export interface DatabricksSessionSpec<S> {
  /** The smoke's name and volatile body fields, kept in each recording it writes. */
  profile: SmokeRecordingProfile;
  /** What the recording holds, for its log.comment ("DEV-019 watchdog smoke, recorded live"). */
  description?: string;
  /** Record: the poll settings of this run (from the smoke's settings), kept so replays poll the same way. */
  poll?: (settings: S) => PollSettings;
}

export function databricksOpener<S>(spec: DatabricksSessionSpec<S> | true): SessionOpener<DatabricksSession> {
  return async (context) => {
    const { openSession } = await import("../databricks/session.ts");
    // Record mode with no recording declared is a live run: there is nothing to write.
    const mode = context.mode === "record" && context.recording === undefined ? "live" : context.mode;
    const profile = spec === true ? undefined : spec;
    const polls = profile?.poll && profile.profile.polls && mode !== "replay" && context.settings;
    const poll = polls ? profile.poll?.((await context.settings?.()) as S) : undefined;
    const session = openSession(mode, context.recording ?? "", {
      env: context.env,
      smoke: profile?.profile.smoke ?? context.smoke,
      comment: profile?.description ?? `${context.smoke}, recorded live`,
      ...(profile ? { volatile: profile.profile.volatile } : {}),
      poll,
    });
    return notVerifiedWhenIncomplete(context, {
      value: session,
      clock: session.clock,
      finish: async (failed) => (await session.finish(failed))?.message,
      release: async () => session.close(),
    });
  };
}

export interface KubeSessionSpec {
  /**
   * The namespace the smoke works in: a recording made through this session ends with the runbook's §6.2 kubectl
   * checklist there and replays with it as the kubeconfig's namespace (default: the kubeconfig's own).
   */
  namespace?: (env: Env, mode: RunMode) => string;
}

export function kubeOpener(spec: KubeSessionSpec = {}): SessionOpener<ClusterConnection> {
  return async (context) => {
    const { connectCluster } = await import("../k8s-cluster/connect.ts");
    const mode = context.mode === "record" && context.recording === undefined ? "live" : context.mode;
    const namespace = spec.namespace?.(context.env, context.mode);
    const connection = await connectCluster(
      mode,
      context.recording ?? "",
      context.env,
      namespace !== undefined ? { namespace } : {},
    );
    return {
      value: connection,
      clock: connection.clock,
      // A recording replaces the committed one only when every check of the block ran and passed.
      finish: async (failed, complete = true) => {
        await connection.close({ verify: complete, passed: complete && failed.length === 0 });
        return undefined;
      },
      release: () => connection.close({ verify: false }),
    };
  };
}
