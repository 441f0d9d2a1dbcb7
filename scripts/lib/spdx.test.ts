import { describe, expect, it } from "vitest";
import { expressionAllowed } from "./spdx";

const allowed = (id: string) => ["MIT", "Apache-2.0", "BSD-3-Clause"].includes(id);

describe("expressionAllowed", () => {
  it("takes a single allowed id and refuses any other", () => {
    expect(expressionAllowed("MIT", allowed)).toBe(true);
    expect(expressionAllowed("GPL-3.0-only", allowed)).toBe(false);
    expect(expressionAllowed("", allowed)).toBe(false);
  });

  it("needs one side of OR and every side of AND, with parentheses", () => {
    expect(expressionAllowed("(AFL-2.1 OR BSD-3-Clause)", allowed)).toBe(true);
    expect(expressionAllowed("GPL-2.0-only OR MIT", allowed)).toBe(true);
    expect(expressionAllowed("Apache-2.0 AND MIT", allowed)).toBe(true);
    expect(expressionAllowed("Apache-2.0 AND GPL-3.0-only", allowed)).toBe(false);
    expect(expressionAllowed("(MIT OR GPL-3.0-only) AND (Apache-2.0 OR AGPL-3.0-only)", allowed)).toBe(true);
    expect(expressionAllowed("(MIT AND GPL-3.0-only) OR AGPL-3.0-only", allowed)).toBe(false);
  });

  it("reads an id+ and an exception as the licence itself, and refuses a malformed expression", () => {
    expect(expressionAllowed("Apache-2.0 WITH LLVM-exception", allowed)).toBe(true);
    expect(expressionAllowed("MIT+", allowed)).toBe(true);
    expect(expressionAllowed("MIT Apache-2.0", allowed)).toBe(false);
  });
});
