import { describe, expect, it } from "vitest";
import { findJsonProblem, parseExportFile, stripPreamble } from "./index";

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

describe("a damaged file nested deeper than the call stack", () => {
  const deep = (tail: string) => "[".repeat(50_000) + tail;

  it("is still placed: truncated or damaged, with the position", () => {
    expect(findJsonProblem(deep("tru"))).toMatchObject({ kind: "truncated", position: 50_003 });
    expect(findJsonProblem(deep('{"a":nul}'))).toMatchObject({ kind: "syntax", position: 50_008, line: 1 });
    expect(findJsonProblem(deep("1" + "]".repeat(50_000)))).toBeNull();
  });

  it("gets a message that never quotes the file (its rows hold IP addresses)", () => {
    const file = parseExportFile("Streaming_History_Audio_2023.json", deep('{"a":nul,"ip_addr":"81.2.69.142"}'));
    expect(file.error?.code).toBe("malformed_json");
    expect(file.error?.message).toContain("line 1, column 50,009");
    expect(file.error?.message).not.toContain("81.2.69");
    expect(parseExportFile("Streaming_History_Audio_2023.json", deep("tru")).error?.code).toBe("truncated");
  });
});
