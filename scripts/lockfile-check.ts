/**
 * `npm test` (part), offline: every package the lock file installs comes from the npm registry
 * with a sha512 integrity hash, so `npm ci` refuses a tarball that differs from the one locked.
 * Allowed: no `resolved` (npm then fetches from the configured registry) or an https URL on
 * registry.npmjs.org; refused: git, file, http and other hosts' URLs, a missing or weaker hash.
 * Bundled packages ship inside their parent's tarball and are covered by its hash. The registry's
 * signatures need the network: CI runs `npm audit signatures` after `npm ci`.
 */
import { readLockedPackages } from "./lib/package-lock.ts";

const REGISTRY = "https://registry.npmjs.org/";

const { lockfileVersion, packages } = readLockedPackages();
const problems: string[] = [];
if (lockfileVersion < 3) problems.push(`package-lock.json is lockfile version ${lockfileVersion}; npm 7+ writes version 3`);
for (const entry of packages) {
  if (entry.link || entry.inBundle) continue;
  if (!entry.version) problems.push(`${entry.path}: no version`);
  if (!/^sha512-[A-Za-z0-9+/]{86}==$/.test(entry.integrity ?? ""))
    problems.push(`${entry.path}: ${entry.integrity ? `integrity is not sha512 (${entry.integrity.slice(0, 12)}…)` : "no integrity hash"}`);
  if (entry.resolved !== undefined && !entry.resolved.startsWith(REGISTRY))
    problems.push(`${entry.path}: resolved from ${entry.resolved}, not the npm registry`);
}

if (problems.length > 0) {
  for (const problem of problems) console.error(`  ✗ ${problem}`);
  console.error(`\n${problems.length} lock file entr${problems.length === 1 ? "y" : "ies"} not from the registry with a sha512 hash.`);
  process.exit(1);
}
console.log(
  `Lock file: ${packages.filter((entry) => !entry.link && !entry.inBundle).length} packages, each from the npm registry with a sha512 integrity hash.`,
);
