/**
 * Drafts an execution contract from what a service already has: its Dockerfile and the rendered manifests of one
 * workload. Everything is declared from what the files say (so the unmodified service passes its own contract);
 * what the draft had to guess, or what looks wrong (a literal value for a secret-looking name, `latest`), is listed
 * for review. Paths are relative to the contract file's folder.
 */
import { dirname, relative, sep } from "node:path";
import type { IProbe } from "kubernetes-models/v1/Probe";
import type { ContractInput } from "../contract/schema.ts";
import { ENV_NAME, type ProbeSpec } from "../contract/schema-fields.ts";
import type { DockerfileFacts } from "./dockerfile-facts.ts";
import { InitError } from "./pick-workload.ts";
import { type ReviewItem, SECRET_NAME } from "./review.ts";
import { draftTagFormats } from "./tag-format.ts";
import type { WorkloadFacts } from "./workload-facts.ts";

export type RenderSpec =
  | { kind: "kustomize"; dir: string }
  | { kind: "helm"; chart: string; values: string[]; release?: string | undefined; namespace?: string | undefined };

export interface DraftInput {
  /** Absolute path of the contract file to write. */
  out: string;
  serviceDir: string;
  dockerfile?: DockerfileFacts | undefined;
  render: RenderSpec;
  workload: WorkloadFacts;
  start?: string | undefined;
  health?: string | undefined;
  port?: number | undefined;
}

export interface Draft {
  contract: ContractInput;
  review: ReviewItem[];
}

type Env = ContractInput["env"] extends (infer E)[] | undefined ? E : never;

/** A path as the contract names it: relative to the contract's folder, with forward slashes. */
export function contractRelative(out: string, path: string): string {
  const rel = relative(dirname(out), path).split(sep).join("/");
  return rel === "" ? "." : rel;
}

function portFlag(argv: ReadonlyArray<string>, port: number): string | undefined {
  for (const [index, arg] of argv.entries()) {
    const inline = /^(--?[A-Za-z0-9][-A-Za-z0-9_.]*)=(\d+)$/.exec(arg);
    if (inline && Number(inline[2]) === port && /port/i.test(inline[1] as string)) return inline[1];
    if (/^--?[A-Za-z0-9][-A-Za-z0-9_.]*port$/i.test(arg) && Number(argv[index + 1]) === port) return arg;
  }
  return undefined;
}

function choosePort(input: DraftInput, review: ReviewItem[]): { number: number; name?: string } {
  const { ports } = input.workload;
  if (input.port !== undefined) {
    const named = ports.find((p) => p.containerPort === input.port);
    return { number: input.port, ...(named?.name ? { name: named.name } : {}) };
  }
  const expose = input.dockerfile?.expose ?? [];
  const chosen =
    ports.find((p) => p.name === "http") ?? ports.find((p) => expose.includes(p.containerPort)) ?? ports[0];
  if (chosen) {
    if (ports.length > 1) {
      review.push({
        field: "port",
        why: `the container has ${ports.length} ports (${ports.map((p) => p.name ?? p.containerPort).join(", ")}); drafted ${chosen.name ?? chosen.containerPort} — pass --port to choose`,
      });
    }
    return { number: chosen.containerPort, ...(chosen.name ? { name: chosen.name } : {}) };
  }
  const fallback = expose[0];
  if (fallback === undefined) throw new InitError("no containerPort and no Dockerfile EXPOSE: pass --port <number>");
  review.push({
    field: "port",
    why: `no containerPort in the manifests; drafted from the Dockerfile's EXPOSE ${fallback}`,
  });
  return { number: fallback };
}

function probeSpec(probe: IProbe, port: { number: number; name?: string }): ProbeSpec | undefined {
  const keep = (p: number | string | undefined) =>
    p === undefined || p === port.number || p === port.name ? {} : { port: p };
  if (probe.httpGet) return { httpGet: { path: probe.httpGet.path ?? "/", ...keep(probe.httpGet.port) } };
  if (probe.tcpSocket) return { tcpSocket: keep(probe.tcpSocket.port) };
  if (probe.grpc)
    return { grpc: { ...keep(probe.grpc.port), ...(probe.grpc.service ? { service: probe.grpc.service } : {}) } };
  if (probe.exec?.command?.length) return { exec: { command: probe.exec.command } };
  return undefined;
}

