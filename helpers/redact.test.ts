import { describe, expect, it } from "vitest";
import { REDACTED, redactHeaderList, redactText, redactValue, registerSecret } from "./redact.ts";

const env = {
  DATABRICKS_TOKEN: "tok-123456",
  SECRET_AZURE_OPENAI_ENDPOINT: "https://stub.example",
  SECRET_SMOKE_KEY: "azure-openai-endpoint",
};

describe("redaction", () => {
  it("replaces credential env values, SECRET_* stubs and their base64 forms", () => {
    const b64 = Buffer.from("tok-123456").toString("base64");
    expect(redactText(`a tok-123456 b https://stub.example c ${b64}`, env)).toBe(
      `a ${REDACTED} b ${REDACTED} c ${REDACTED}`,
    );
  });

  it("keeps SECRET_SMOKE_KEY, which names a secret rather than holding one", () => {
    expect(redactText("key azure-openai-endpoint", env)).toBe("key azure-openai-endpoint");
  });

  it("redacts token shapes nobody registered", () => {
    expect(redactText("Authorization: Bearer abcdefghijkl0123", {})).toBe(`Authorization: Bearer ${REDACTED}`);
    expect(redactText("dapi0123456789abcdef0123456789abcdef", {})).toBe(REDACTED);
  });

  it("redacts Azure shapes nobody registered: a JWT, a SAS signature, a SharedKey authorization", () => {
    const jwt = "eyJhbGciOiJSUzI1NiJ9.eyJhdWQiOiJodHRwczovL21hbmFnZW1lbnQifQ.c2lnbmF0dXJlLXBhcnQ";
    expect(redactText(`token ${jwt} end`, {})).toBe(`token ${REDACTED} end`);
    expect(redactText("https://a.blob.core.windows.net/c?sv=2022-11-02&sig=AbCdEf0123456789%2BxYz%3D&se=1", {})).toBe(
      `https://a.blob.core.windows.net/c?sv=2022-11-02&sig=${REDACTED}&se=1`,
    );
    expect(redactText("Authorization: SharedKey myaccount:c2hhcmVkLWtleS1zaWduYXR1cmU=", {})).toBe(
      `Authorization: SharedKey ${REDACTED}`,
    );
    expect(redactText("eyJ alone and sig=short stay", {})).toBe("eyJ alone and sig=short stay");
  });

  it("redacts values registered at run time", () => {
    registerSecret("value-from-scope-xyz");
    expect(redactText("got value-from-scope-xyz", {})).toBe(`got ${REDACTED}`);
  });

  it("blanks Authorization, Cookie and Set-Cookie headers in objects and HAR header lists", () => {
    expect(redactValue({ headers: { Cookie: "a=1", "set-cookie": "b=2", accept: "json" } }, {})).toEqual({
      headers: { Cookie: REDACTED, "set-cookie": REDACTED, accept: "json" },
    });
    expect(
      redactHeaderList(
        [
          { name: "authorization", value: "x" },
          { name: "x-request-id", value: "tok-123456" },
        ],
        env,
      ),
    ).toEqual([
      { name: "authorization", value: REDACTED },
      { name: "x-request-id", value: REDACTED },
    ]);
  });
});
