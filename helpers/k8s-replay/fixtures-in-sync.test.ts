import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { LIVE_SCENARIOS } from "../k8s-cluster/live-scenarios.ts";
import { fromRoot } from "../paths.ts";
import { redactHar } from "../replay/har-file.ts";
import { channelFrame, EXEC_STDOUT, PORT_FORWARD_DATA, toHarMessage } from "./channel-frames.ts";
import { DERIVED_RECORDINGS, deriveRecording } from "./derived-recordings.ts";
import { loadK8sRecording } from "./recording.ts";
import { recordingProblems } from "./recording-lint.ts";
import { blankSecretsInText } from "./recording-redaction.ts";
import { K8S_SCENARIOS } from "./scenarios.ts";

const captured = LIVE_SCENARIOS.map((s) => s.recording);
const derived = Object.keys(DERIVED_RECORDINGS);
const paths = [...captured, ...derived];

describe("K8s recordings", () => {
  it.each(captured)("%s was captured from a real cluster through the recording proxy", (path) => {
    const { har, meta } = loadK8sRecording(path);
    expect(har.log.comment).toMatch(/recorded live through helpers\/k8s-replay\/recording-proxy\.ts/);
    expect(meta.description).toMatch(/^recorded live from /);
  });

  it.each(derived)("%s is its derivation from the captured recording (npm run fixtures:k8s rewrites it)", (path) => {
    const expected = `${JSON.stringify(redactHar(deriveRecording(path), {}), null, 2)}\n`;
    expect(readFileSync(fromRoot(path), "utf8")).toBe(expected);
  });

  it.each(paths)("%s holds no Secret value and no credential", (path) => {
    const recording = loadK8sRecording(path);
    expect(recording.meta.scenario).not.toBe("");
    expect(recordingProblems(recording.har)).toEqual([]);
  });

  it("every scenario of replay:k8s has its recording", () => {
    expect(K8S_SCENARIOS.map((s) => s.recording).sort()).toEqual([...paths].sort());
  });

  it("self-test: a Secret value in a list, a recorded Authorization header and a key in tunnel bytes are each found", {
    tags: ["self-test"],
  }, () => {
    const har = structuredClone(loadK8sRecording("fixtures/langfuse/trace.har").har);
    const [first, second] = har.log.entries;
    if (!first || !second) throw new Error("fixture too short");
    first.response.content.text = JSON.stringify({
      kind: "SecretList",
      apiVersion: "v1",
      items: [{ metadata: { name: "langfuse-secrets" }, data: { "langfuse-secret-key": "c2stbGYtMTIz" } }],
    });
    second.request.headers.push({ name: "Authorization", value: "Bearer abcdefghijklmnop" });
    second._webSocketMessages = [
      toHarMessage({
        type: "send",
        time: 0,
        channel: PORT_FORWARD_DATA,
        payload: Buffer.from("POST / HTTP/1.1\r\nauthorization: Basic cGstbGYtMTIzNDU2Nzg=\r\n\r\n"),
      }),
      {
        type: "receive",
        time: 0,
        opcode: 2,
        data: channelFrame(EXEC_STDOUT, "sk-lf-0123456789abcdef").toString("base64"),
      },
    ];
    const problems = recordingProblems(har);
    expect(problems).toContainEqual(
      expect.stringMatching(/^entry #0 .*Secret langfuse-secrets data\.langfuse-secret-key is not blank/),
    );
    expect(problems).toContainEqual(expect.stringMatching(/^entry #1 .*header Authorization is recorded/));
    expect(problems.filter((p) => p.startsWith("entry #1") && p.includes("credential")).length).toBeGreaterThanOrEqual(
      2,
    );
  });

  it("self-test: SecretList items (sent without `kind`) have their values blanked; other lists keep theirs", {
    tags: ["self-test"],
  }, () => {
    const secrets = {
      kind: "SecretList",
      apiVersion: "v1",
      items: [{ metadata: { name: "langfuse-secrets" }, data: { "langfuse-secret-key": "c2stbGYtMTIz" } }],
    };
    const configs = { kind: "ConfigMapList", apiVersion: "v1", items: [{ metadata: { name: "c" }, data: { k: "v" } }] };
    expect(JSON.parse(blankSecretsInText(JSON.stringify(secrets)))).toEqual({
      ...secrets,
      items: [{ metadata: { name: "langfuse-secrets" }, data: { "langfuse-secret-key": "" } }],
    });
    expect(JSON.parse(blankSecretsInText(JSON.stringify(configs)))).toEqual(configs);
  });
});
