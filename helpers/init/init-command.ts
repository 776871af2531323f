/**
 * `smokebook init <service-folder>`: drafts <service-folder>/contract.yaml (or --out) from the service's Dockerfile and
 * the rendered manifests of one workload, writes it, and returns the text and the fields to review.
 *
 *   smokebook init ../app --kustomize ../app/deploy/overlays/prod --out ops/app/contract.yaml
 *   smokebook init ../podinfo --helm ../podinfo/charts/podinfo --values values.yaml --values values-prod.yaml
 */
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { basename, dirname, isAbsolute, join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { displayPath } from "../contract/load.ts";
import { readDockerfile } from "./dockerfile-facts.ts";
import { draftContract, type RenderSpec } from "./draft-contract.ts";
import { InitError, pickWorkload } from "./pick-workload.ts";
import { renderForInit } from "./render-source.ts";
import type { ReviewItem } from "./review.ts";
import { workloadFacts } from "./workload-facts.ts";
import { draftText } from "./write-draft.ts";

type Env = Readonly<Record<string, string | undefined>>;

export const INIT_USAGE = `usage: smokebook init <service-folder> (--kustomize <dir> | --helm <chart> [--values <file>]...)
         [--workload <name>] [--container <name>] [--start "<command>"] [--health <path>] [--port <number>]
         [--dockerfile <file>] [--release <name>] [--namespace <ns>] [--out <file>] [--force]

Drafts an execution contract from the service's Dockerfile and the rendered manifests of one workload.
  --kustomize <dir>     the kustomize folder (overlay) to render
  --helm <chart>        the Helm chart folder; --values files apply in order (relative to the chart or the cwd)
  --workload <name>     the Deployment/StatefulSet/DaemonSet (required when the render holds several)
  --start "<command>"   how to start the app locally (Local stage); --health <path> the endpoint it answers
  --out <file>          where to write the contract (default <service-folder>/contract.yaml); its paths are
                        relative to this file's folder
  --force               overwrite an existing contract file`;

export interface InitOptions {
  serviceDir: string;
  render: RenderSpec;
  workload?: string | undefined;
  container?: string | undefined;
  start?: string | undefined;
  health?: string | undefined;
  port?: number | undefined;
  dockerfile?: string | undefined;
  out: string;
  force: boolean;
}

export interface InitResult {
  file: string;
  text: string;
  review: ReviewItem[];
}

function valuesFile(chart: string, file: string, cwd: string): string {
  if (isAbsolute(file)) return file;
  const inChart = join(chart, file);
  return existsSync(resolve(cwd, file)) ? resolve(cwd, file) : inChart;
}

export function parseInitArgs(argv: string[], cwd: string = process.cwd()): InitOptions {
  let parsed: ReturnType<
    typeof parseArgs<{
      options: Record<string, { type: "string" | "boolean"; multiple?: boolean }>;
      allowPositionals: true;
    }>
  >;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        kustomize: { type: "string" },
        helm: { type: "string" },
        values: { type: "string", multiple: true },
        workload: { type: "string" },
        container: { type: "string" },
        start: { type: "string" },
        health: { type: "string" },
        port: { type: "string" },
        dockerfile: { type: "string" },
        release: { type: "string" },
        namespace: { type: "string" },
        out: { type: "string" },
        force: { type: "boolean" },
      },
    });
  } catch (error) {
    throw new InitError(`${(error as Error).message}\n${INIT_USAGE}`);
  }
  const v = parsed.values as Record<string, string | string[] | boolean | undefined>;
  const str = (key: string) => v[key] as string | undefined;
  const [service, ...extra] = parsed.positionals;
  if (!service || extra.length > 0) throw new InitError(`one <service-folder> is required\n${INIT_USAGE}`);
  const serviceDir = resolve(cwd, service);
  if (!existsSync(serviceDir)) throw new InitError(`service folder ${service} does not exist`);
  if ((str("kustomize") === undefined) === (str("helm") === undefined)) {
    throw new InitError(`exactly one of --kustomize <dir> or --helm <chart>\n${INIT_USAGE}`);
  }
  if (str("helm") === undefined && v.values !== undefined) throw new InitError("--values needs --helm <chart>");
  let render: RenderSpec;
  if (str("kustomize") !== undefined) render = { kind: "kustomize", dir: resolve(cwd, str("kustomize") as string) };
  else {
    const chart = resolve(cwd, str("helm") as string);
    const values = ((v.values as string[] | undefined) ?? []).map((f) => valuesFile(chart, f, cwd));
    for (const file of values) if (!existsSync(file)) throw new InitError(`--values ${file} does not exist`);
    render = { kind: "helm", chart, values, release: str("release") ?? basename(chart), namespace: str("namespace") };
  }
  const port = str("port") !== undefined ? Number(str("port")) : undefined;
  if (port !== undefined && !(Number.isInteger(port) && port >= 1 && port <= 65535)) {
    throw new InitError(`--port ${str("port")}: not a port number`);
  }
  const health = str("health");
  if (health !== undefined && !health.startsWith("/"))
    throw new InitError(`--health ${health}: a path starting with /`);
  return {
    serviceDir,
    render,
    workload: str("workload"),
    container: str("container"),
    start: str("start"),
    health,
    port,
    dockerfile: str("dockerfile") !== undefined ? resolve(cwd, str("dockerfile") as string) : undefined,
    out: resolve(cwd, str("out") ?? join(service, "contract.yaml")),
    force: v.force === true,
  };
}

export async function runInit(options: InitOptions, env: Env = process.env): Promise<InitResult> {
  if (existsSync(options.out) && !options.force) {
    throw new InitError(`${options.out} already exists (pass --force to overwrite it)`);
  }
  const objects = await renderForInit(options.render, env);
  const shownAs = displayPath(options.render.kind === "kustomize" ? options.render.dir : options.render.chart);
  const workload = pickWorkload(objects, options.workload, shownAs);
  const facts = workloadFacts(objects, workload, options.container);
  const dockerfilePath = options.dockerfile ?? join(options.serviceDir, "Dockerfile");
  if (options.dockerfile && !existsSync(dockerfilePath))
    throw new InitError(`--dockerfile ${dockerfilePath} does not exist`);
  const dockerfile = existsSync(dockerfilePath) ? readDockerfile(dockerfilePath) : undefined;
  const draft = draftContract({ ...options, dockerfile, workload: facts });
  const text = draftText(draft.contract, options.out, draft.review);
  mkdirSync(dirname(options.out), { recursive: true });
  writeFileSync(options.out, text);
  return { file: options.out, text, review: draft.review };
}
