/**
 * The dependency rules of `npm run lint`: dependency-cruiser's rules from `.dependency-cruiser.cjs`
 * (cycles, deep imports, lib importing app or components), plus one it cannot express: a client
 * module (`"use client"`, or a capability's `client.ts` or `worker.ts`) must not reach, through value imports, a
 * module that imports `server-only`. Type-only imports are erased by the compiler and do not count,
 * and a `"use server"` module is a boundary: the browser gets references to its actions only.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { cruise, type ICruiseResult, type IModule } from "dependency-cruiser";
import extractDepcruiseOptions from "dependency-cruiser/config-utl/extract-depcruise-options";
import extractTSConfig from "dependency-cruiser/config-utl/extract-ts-config";

export interface DependencyViolation {
  rule: string;
  from: string;
  to: string;
  /** For cycles and reachability: the chain of modules, first to last. */
  via?: string[];
}

const DIRECTIVE = /^(?:\s|\/\/[^\n]*\n|\/\*[\s\S]*?\*\/)*["']use (client|server)["']/;
const CLIENT_ENTRY = /^lib\/[^/]+\/(client|worker)\.tsx?$/;

function directiveOf(root: string, source: string): "client" | "server" | undefined {
  if (!/\.tsx?$/.test(source)) return undefined;
  try {
    return DIRECTIVE.exec(readFileSync(join(root, source), "utf8").slice(0, 2_000))?.[1] as "client" | "server" | undefined;
  } catch {
    return undefined;
  }
}

function isClientModule(root: string, source: string): boolean {
  return CLIENT_ENTRY.test(source) || directiveOf(root, source) === "client";
}

function valueDependencies(cruised: IModule): string[] {
  return cruised.dependencies
    .filter((dependency) => !dependency.dependencyTypes.includes("type-only"))
    .map((dependency) => dependency.resolved);
}

/** Client modules that reach a server-only module through value imports, with the path. */
function clientReachesServerOnly(root: string, modules: IModule[]): DependencyViolation[] {
  const bySource = new Map(modules.map((cruised) => [cruised.source, cruised]));
  const serverOnly = new Set(
    modules
      .filter((cruised) => cruised.dependencies.some((dependency) => dependency.module === "server-only"))
      .map((cruised) => cruised.source),
  );
  const violations: DependencyViolation[] = [];
  for (const client of modules) {
    if (!isClientModule(root, client.source)) continue;
    // Breadth first, so the reported chain is a shortest one.
    const previous = new Map<string, string | null>([[client.source, null]]);
    const queue = [client.source];
    let found: string | undefined;
    while (queue.length > 0 && !found) {
      const current = queue.shift() as string;
      for (const next of valueDependencies(bySource.get(current) ?? ({ dependencies: [] } as unknown as IModule))) {
        // A "use server" module reaches the browser only as references to its actions.
        if (previous.has(next) || directiveOf(root, next) === "server") continue;
        previous.set(next, current);
        if (serverOnly.has(next)) {
          found = next;
          break;
        }
        queue.push(next);
      }
    }
    if (!found) continue;
    const chain: string[] = [];
    for (let at: string | null | undefined = found; at; at = previous.get(at)) chain.unshift(at);
    violations.push({ rule: "client-not-to-server-only", from: client.source, to: found, via: chain });
  }
  return violations;
}

/** Every violation of the layer rules in the given folders of `root` (paths relative to it). */
export async function checkDependencies(root: string, folders: string[]): Promise<DependencyViolation[]> {
  const previousCwd = process.cwd();
  // dependency-cruiser resolves paths, the configuration and the tsconfig from the working directory.
  process.chdir(root);
  try {
    const options = await extractDepcruiseOptions("./.dependency-cruiser.cjs");
    const result = await cruise(folders, { ...options, validate: true }, undefined, { tsConfig: extractTSConfig("tsconfig.json") });
    const output = result.output as ICruiseResult;
    const violations: DependencyViolation[] = output.summary.violations
      .filter((violation) => violation.rule.severity === "error")
      .map((violation) => ({
        rule: violation.rule.name,
        from: violation.from,
        to: violation.to,
        ...(violation.cycle ? { via: violation.cycle.map((step) => (typeof step === "string" ? step : step.name)) } : {}),
      }));
    return [...violations, ...clientReachesServerOnly(root, output.modules)];
  } finally {
    process.chdir(previousCwd);
  }
}

export function describeViolation(violation: DependencyViolation): string {
  const chain =
    violation.via && violation.via.length > 0
      ? `\n      ${[violation.from, ...violation.via.filter((step) => step !== violation.from)].join(" →\n      ")}`
      : "";
  return `${violation.rule}: ${violation.from} → ${violation.to}${chain}`;
}
