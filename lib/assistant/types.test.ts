import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";

// The browser imports these files; the tools they take their types from are server-only. Type
// imports are erased from the bundle, value imports are not.
describe("the assistant's browser-safe types", () => {
  it.each(["types.ts", "tool-outputs.ts"])("%s imports only types", (file) => {
    const source = readFileSync(new URL(file, import.meta.url), "utf8");
    const imports = source.match(/^(?:import\s+"[^"]+"|(?:import|export)\b[^;]*\bfrom\s+"[^"]+");/gm) ?? [];
    const values = imports.filter((statement) => !/^(?:import|export) type\b/.test(statement));
    expect(values).toEqual([]);
  });
});
