import { describe, expect, it } from "vitest";
import { thrownError } from "../testing/thrown-error.ts";
import { CRITERIA } from "./criteria.ts";
import { SecretCriterionError } from "./errors.ts";
import { checkReadOnly } from "./read-only.ts";
import type { FrontRequest } from "./workspace-front.ts";

const get = (path: string, query: Record<string, string> = {}): FrontRequest => ({
  method: "GET",
  path,
  query,
  status: 200,
});

describe("read-only criterion", () => {
  it("passes SCIM Me and secrets/get reads", () => {
    expect(() =>
      checkReadOnly([get("/api/2.0/preview/scim/v2/Me"), get("/api/2.0/secrets/get", { scope: "s", key: "k" })]),
    ).not.toThrow();
  });

  it("self-test: a write and a read of another API fail, naming each request", { tags: ["self-test"] }, () => {
    const error = thrownError(SecretCriterionError, () =>
      checkReadOnly([
        get("/api/2.0/preview/scim/v2/Me"),
        { method: "POST", path: "/api/2.0/secrets/put", query: {}, status: 200 },
        get("/api/2.0/secrets/list", { scope: "s" }),
      ]),
    );
    expect(error.criterion).toBe(CRITERIA.readOnly);
    expect(error.message).toBe(
      `${CRITERIA.readOnly}: unexpected request(s): POST /api/2.0/secrets/put, GET /api/2.0/secrets/list`,
    );
  });
});
