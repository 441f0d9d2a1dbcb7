/**
 * What the GitHub workflows ask of this repository, read from their YAML: every `npm run X`,
 * `npm test` and `npx X` a `run:` step calls, and every action a step `uses:`. The workflow test
 * (scripts/workflows.test.ts) checks each one exists in package.json and each action is pinned,
 * so a renamed script breaks `npm test` here rather than CI on GitHub.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";
import { parse } from "yaml";

export const ACTIONLINT_VERSION = "v1.7.12";

export interface CommandReference {
  /** `script` for `npm run X` / `npm test`; `bin` for `npx X`. */
  kind: "script" | "bin";
  name: string;
  /** Where it was found: `ci.yml jobs.unit.steps[3]`. */
  where: string;
}

interface Step {
  run?: unknown;
  uses?: unknown;
}
interface Workflow {
  jobs?: Record<string, { steps?: Step[]; uses?: unknown }>;
}

/** npm's own commands that look like scripts but are not (`npm ci`, `npm audit signatures`). */
const NPM_RUN = /\bnpm\s+(?:run|run-script)\s+(?:--?[\w-]+(?:=\S+)?\s+)*([\w:.-]+)/g;
const NPM_LIFECYCLE = /\bnpm\s+(test|start|stop|restart)\b/g;
const NPX = /\bnpx\s+(?:--?[\w-]+(?:=\S+)?\s+)*([@\w][\w@/.-]*)/g;

/** The npm scripts and package binaries one shell snippet calls. */
export function commandsIn(script: string, where: string): CommandReference[] {
  const found: CommandReference[] = [];
  for (const match of script.matchAll(NPM_RUN)) found.push({ kind: "script", name: match[1]!, where });
  for (const match of script.matchAll(NPM_LIFECYCLE)) found.push({ kind: "script", name: match[1]!, where });
  for (const match of script.matchAll(NPX)) found.push({ kind: "bin", name: match[1]!, where });
  return found;
}

export function workflowFiles(dir = ".github/workflows"): string[] {
  return readdirSync(dir)
    .filter((name) => /\.ya?ml$/.test(name))
    .sort()
    .map((name) => join(dir, name));
}

function stepsOf(path: string): Array<{ step: Step; where: string }> {
  const workflow = parse(readFileSync(path, "utf8")) as Workflow;
  const file = path.split("/").pop()!;
  return Object.entries(workflow.jobs ?? {}).flatMap(([job, body]) =>
    (body.steps ?? []).map((step, index) => ({ step, where: `${file} jobs.${job}.steps[${index}]` })),
  );
}

export function commandsInWorkflows(files: string[]): CommandReference[] {
  return files.flatMap((path) =>
    stepsOf(path).flatMap(({ step, where }) => (typeof step.run === "string" ? commandsIn(step.run, where) : [])),
  );
}

export function actionsInWorkflows(files: string[]): Array<{ uses: string; where: string }> {
  return files.flatMap((path) => {
    const file = path.split("/").pop()!;
    const workflow = parse(readFileSync(path, "utf8")) as Workflow;
    const reusable = Object.entries(workflow.jobs ?? {}).flatMap(([job, body]) =>
      typeof body.uses === "string" ? [{ uses: body.uses, where: `${file} jobs.${job}` }] : [],
    );
    const steps = stepsOf(path).flatMap(({ step, where }) => (typeof step.uses === "string" ? [{ uses: step.uses, where }] : []));
    return [...reusable, ...steps];
  });
}

/** Local (`./`) and Docker (`docker://…@sha256:`) references need no commit; the rest name a full commit SHA. */
export function isPinned(uses: string): boolean {
  if (uses.startsWith("./")) return true;
  if (uses.startsWith("docker://")) return /@sha256:[0-9a-f]{64}$/.test(uses);
  return /@[0-9a-f]{40}$/.test(uses);
}

/** The package binaries `npx` can run without a download: those of package.json's own dependencies. */
export function declaredBins(root = "."): Set<string> {
  const manifest = JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as Record<string, Record<string, string> | undefined>;
  const bins = new Set<string>();
  for (const name of Object.keys({ ...manifest.dependencies, ...manifest.devDependencies })) {
    const path = join(root, "node_modules", name, "package.json");
    if (!existsSync(path)) continue;
    const bin = (JSON.parse(readFileSync(path, "utf8")) as { bin?: string | Record<string, string> }).bin;
    if (typeof bin === "string") bins.add(name.split("/").pop()!);
    else for (const key of Object.keys(bin ?? {})) bins.add(key);
  }
  return bins;
}

function which(command: string): string | undefined {
  const result = spawnSync("sh", ["-c", `command -v ${command}`], { encoding: "utf8" });
  return result.stdout.trim() || undefined;
}

/**
 * actionlint at ACTIONLINT_VERSION: on PATH when it is that version, else built once with
 * `go install` into the per-user cache (~/.cache/echotune/bin). Throws saying what to install when
 * there is no Go.
 */
export function ensureActionlint(): string {
  const onPath = which("actionlint");
  if (onPath && spawnSync(onPath, ["-version"], { encoding: "utf8" }).stdout.startsWith(ACTIONLINT_VERSION)) return onPath;
  const dir = join(process.env.XDG_CACHE_HOME ?? join(homedir(), ".cache"), "echotune", "bin");
  const binary = join(dir, `actionlint-${ACTIONLINT_VERSION}`);
  if (existsSync(binary)) return binary;
  const go = which("go") ?? (existsSync("/usr/local/go/bin/go") ? "/usr/local/go/bin/go" : undefined);
  if (!go) {
    throw new Error(
      [
        `The workflow check needs actionlint ${ACTIONLINT_VERSION} and neither it nor Go is installed.`,
        "  Install Go (https://go.dev/dl/; Debian: apt-get install -y golang) and the check builds actionlint itself,",
        `  or put actionlint ${ACTIONLINT_VERSION} on PATH.`,
      ].join("\n"),
    );
  }
  // go install writes `actionlint` into GOBIN; a private GOBIN and a rename keep a concurrent or
  // interrupted build from leaving a half-written binary under the final name.
  const gobin = join(dir, `.build-${process.pid}`);
  mkdirSync(gobin, { recursive: true });
  try {
    const result = spawnSync(go, ["install", `github.com/rhysd/actionlint/cmd/actionlint@${ACTIONLINT_VERSION}`], {
      encoding: "utf8",
      env: { ...process.env, GOBIN: gobin },
    });
    if (result.status !== 0) throw new Error(`go install actionlint@${ACTIONLINT_VERSION} failed:\n${result.stderr || result.stdout}`);
    renameSync(join(gobin, "actionlint"), binary);
  } finally {
    rmSync(gobin, { recursive: true, force: true });
  }
  return binary;
}