export function draftContract(input: DraftInput): Draft {
  const review: ReviewItem[] = [];
  const { workload: w, dockerfile, out } = input;
  const port = choosePort(input, review);
  const dockerEnv = new Map((dockerfile?.env ?? []).map((e) => [e.name, e.value]));
  const env: Env[] = [];
  const external = {
    configMaps: [] as Array<{ name: string; keys: string[] }>,
    secrets: [] as Array<{ name: string; keys: string[] }>,
  };
  const addExternal = (list: Array<{ name: string; keys: string[] }>, name: string, key: string) => {
    let entry = list.find((e) => e.name === name);
    if (!entry) {
      entry = { name, keys: [] };
      list.push(entry);
    }
    if (entry && ENV_NAME.test(key) && !entry.keys.includes(key)) entry.keys.push(key);
  };
  const withDefault = (name: string) =>
    dockerEnv.has(name) && dockerEnv.get(name) !== "" ? { default: dockerEnv.get(name) } : {};
  for (const fact of w.env) {
    if (!ENV_NAME.test(fact.name) || env.some((e) => e.name === fact.name)) continue;
    const field = `env[${env.length}]`;
    const from = fact.from;
    if (from.source === "literal") {
      env.push({ name: fact.name, source: "literal", required: true, ...withDefault(fact.name) });
      if (SECRET_NAME.test(fact.name)) {
        review.push({
          field: `${field} ${fact.name}`,
          why: "a literal value in the manifests for a secret-looking name: move it to a Secret (source: secret)",
        });
      }
    } else if (from.source === "configmap" || from.source === "secret") {
      const entry: Env = { name: fact.name, source: from.source, required: !from.optional };
      env.push(from.source === "configmap" ? { ...entry, ...withDefault(fact.name) } : entry);
      if (!from.rendered)
        addExternal(from.source === "configmap" ? external.configMaps : external.secrets, from.object, from.key);
    } else if (from.source === "fieldRef") {
      env.push({ name: fact.name, source: "fieldRef", required: true, fieldPath: from.fieldPath });
    } else {
      review.push({
        field: `container env ${fact.name}`,
        why: `valueFrom ${from.detail} is not a contract source; not drafted`,
      });
    }
  }
  for (const from of w.envFrom) {
    if (!from.rendered) {
      (from.source === "configmap" ? external.configMaps : external.secrets).push({ name: from.object, keys: [] });
      review.push({
        field: `kubernetes.external.${from.source === "configmap" ? "configMaps" : "secrets"}`,
        why: `envFrom ${from.source === "configmap" ? "ConfigMap" : "Secret"} ${from.object} is not in the manifests: declared without keys; add the variables it must provide to env`,
      });
      continue;
    }
    for (const key of from.keys) {
      if (ENV_NAME.test(key) && !env.some((e) => e.name === key))
        env.push({
          name: key,
          source: from.source,
          required: true,
          ...(from.source === "configmap" ? withDefault(key) : {}),
        });
    }
  }
  for (const [name, value] of dockerEnv) {
    if (!env.some((e) => e.name === name) && value !== "")
      env.push({ name, source: "literal", required: false, default: value });
  }
  const portEnv = env.find(
    (e) =>
      /PORT/.test(e.name) &&
      (e.default === String(port.number) ||
        w.env.some((f) => f.name === e.name && f.from.source === "literal" && f.from.value === String(port.number))),
  );
  const argument = portFlag(w.argv, port.number);

  const contract: ContractInput = {
    contractVersion: 1,
    name: w.name,
    env,
    port: {
      number: port.number,
      ...(port.name ? { name: port.name } : {}),
      ...(portEnv ? { env: portEnv.name } : {}),
      ...(argument ? { argument } : {}),
    },
  };
  if (input.start) contract.app = { workdir: contractRelative(out, input.serviceDir), start: input.start };
  else review.push({ field: "app", why: "no --start: the Local stage is not declared" });

  const readinessPath = w.probes.readiness?.httpGet?.path;
  if (input.health) contract.health = { path: input.health };
  else if (readinessPath?.startsWith("/")) {
    contract.health = { path: readinessPath };
    review.push({
      field: "health.path",
      why: `drafted from the readinessProbe (${readinessPath}); pass --health to choose`,
    });
  } else
    review.push({
      field: "health",
      why: "no --health and no httpGet readinessProbe: the Local/Docker health GET is not declared",
    });

  const persistent = w.mounts.filter((m) => m.kind === "persistent").map((m) => m.mountPath);
  const ephemeral = w.mounts.filter((m) => m.kind === "ephemeral").map((m) => m.mountPath);
  if (persistent.length + ephemeral.length > 0) {
    contract.volumes = {
      ...(persistent.length > 0 ? { persistent } : {}),
      ...(ephemeral.length > 0 ? { ephemeral } : {}),
    };
  }
  for (const m of w.mounts.filter((x) => x.kind === "config" || x.kind === "other")) {
    review.push({
      field: "volumes",
      why: `mount ${m.mountPath} (${m.detail}) is not a contract volume kind; not drafted`,
    });
  }

  const permissions: NonNullable<ContractInput["permissions"]> = {};
  const s = w.security;
  if (s.runAsUser !== undefined) permissions.uid = s.runAsUser;
  if (s.runAsGroup !== undefined) permissions.gid = s.runAsGroup;
  if (s.fsGroup !== undefined) permissions.fsGroup = s.fsGroup;
  if (s.runAsNonRoot !== undefined) permissions.runAsNonRoot = s.runAsNonRoot;
  const user = dockerfile?.user?.split(":")[0];
  if (user && !/^\d+$/.test(user)) permissions.user = user;
  if (user && /^\d+$/.test(user) && s.runAsUser !== undefined && Number(user) !== s.runAsUser) {
    review.push({ field: "permissions.uid", why: `Dockerfile USER ${user} differs from runAsUser ${s.runAsUser}` });
  }
  if (s.runAsUser === undefined) {
    review.push({
      field: "permissions.uid",
      why: `no runAsUser in the manifests${user ? ` (Dockerfile USER ${user})` : ""}: uid not declared`,
    });
  }
  if (Object.keys(permissions).length > 0) contract.permissions = permissions;

  const tags = draftTagFormats(w.image);
  contract.image = { repository: w.image.repository, tagFormats: tags.formats };
  if (w.image.tag === undefined || w.image.tag === "latest") {
    review.push({
      field: "image",
      why: `${w.image.reference} uses ${w.image.tag ?? "no tag"}: never allowed (pin a version or a digest)`,
    });
  } else if (tags.guessed) {
    review.push({ field: "image.tagFormats", why: `drafted a regex from the tag ${w.image.tag}` });
  }

  if (dockerfile) {
    contract.docker = {
      dockerfile: contractRelative(out, dockerfile.file),
      context: contractRelative(out, dirname(dockerfile.file)),
      ...(dockerfile.baseImageArg ? { baseImageArg: dockerfile.baseImageArg } : {}),
    };
  } else
    review.push({ field: "docker", why: "no Dockerfile found: the Docker stage is not declared (pass --dockerfile)" });

  const k: NonNullable<ContractInput["kubernetes"]> = {};
  if (input.render.kind === "kustomize") k.kustomize = contractRelative(out, input.render.dir);
  else {
    k.helm = {
      chart: contractRelative(out, input.render.chart),
      values: input.render.values.map((v) => contractRelative(out, v)),
      ...(input.render.release ? { release: input.render.release } : {}),
      ...(input.render.namespace ? { namespace: input.render.namespace } : {}),
    };
  }
  k.workload = w.name;
  if (w.kind !== "Deployment") k.kind = w.kind as "StatefulSet" | "DaemonSet";
  k.container = w.container.name;
  if (w.service?.metadata?.name) k.service = w.service.metadata.name;
  else review.push({ field: "kubernetes.service", why: "no Service selects the workload's pods" });
  if (input.render.kind === "kustomize" && w.namespace) k.namespace = w.namespace;
  const probes: NonNullable<NonNullable<ContractInput["kubernetes"]>["probes"]> = {};
  for (const kind of ["readiness", "liveness", "startup"] as const) {
    const probe = w.probes[kind];
    const spec = probe ? probeSpec(probe, port) : undefined;
    if (spec) probes[kind] = spec;
  }
  if (Object.keys(probes).length > 0) k.probes = probes;
  else review.push({ field: "kubernetes.probes", why: "the container has no probes" });
  const claims = w.mounts.flatMap((m) => (m.claim && !w.renderedClaims.includes(m.claim) ? [m.claim] : []));
  const withoutEmptyKeys = (list: Array<{ name: string; keys: string[] }>) =>
    list.map((e) => (e.keys.length > 0 ? e : { name: e.name }));
  if (external.configMaps.length + external.secrets.length + claims.length > 0) {
    k.external = {
      configMaps: withoutEmptyKeys(external.configMaps),
      secrets: withoutEmptyKeys(external.secrets),
      claims,
    };
  }
  contract.kubernetes = k;
  return { contract, review };
}
