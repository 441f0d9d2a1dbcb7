import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { ENV_KEYS } from "./env";

/**
 * The two places a newcomer learns the configuration, `.env.example` and the README's table, list
 * exactly the variables lib/env.ts reads: a variable added to the schema without its line and row
 * (or documented but never read) fails here.
 */
const root = new URL("../", import.meta.url);
const read = (file: string) => readFileSync(new URL(file, root), "utf8");
const sorted = (keys: Iterable<string>) => [...new Set(keys)].sort();

/** `KEY=value` lines, and `# KEY=value` for variables documented but not meant to be set there. */
function envExampleKeys(text: string): string[] {
  return text.split("\n").flatMap((line) => {
    const match = /^#?\s*([A-Z][A-Z0-9_]*)=/.exec(line.trim());
    return match ? [match[1]!] : [];
  });
}

/** The backticked names in the first column of the README table headed `| Variable |`. */
function readmeTableKeys(text: string): string[] {
  const lines = text.split("\n");
  const start = lines.findIndex((line) => /^\|\s*Variable\s*\|/.test(line));
  if (start < 0) return [];
  const keys: string[] = [];
  for (const line of lines.slice(start + 2)) {
    if (!line.startsWith("|")) break;
    const first = line.split("|")[1] ?? "";
    for (const match of first.matchAll(/`([A-Z][A-Z0-9_]*)`/g)) keys.push(match[1]!);
  }
  return keys;
}

describe("environment documentation", () => {
  const schema = sorted(ENV_KEYS);

  it("the parsers find variables where the files put them", () => {
    expect(envExampleKeys("# comment\nAPP_URL=http://x\n# NODE_ENV=production\n\nDEMO=false")).toEqual(["APP_URL", "NODE_ENV", "DEMO"]);
    expect(readmeTableKeys("| Variable | Default | What |\n| --- | --- | --- |\n| `A_B`, `C` | `x` | `NOT_A_KEY` |\n\n| `D` |")).toEqual([
      "A_B",
      "C",
    ]);
  });

  it(".env.example lists every variable of lib/env.ts, and no other", () => {
    expect(sorted(envExampleKeys(read(".env.example")))).toEqual(schema);
  });

  it("the README's configuration table lists every variable of lib/env.ts, and no other", () => {
    expect(sorted(readmeTableKeys(read("README.md")))).toEqual(schema);
  });
});
