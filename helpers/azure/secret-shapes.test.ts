import { describe, expect, it } from "vitest";
import { redactText } from "../redact.ts";
import { harEntry, harLog } from "../replay/har-builder.ts";
import { redactHar } from "../replay/har-file.ts";
import { keepApiTraffic } from "./recording-filter.ts";
import { findAzureSecrets, registerAzureSecretsIn } from "./secret-shapes.ts";

const JWT = "eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.eyJhdWQiOiJodHRwczovL21hbmFnZW1lbnQifQ.c2lnbmF0dXJlLXBhcnQtMDEy";

describe("Azure secret shapes (self-test)", { tags: ["self-test"] }, () => {
  it("finds JWTs, bearer values, client secrets, SAS signatures and shared keys, and only their secret part", () => {
    const text = [
      `access_token ${JWT}`,
      "Authorization: Bearer opaque-token-0123456789",
      "client secret abc8Q~Zx0123456789abcdefghijklmnopqrstuv",
      "https://a.blob.core.windows.net/c/b?sv=2022-11-02&sig=AbC%2Bdef%2F0123456789%3D&se=1",
      "SharedKey 3c9e51a7:U2hhcmVkS2V5VmFsdWUwMTIz",
      '{"primarySharedKey": "cHJpbWFyeUtleVZhbHVlMDEy", "key1": "a2V5MVZhbHVlMDEyMzQ1Njc4"}',
    ].join("\n");
    const found = findAzureSecrets(text);
    for (const secret of [
      JWT,
      "opaque-token-0123456789",
      "abc8Q~Zx0123456789abcdefghijklmnopqrstuv",
      "AbC%2Bdef%2F0123456789%3D",
      "AbC+def/0123456789=",
      "U2hhcmVkS2V5VmFsdWUwMTIz",
      "cHJpbWFyeUtleVZhbHVlMDEy",
      "a2V5MVZhbHVlMDEyMzQ1Njc4",
    ]) {
      expect(found, secret).toContain(secret);
    }
    expect(found.some((f) => f.includes("sv=2022"))).toBe(false);
  });

  it("registered secrets are redacted from then on (the redaction smokebook applies to every output)", () => {
    const sas = "https://a.blob.core.windows.net/c/b?sig=Zm9vYmFyYmF6cXV4MDEyMzQ1&sp=r";
    expect(registerAzureSecretsIn(sas)).toBe(1);
    expect(redactText(`leaked ${sas}`)).toBe("leaked https://a.blob.core.windows.net/c/b?sig=[REDACTED]&sp=r");
  });

  it("text without credentials registers nothing", () => {
    expect(findAzureSecrets("PASS: private DNS zone privatelink.openai.azure.com is linked")).toEqual([]);
  });
});

describe("record mode keeps only the smoke's API traffic (self-test)", { tags: ["self-test"] }, () => {
  it("drops the Entra ID sign-in and managed identity exchanges; what is kept is redacted", () => {
    const entry = (url: string, body: string, requestBody?: string) =>
      harEntry({
        started: "2026-02-24T01:00:00Z",
        method: requestBody ? "POST" : "GET",
        url,
        requestHeaders: [{ name: "authorization", value: `Bearer ${JWT}` }],
        ...(requestBody ? { requestBody: { mimeType: "application/x-www-form-urlencoded", text: requestBody } } : {}),
        status: 200,
        mimeType: "application/json",
        text: body,
      });
    const har = harLog([
      entry(
        "https://login.microsoftonline.com/tenant/oauth2/v2.0/token",
        `{"access_token":"${JWT}"}`,
        "client_secret=abc8Q~Zx0123456789abcdefghijklmnopqrstuv",
      ),
      entry("http://169.254.169.254/metadata/identity/oauth2/token?resource=x", `{"access_token":"${JWT}"}`),
      entry("https://management.azure.com/subscriptions/s?api-version=1", '{"id":"s"}'),
      entry("https://dce.koreacentral-1.ingest.monitor.azure.com/dataCollectionRules/d/streams/s", ""),
    ]);
    const kept = redactHar(keepApiTraffic(har, ["dce.koreacentral-1.ingest.monitor.azure.com"]), {});
    expect(kept.log.entries.map((e) => new URL(e.request.url).host)).toEqual([
      "management.azure.com",
      "dce.koreacentral-1.ingest.monitor.azure.com",
    ]);
    const text = JSON.stringify(kept);
    expect(text).not.toContain(JWT);
    expect(text).not.toContain("client_secret");
  });
});
