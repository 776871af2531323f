/**
 * The schema of an execution contract (contract.yaml): what a service declares about itself at each layer (seed 004
 * B.2: paths, env, port, volumes, permissions) and how to reach those layers (start command, Dockerfile, kustomize
 * folder or Helm chart). Only `contractVersion`, `name` and `port` are required: every other section is a policy,
 * and a policy that is not declared is not checked (its checks are listed as "not declared"). Strict: an unknown
 * field is an error. Each field's description is the README's field reference (schema/contract.schema.json).
 */
import { z } from "zod";
import {
  absolutePath,
  command,
  contractPath,
  dnsName,
  ENV_SOURCES,
  envName,
  flag,
  probe,
  tagFormat,
  WORKLOAD_KINDS,
} from "./schema-fields.ts";
import { refineContract } from "./schema-refine.ts";

const appSchema = z
  .strictObject({
    workdir: contractPath.default(".").describe("folder the commands run in (default: the contract's folder)"),
    source: contractPath.optional().describe("the app code folder Local failures name (default: workdir)"),
    start: command.describe("starts the app in the foreground (Local stage)"),
    printConfig: command.optional().describe("prints the effective contract variables as one JSON object"),
    unitTests: command.optional().describe("the app's own unit tests (exit 0 = pass)"),
    records: z
      .strictObject({
        directory: z.string().min(1).describe("a name of paths.directories"),
        pattern: z.string().min(1).describe("file name glob, e.g. *.jsonl"),
      })
      .optional()
      .describe("where the app appends JSONL records"),
    failsWithoutDirectories: z
      .boolean()
      .optional()
      .describe("true: without its directories the app exits non-zero naming them and creates none (B.1 rule 4)"),
  })
  .describe("how to run the app locally (Local stage)");

const pathsSchema = z
  .strictObject({
    root: z
      .strictObject({
        env: envName.describe("the variable the app reads its runtime root from"),
        default: absolutePath.describe("the root when the variable is unset"),
      })
      .describe("the runtime root variable"),
    directories: z
      .record(z.string().regex(/^[a-z][a-z0-9-]*$/, "a directory name"), z.strictObject({ env: envName }))
      .optional()
      .describe("directories under the root, each with its variable"),
  })
  .describe("the path contract (B.2 item 1)");

const envEntrySchema = z.strictObject({
  name: envName.describe("the variable"),
  source: z.enum(ENV_SOURCES).describe("where K8s provides it"),
  required: z.boolean().default(true).describe("the manifests must provide it"),
  default: z.string().optional().describe("Dockerfile ENV default and app fallback"),
  values: z.array(z.string()).min(1).optional().describe("allowed values"),
  argument: flag.optional().describe("source argument: the container flag that carries it (--level)"),
  fieldPath: z.string().optional().describe("source fieldRef: the field it comes from (metadata.name)"),
});

const portSchema = z
  .strictObject({
    number: z.number().int().min(1).max(65535).describe("the port number (1-65535)"),
    name: z.string().min(1).optional().describe("the containerPort name"),
    env: envName.optional().describe("variable the app reads its port from"),
    argument: flag.optional().describe("container flag that sets the port (--port=9898)"),
  })
  .describe("the port the app listens on (B.2 item 3)");

const volumeRef = z.string().min(1).describe("a name of paths.directories, or an absolute path in the container");

