import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import {
  actionsInWorkflows,
  commandsIn,
  commandsInWorkflows,
  declaredBins,
  ensureActionlint,
  isPinned,
  workflowFiles,
} from "./lib/workflows";

const files = workflowFiles();
const scripts = Object.keys((JSON.parse(readFileSync("package.json", "utf8")) as { scripts: Record<string, string> }).scripts);

describe("the workflow reader", () => {
  it("finds npm scripts and npx binaries in a shell snippet, and no npm built-in", () => {
    const snippet = [
      "npm ci --no-audit --no-fund",
      "npm audit signatures",
      "npm run lint && npm run --silent data:hetrec",
      "npm test",
      "npx playwright install --with-deps chromium",
      "npx --no-install lhci autorun",
    ].join("\n");
    expect(commandsIn(snippet, "x").map(({ kind, name }) => `${kind}:${name}`)).toEqual([
      "script:lint",
      "script:data:hetrec",
      "script:test",
      "bin:playwright",
      "bin:lhci",
    ]);
  });

  it("accepts only full commit SHAs (or digests, or local actions)", () => {
    expect(isPinned("actions/checkout@3d3c42e5aac5ba805825da76410c181273ba90b1")).toBe(true);
    expect(isPinned("actions/checkout@v7")).toBe(false);
    expect(isPinned("actions/checkout@3d3c42e")).toBe(false);
    expect(isPinned("./.github/actions/setup")).toBe(true);
    expect(isPinned("docker://alpine:3")).toBe(false);
  });
});

describe("GitHub workflows", () => {
  it("exist", () => {
    expect(files.length).toBeGreaterThan(0);
  });

  it("call only npm scripts that package.json defines", () => {
    const references = commandsInWorkflows(files).filter((reference) => reference.kind === "script");
    expect(references.length).toBeGreaterThan(0);
    const missing = references.filter(({ name }) => !scripts.includes(name)).map(({ name, where }) => `npm run ${name} (${where})`);
    expect(missing).toEqual([]);
  });

  it("npx only binaries of package.json's own dependencies (no download at run time)", () => {
    const bins = declaredBins();
    const missing = commandsInWorkflows(files)
      .filter((reference) => reference.kind === "bin" && !bins.has(reference.name))
      .map(({ name, where }) => `npx ${name} (${where})`);
    expect(missing).toEqual([]);
  });

  it("pin every action by its commit SHA", () => {
    const actions = actionsInWorkflows(files);
    expect(actions.length).toBeGreaterThan(0);
    expect(actions.filter(({ uses }) => !isPinned(uses)).map(({ uses, where }) => `${uses} (${where})`)).toEqual([]);
  });

  // actionlint also runs shellcheck on every `run:` script when shellcheck is on PATH.
  it("pass actionlint", { timeout: 300_000 }, () => {
    const actionlint = ensureActionlint();
    const result = spawnSync(actionlint, ["-no-color", ...files], { encoding: "utf8" });
    expect(result.stdout + result.stderr).toBe("");
    expect(result.status).toBe(0);
  });
});
