import { describe, expect, it } from "vitest";
import { EnvValueError, SmokebookError } from "../errors.ts";
import { thrownError } from "./thrown-error.ts";

describe("thrownError", () => {
  it("returns the thrown error, typed, fields and all", () => {
    const error = thrownError(EnvValueError, () => {
      throw new EnvValueError("RUN_X", "yes", "1, 0 or unset");
    });
    expect(error.variable).toBe("RUN_X");
    expect(error.code).toBe("ENV_VALUE_INVALID");
  });

  it("self-test: a call that returns fails naming the class it expected", { tags: ["self-test"] }, () => {
    expect(() => thrownError(EnvValueError, () => "fine")).toThrow(
      expect.objectContaining({
        code: "EXPECTED_THROW",
        message: "expected the call to throw EnvValueError, but it returned",
      }),
    );
  });

  it("self-test: an error of another class is rethrown unchanged", { tags: ["self-test"] }, () => {
    const other = new SmokebookError("OTHER", "not an env error");
    expect(() =>
      thrownError(EnvValueError, () => {
        throw other;
      }),
    ).toThrow(other);
  });
});