const kubernetesSchema = z
  .strictObject({
    kustomize: contractPath.optional().describe("kustomize folder (`helmCharts:` render with --enable-helm)"),
    helm: z
      .strictObject({
        chart: contractPath.describe("the chart folder"),
        values: z.array(contractPath).default([]).describe("values files in order (values.yaml, values-<env>.yaml)"),
        release: dnsName.optional().describe("release name (default: the contract name)"),
        namespace: dnsName.optional().describe("release namespace"),
      })
      .optional()
      .describe("render with `helm template`"),
    workload: dnsName.optional().describe("the Deployment/StatefulSet/DaemonSet (required when several)"),
    kind: z.enum(WORKLOAD_KINDS).optional().describe("its kind, when names collide"),
    container: dnsName.optional().describe("its container (required when several)"),
    service: dnsName.optional().describe("the Service in front of it"),
    namespace: dnsName.optional().describe("every namespaced object must be in it"),
    probes: z
      .strictObject({
        readiness: probe.optional().describe("readinessProbe"),
        liveness: probe.optional().describe("livenessProbe"),
        startup: probe.optional().describe("startupProbe"),
      })
      .optional()
      .describe("the probes the container must have (httpGet, tcpSocket, grpc, exec)"),
    external: z
      .strictObject({
        configMaps: z
          .array(
            z.strictObject({
              name: dnsName,
              keys: z.array(envName).optional().describe("its keys; left out: unknown, any envFrom of it is accepted"),
            }),
          )
          .default([])
          .describe("ConfigMaps created elsewhere"),
        secrets: z
          .array(
            z.strictObject({
              name: dnsName,
              keys: z.array(envName).optional().describe("its keys; left out: unknown, any envFrom of it is accepted"),
              managedBy: z.string().optional().describe("who creates it (for the reader)"),
            }),
          )
          .default([])
          .describe("Secrets created elsewhere (SealedSecret, External Secrets, a deployment repository)"),
        claims: z.array(dnsName).default([]).describe("PersistentVolumeClaims created elsewhere"),
      })
      .optional()
      .describe("objects the workload uses that live outside these manifests"),
  })
  .describe("the manifests (K8s stage)");

export const contractSchema = z
  .strictObject({
    contractVersion: z.literal(1).describe("the contract format version"),
    name: z.string().min(1).describe("the service's name (image and container names in this run)"),
    app: appSchema.optional(),
    paths: pathsSchema.optional(),
    env: z.array(envEntrySchema).default([]).describe("the env contract (B.2 item 2)"),
    port: portSchema,
    health: z
      .strictObject({
        path: z.string().startsWith("/").describe("the path GET asks for"),
        status: z.number().int().min(100).max(599).default(200).describe("the status it answers"),
      })
      .optional()
      .describe("the endpoint Local and Docker stages GET"),
    volumes: z
      .strictObject({
        persistent: z.array(volumeRef).default([]).describe("on a PVC or hostPath"),
        ephemeral: z.array(volumeRef).default([]).describe("on an emptyDir"),
      })
      .optional()
      .describe("mounts the workload must have (B.2 item 4)"),
    permissions: z
      .strictObject({
        uid: z.number().int().min(0).optional().describe("Dockerfile USER and runAsUser"),
        gid: z.number().int().min(0).optional().describe("the group id, and runAsGroup when set"),
        fsGroup: z.number().int().min(0).optional().describe("pod securityContext.fsGroup"),
        user: z.string().min(1).optional().describe("the user name in the image"),
        runAsNonRoot: z.boolean().optional().describe("true: securityContext.runAsNonRoot must be true"),
      })
      .optional()
      .describe("the container user (B.2 item 5)"),
    image: z
      .strictObject({
        repository: z.string().min(1).optional().describe("the image the workload runs"),
        tagFormats: z.array(tagFormat).min(1).optional().describe("allowed tag formats; latest never"),
      })
      .optional()
      .describe("the image tag policy (seed 004 §4.2)"),
    docker: z
      .strictObject({
        dockerfile: contractPath.describe("the Dockerfile, relative to the contract's folder"),
        context: contractPath.default(".").describe("the build context folder"),
        baseImageArg: envName.optional().describe("build argument smokebook sets to SMOKEBOOK_BASE_IMAGE"),
        buildArgs: z.record(z.string(), z.string()).optional().describe("further --build-arg values"),
      })
      .optional()
      .describe("the image build (Docker stage)"),
    kubernetes: kubernetesSchema.optional(),
  })
  .superRefine(refineContract);

export type Contract = z.infer<typeof contractSchema>;
export type ContractInput = z.input<typeof contractSchema>;
export type ContractEnvEntry = Contract["env"][number];
export type ContractApp = NonNullable<Contract["app"]>;
export type ContractKubernetes = NonNullable<Contract["kubernetes"]>;
