/** Opens the Azure session of an alert smoke: its settings, the volatile fields of its rows, the hosts it records. */
import type { RunMode } from "../gates.ts";
import { ALERT_EVENT_VOLATILE } from "./alert-event.ts";
import { AlertRun, type AlertRunOptions } from "./alert-run.ts";
import { AlertSteps } from "./alert-steps.ts";
import { type AzureSession, openAzureSession } from "./azure-session.ts";
import { type AlertSettings, readAlertSettings } from "./azure-settings.ts";
import { LOG_ANALYTICS_HOST } from "./recording-filter.ts";

export interface OpenedAlertSmoke {
  session: AzureSession<AlertSettings>;
  steps: AlertSteps;
}

export function openAlertSmoke(
  mode: RunMode,
  recording: string,
  smoke: string,
  options: AlertRunOptions,
): OpenedAlertSmoke {
  const session = openAzureSession(mode, recording, {
    smoke,
    description: `${smoke}: ${options.types.join(", ")}`,
    readSettings: (env) => readAlertSettings(env, options.types),
    volatile: ALERT_EVENT_VOLATILE,
    apiHosts: (s) => [new URL(s.dcrEndpoint).host, LOG_ANALYTICS_HOST],
  });
  try {
    return { session, steps: new AlertSteps(new AlertRun(session, options)) };
  } catch (error) {
    session.close();
    throw error;
  }
}
