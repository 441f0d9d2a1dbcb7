import { describe, expect, it } from "vitest";
import { findJsonProblem, stripPreamble } from "./index";

describe("stripPreamble", () => {
  it("drops a BOM, NUL bytes and whitespace around the JSON only", () => {
    expect(stripPreamble("\uFEFF\u0000 [1]\n\u0000")).toBe("[1]");
    expect(stripPreamble('["\u0000"]')).toBe('["\u0000"]');
    expect(stripPreamble("[1]")).toBe("[1]");
    expect(stripPreamble("\uFEFF")).toBe("");
  });
});

describe("findJsonProblem", () => {
  it("finds nothing wrong in valid JSON", () => {
    for (const text of ["[]", '[{"a": [1, -2.5e+3, 0, true, false, null, "\\u00e9\\n"]}]', '{ "k" : "v" }', "  42  "]) {
      expect(findJsonProblem(text), text).toBeNull();
    }
  });

  it("places a syntax error by position, line and column", () => {
    expect(findJsonProblem('[\n  {"a": 1},\n  {"b" 2}\n]')).toEqual({ kind: "syntax", position: 21, line: 3, column: 8 });
    expect(findJsonProblem("[1,]")).toEqual({ kind: "syntax", position: 3, line: 1, column: 4 });
    expect(findJsonProblem("[01]")?.kind).toBe("syntax");
    expect(findJsonProblem('["\\x"]')).toMatchObject({ kind: "syntax", position: 3 });
    expect(findJsonProblem("[1] [2]")).toMatchObject({ kind: "syntax", position: 4 });
  });

  it("calls JSON that stops inside a value truncated", () => {
    for (const text of ["", "[", '[{"a"', '[{"a":', '[{"a": "x', '[{"a": "\\u00', "[1, 2", "[nu", "[1e", '[{"a": 1}']) {
      expect(findJsonProblem(text)?.kind, JSON.stringify(text)).toBe("truncated");
    }
  });
});
