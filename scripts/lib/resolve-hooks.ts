/**
 * Module resolution hooks so plain `node` runs our TypeScript the way the app's bundler does:
 * `@/` means the project root, extensionless relative imports find their `.ts`/`.tsx`/`index.ts`,
 * and `server-only` resolves to its server build (an empty module). Used by CLI scripts,
 * benchmarks and test child processes through `node --import ./scripts/register.ts`.
 */
import { existsSync, statSync } from "node:fs";
import { dirname, join, resolve as resolvePath } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

interface ResolveContext {
  parentURL?: string;
  conditions: string[];
}
type NextResolve = (specifier: string, context: ResolveContext) => Promise<{ url: string; format?: string; shortCircuit?: boolean }>;

const root = resolvePath(dirname(fileURLToPath(import.meta.url)), "..", "..");
const EXTENSIONS = [".ts", ".tsx", "/index.ts", "/index.tsx"];

function candidate(path: string): string | undefined {
  if (existsSync(path) && statSync(path).isFile()) return path;
  for (const extension of EXTENSIONS) if (existsSync(path + extension)) return path + extension;
  return undefined;
}

export async function resolve(specifier: string, context: ResolveContext, nextResolve: NextResolve) {
  if (specifier === "server-only") {
    return { url: pathToFileURL(join(root, "node_modules", "server-only", "empty.js")).href, shortCircuit: true };
  }
  // next-auth imports "next/server" and "next/headers" without an extension, which Node's own ESM
  // loader cannot resolve (the job runner reaches it through lib/listener).
  if (/^next\/[a-z-]+$/.test(specifier)) return nextResolve(`${specifier}.js`, context);
  let path: string | undefined;
  if (specifier.startsWith("@/")) path = join(root, specifier.slice(2));
  else if ((specifier.startsWith("./") || specifier.startsWith("../")) && context.parentURL?.startsWith("file:")) {
    path = resolvePath(dirname(fileURLToPath(context.parentURL)), specifier);
  }
  if (path) {
    const found = candidate(path);
    if (found) return { url: pathToFileURL(found).href, shortCircuit: true };
  }
  return nextResolve(specifier, context);
}
