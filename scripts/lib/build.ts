/**
 * Builds the production app only when its inputs changed since the last build, so `npm run demo`
 * and `npm run lhci` start in seconds on a second run and never serve a stale build.
 */
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";

const INPUT_DIRS = ["app", "components", "lib", "public"];
const INPUT_FILES = ["next.config.ts", "package-lock.json", "postcss.config.mjs", "tsconfig.json", "instrumentation.ts"];
const STAMP = join(".next", "echotune-build-stamp");

function* walk(dir: string): Generator<string> {
  if (!existsSync(dir)) return;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* walk(path);
    else if (!/\.test\.tsx?$/.test(entry.name)) yield path;
  }
}

/** A hash of every build input's path and content. */
export function buildInputsHash(root = process.cwd()): string {
  const hash = createHash("sha256");
  const files = [...INPUT_DIRS.flatMap((dir) => [...walk(join(root, dir))]), ...INPUT_FILES.map((file) => join(root, file))]
    .filter((file) => existsSync(file) && statSync(file).isFile())
    .sort();
  for (const file of files) {
    hash.update(relative(root, file));
    hash.update("\0");
    hash.update(readFileSync(file));
    hash.update("\0");
  }
  return hash.digest("hex");
}

export function isBuildCurrent(root = process.cwd()): boolean {
  const stamp = join(root, STAMP);
  return existsSync(join(root, ".next", "BUILD_ID")) && existsSync(stamp) && readFileSync(stamp, "utf8") === buildInputsHash(root);
}

/** Runs `next build` unless the last build came from the same inputs. Returns false when the build fails. */
export function ensureBuild({ force = false } = {}): boolean {
  if (!force && isBuildCurrent()) {
    console.log("Production build is current; skipping `next build`.");
    return true;
  }
  const hash = buildInputsHash();
  const result = spawnSync("next", ["build"], { stdio: "inherit", env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" } });
  if (result.status !== 0) return false;
  writeFileSync(STAMP, hash);
  return true;
}
