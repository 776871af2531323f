/**
 * The schema of a target's contract.yaml: the five execution-contract items of seed 004 B.2 (paths, env, port,
 * volumes, permissions) plus what smokebook needs to check them at each layer. Strict: an unknown field is an error.
 */
import { z } from "zod";

const ENV_NAME = /^[A-Z_][A-Z0-9_]*$/;
const envName = z.string().regex(ENV_NAME, "an environment variable name (A-Z, 0-9, _)");
const relativePath = z
  .string()
  .min(1)
  .refine((p) => !p.startsWith("/") && !p.split("/").includes(".."), "a path relative to the target folder");
const absolutePath = z.string().regex(/^\/\S*$/, "an absolute path");
const command = z.array(z.string().min(1)).min(1, "a command as an argv list");
const dnsName = z.string().regex(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/, "a Kubernetes object name (RFC 1123 label)");

export const TAG_FORMATS = ["build-YYYYMMDD-HHMMSS", "sha-<commit>"] as const;

const appSchema = z.strictObject({
  source: relativePath,
  start: command,
  printConfig: command,
  unitTests: command,
  records: z.strictObject({ directory: z.string().min(1), pattern: z.string().min(1) }),
});

const pathsSchema = z.strictObject({
  root: z.strictObject({ env: envName, default: absolutePath }),
  directories: z
    .record(z.string().regex(/^[a-z][a-z0-9-]*$/, "a directory name"), z.strictObject({ env: envName }))
    .refine((dirs) => Object.keys(dirs).length > 0, "at least one directory"),
});

const envEntrySchema = z.strictObject({
  name: envName,
  source: z.enum(["configmap", "secret"]),
  required: z.boolean(),
  default: z.string().optional(),
  values: z.array(z.string()).min(1).optional(),
});

const externalSecretSchema = z.strictObject({
  name: dnsName,
  keys: z.array(envName).min(1),
  managedBy: z.string().optional(),
});

const kubernetesSchema = z.strictObject({
  kustomize: relativePath,
  namespace: dnsName,
  deployment: dnsName,
  container: dnsName,
  service: dnsName,
  external: z.strictObject({
    configMaps: z.array(z.strictObject({ name: dnsName, keys: z.array(envName) })),
    secrets: z.array(externalSecretSchema),
  }),
});

export const contractSchema = z
  .strictObject({
    contractVersion: z.literal(1),
    name: z.string().min(1),
    app: appSchema,
    paths: pathsSchema,
    env: z.array(envEntrySchema).min(1),
    port: z.strictObject({ number: z.number().int().min(1).max(65535), name: z.string().min(1), env: envName }),
    health: z.strictObject({ path: z.string().startsWith("/"), status: z.number().int().min(100).max(599) }),
    volumes: z.strictObject({ persistent: z.array(z.string().min(1)) }),
    permissions: z.strictObject({
      uid: z.number().int().min(0),
      gid: z.number().int().min(0),
      user: z.string().min(1),
      runAsNonRoot: z.boolean(),
    }),
    image: z.strictObject({
      repository: z.string().min(1),
      tagFormats: z.array(z.enum(TAG_FORMATS)).min(1),
    }),
    docker: z.strictObject({ dockerfile: relativePath, context: z.string().min(1), baseImageArg: envName }),
    kubernetes: kubernetesSchema,
  })
  .superRefine((contract, ctx) => {
    const envNames = contract.env.map((e) => e.name);
    const directories = Object.keys(contract.paths.directories);
    const needEnv = (name: string, path: (string | number)[]) => {
      if (!envNames.includes(name)) ctx.addIssue({ code: "custom", path, message: `${name} is not declared in env` });
    };
    needEnv(contract.paths.root.env, ["paths", "root", "env"]);
    for (const [dir, spec] of Object.entries(contract.paths.directories))
      needEnv(spec.env, ["paths", "directories", dir, "env"]);
    needEnv(contract.port.env, ["port", "env"]);
    for (const [index, dir] of contract.volumes.persistent.entries()) {
      if (!directories.includes(dir)) {
        ctx.addIssue({
          code: "custom",
          path: ["volumes", "persistent", index],
          message: `${dir} is not in paths.directories`,
        });
      }
    }
    if (!directories.includes(contract.app.records.directory)) {
      ctx.addIssue({ code: "custom", path: ["app", "records", "directory"], message: "not in paths.directories" });
    }
    const seen = new Set<string>();
    for (const [index, entry] of contract.env.entries()) {
      if (seen.has(entry.name))
        ctx.addIssue({ code: "custom", path: ["env", index, "name"], message: "declared twice" });
      seen.add(entry.name);
      if (entry.source === "secret" && entry.default !== undefined) {
        ctx.addIssue({ code: "custom", path: ["env", index, "default"], message: "a secret has no default" });
      }
    }
    const rootDefault = contract.env.find((e) => e.name === contract.paths.root.env)?.default;
    if (rootDefault !== undefined && rootDefault !== contract.paths.root.default) {
      ctx.addIssue({
        code: "custom",
        path: ["paths", "root", "default"],
        message: `differs from env default ${rootDefault}`,
      });
    }
  });

export type Contract = z.infer<typeof contractSchema>;
export type ContractEnvEntry = Contract["env"][number];
