import { describe, expect, it } from "vitest";
import { csvRecords, formatCsv, formatRecords, parseCsv } from "./csv.ts";

describe("csv", () => {
  it("round-trips quotes, commas, newlines and empty fields", () => {
    const rows = [
      ["a", "message", "empty"],
      ["1", '{"user_id": "u-1", "x": "a,b"}', ""],
      ["2", "line\nbreak", ""],
    ];
    expect(parseCsv(formatCsv(rows))).toEqual(rows);
    expect(parseCsv('a,b\r\n"x ""y""",\r\n')).toEqual([
      ["a", "b"],
      ['x "y"', ""],
    ]);
  });

  it("reads and writes records by header", () => {
    const { header, records } = csvRecords("k,v\n1,one\n2,\n");
    expect(records).toEqual([
      { k: "1", v: "one" },
      { k: "2", v: "" },
    ]);
    expect(formatRecords(header, [{ v: "x", k: "3" }])).toBe("k,v\n3,x\n");
  });
});
