/** The field types the contract schema is made of (names, paths, commands, tag formats), each with its description. */
import { z } from "zod";

export const ENV_NAME = /^[A-Z_][A-Z0-9_]*$/;
export const envName = z.string().regex(ENV_NAME, "an environment variable name (A-Z, 0-9, _)");

export const contractPath = z
  .string()
  .min(1)
  .describe("a path relative to the contract file's folder (`..` allowed), or an absolute path");

export const absolutePath = z.string().regex(/^\/\S*$/, "an absolute path");

export const command = z
  .union([z.array(z.string().min(1)).min(1), z.string().min(1)])
  .describe(
    'an argv list (`[node, src/main.mjs]`; "node" is the Node that runs smokebook), or one string run by /bin/sh -c',
  );

export const dnsName = z.string().regex(/^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/, "a Kubernetes object name (RFC 1123)");

export const flag = z.string().regex(/^--?[A-Za-z0-9][-A-Za-z0-9_.]*$/, "a command-line flag such as --port");

/** Named tag formats (seed 004 §4.2 plus semver and a pinned digest); a `{ regex }` entry is a custom format. */
export const NAMED_TAG_FORMATS = ["build-YYYYMMDD-HHMMSS", "sha-<commit>", "semver", "digest"] as const;
export type NamedTagFormat = (typeof NAMED_TAG_FORMATS)[number];

export const tagFormat = z.union([
  z.enum(NAMED_TAG_FORMATS),
  z.strictObject({
    regex: z
      .string()
      .min(1)
      .refine((source) => {
        try {
          new RegExp(source);
          return true;
        } catch {
          return false;
        }
      }, "a valid regular expression")
      .describe("a regular expression the whole tag must match"),
  }),
]);
export type TagFormat = z.infer<typeof tagFormat>;

export const ENV_SOURCES = ["configmap", "secret", "literal", "fieldRef", "argument"] as const;
export type EnvSource = (typeof ENV_SOURCES)[number];

export const WORKLOAD_KINDS = ["Deployment", "StatefulSet", "DaemonSet"] as const;
export type WorkloadKind = (typeof WORKLOAD_KINDS)[number];

const probePort = z.union([z.number().int().min(1).max(65535), z.string().min(1)]);

/** What a probe must do; its port defaults to the contract port. */
export const probe = z.union([
  z.strictObject({
    httpGet: z.strictObject({ path: z.string().startsWith("/"), port: probePort.optional() }),
  }),
  z.strictObject({ tcpSocket: z.strictObject({ port: probePort.optional() }) }),
  z.strictObject({ grpc: z.strictObject({ port: probePort.optional(), service: z.string().optional() }) }),
  z.strictObject({
    exec: z.strictObject({ command: z.array(z.string()).min(1).describe("the probe's command, exactly") }),
  }),
]);
export type ProbeSpec = z.infer<typeof probe>;
