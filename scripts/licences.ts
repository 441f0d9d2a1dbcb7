/**
 * `npm run licences [-- --out licences.json]`: the production dependency tree (what
 * `npm ci --omit=dev` installs, from package-lock.json, every platform's optional packages
 * included) with each package's licence, from its installed package.json where it is installed
 * here and from the lock file otherwise. Prints the count and a tally by licence, names the
 * packages under a weak-copyleft or attribution licence, and exits 1 when a licence is missing or
 * outside the allow-list below. Offline; writes a file only with --out. Runs in `npm test`.
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { readLockedPackages } from "./lib/package-lock.ts";
import { expressionAllowed } from "./lib/spdx.ts";

/** Licences a production dependency may have (SPDX ids), and what using one asks of us. */
const ALLOWED: Record<string, "permissive" | "weak copyleft" | "attribution"> = {
  MIT: "permissive",
  ISC: "permissive",
  "Apache-2.0": "permissive",
  "BSD-2-Clause": "permissive",
  "BSD-3-Clause": "permissive",
  "0BSD": "permissive",
  "BlueOak-1.0.0": "permissive",
  Unlicense: "permissive",
  "CC0-1.0": "permissive",
  "Python-2.0": "permissive",
  Zlib: "permissive",
  // Weak copyleft: changes to those files (MPL) or that library (LGPL: sharp's prebuilt libvips,
  // loaded dynamically and unmodified) are shared; our own code is not affected.
  "MPL-2.0": "weak copyleft",
  "LGPL-3.0-or-later": "weak copyleft",
  // Data and fonts: keep the notice (caniuse-lite's browser data; the Geist font).
  "CC-BY-4.0": "attribution",
  "OFL-1.1": "attribution",
};
/** Names some packages give that are not SPDX ids. */
const ALIASES: Record<string, string> = { "SIL OPEN FONT LICENSE": "OFL-1.1", "Apache 2.0": "Apache-2.0", BSD: "BSD-3-Clause" };

function installedLicence(path: string): string | undefined {
  const manifest = join(path, "package.json");
  if (!existsSync(manifest)) return undefined;
  const json = JSON.parse(readFileSync(manifest, "utf8")) as { license?: unknown; licenses?: Array<{ type?: string }> };
  if (typeof json.license === "string") return json.license;
  if (json.license && typeof json.license === "object" && "type" in json.license) return String(json.license.type);
  if (Array.isArray(json.licenses)) return json.licenses.map((licence) => licence.type).join(" OR ");
  return undefined;
}

const { values } = parseArgs({ options: { out: { type: "string" } } });
const production = readLockedPackages().packages.filter((entry) => !entry.dev && !entry.link);
const rows = production.map((entry) => {
  const installed = existsSync(entry.path);
  const raw = (installed ? installedLicence(entry.path) : undefined) ?? entry.license ?? "";
  const licence = ALIASES[raw] ?? raw;
  return {
    name: entry.name,
    version: entry.version ?? "",
    licence,
    installed,
    allowed: licence !== "" && expressionAllowed(licence, (id) => id in ALLOWED),
  };
});

const tally = new Map<string, number>();
for (const row of rows) tally.set(row.licence || "(none)", (tally.get(row.licence || "(none)") ?? 0) + 1);
const installedHere = rows.filter((row) => row.installed).length;
console.log(
  `Production dependencies: ${rows.length} packages in the lock file (${installedHere} installed on this platform; the rest are other platforms' optional binaries).`,
);
for (const [licence, count] of [...tally].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])))
  console.log(`  ${String(count).padStart(4)}  ${licence}`);

for (const kind of ["weak copyleft", "attribution"] as const) {
  const named = rows.filter((row) => row.allowed && row.licence.match(/[^\s()]+/g)?.some((id) => ALLOWED[id] === kind));
  if (named.length > 0)
    console.log(
      `Under ${kind === "attribution" ? "an" : "a"} ${kind} licence (allowed, noted): ${named.map((row) => `${row.name}@${row.version} (${row.licence})`).join(", ")}`,
    );
}

if (values.out) {
  writeFileSync(values.out, `${JSON.stringify({ count: rows.length, tally: Object.fromEntries(tally), packages: rows }, null, 2)}\n`);
  console.log(`Written: ${values.out}`);
}

const refused = rows.filter((row) => !row.allowed);
if (refused.length > 0) {
  for (const row of refused) console.error(`  ✗ ${row.name}@${row.version}: ${row.licence || "no licence declared"}`);
  console.error(`\n${refused.length} production package(s) outside the licence allow-list (scripts/licences.ts).`);
  process.exit(1);
}
