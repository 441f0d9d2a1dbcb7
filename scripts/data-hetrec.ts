/**
 * `npm run data:hetrec [-- --from <zip>]`: downloads the HetRec 2011 Last.fm 2K data set from
 * GroupLens into data/ (ignored by git) and extracts it to data/hetrec2011-lastfm-2k/, where
 * `npm test` and `npm run eval:reco` find it.
 *
 * The data is GroupLens / Last.fm research data for non-commercial use only (its readme.txt, extracted
 * beside it, says so and how to cite it); it is never part of the repository or the app.
 *
 * Integrity: we cannot pin the archive's own SHA-256 (this project never had a copy of the official
 * zip, and a zip rebuilt from the same files differs byte for byte), so we pin the SHA-256 of every
 * `.dat` file the evaluation reads, computed from the unmodified version 1.0 files, and check them
 * after extraction. On any mismatch nothing is installed and the command fails, saying which file.
 * `--from <zip>` uses an archive downloaded by hand instead (behind a proxy, say); a zip left in
 * data/ by an earlier run is reused rather than downloaded again.
 */
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { basename, join } from "node:path";
import { parseArgs } from "node:util";
import { unzipSync } from "fflate";

const URL_ = "https://files.grouplens.org/datasets/hetrec2011/hetrec2011-lastfm-2k.zip";
const DATA = "data";
const ZIP = join(DATA, "hetrec2011-lastfm-2k.zip");
const TARGET = join(DATA, "hetrec2011-lastfm-2k");

/** SHA-256 of each extracted file the evaluation reads (HetRec 2011 Last.fm 2K, version 1.0, May 2011). */
const EXPECTED: Record<string, string> = {
  "user_artists.dat": "650cd69d5a68db24b439042557aa539aec47e473273e12cdfdca2cd944b3773a",
  "artists.dat": "c173881362c6b28551368fecb3c0be5a6a30a6cd859e1f5775413dfe46d48648",
  "tags.dat": "c815d7216101fd0ba9b9c59fa2a011998d2fd076e0064d281ec4153d95ae8095",
  "user_taggedartists.dat": "c4a9ffae9ab47a9f9b2f0678ab1f7e5c1db4ca818837d8cddd1f5699c5bbf048",
  "user_friends.dat": "6803aeb1df327cedd660eff82a6ea51bcf434f05f67cfc91ceb2457382ac0d54",
};

const LICENCE = [
  "HetRec 2011 Last.fm 2K is made available by GroupLens and Last.fm (http://www.lastfm.com) for",
  "non-commercial use only; see data/hetrec2011-lastfm-2k/readme.txt. Cite the HetRec 2011 workshop:",
  "  Cantador, Brusilovsky, Kuflik: 2nd Workshop on Information Heterogeneity and Fusion in",
  "  Recommender Systems (HetRec 2011), RecSys 2011.",
].join("\n");

const sha256 = (bytes: Uint8Array): string => createHash("sha256").update(bytes).digest("hex");

function fail(message: string): never {
  console.error(`data:hetrec: ${message}`);
  process.exit(1);
}

/** The .dat files in place and matching their pinned hashes, or the first that does not. */
function verify(dir: string): { ok: true } | { ok: false; file: string; why: string } {
  for (const [file, expected] of Object.entries(EXPECTED)) {
    const path = join(dir, file);
    if (!existsSync(path)) return { ok: false, file, why: "missing from the archive" };
    const actual = sha256(readFileSync(path));
    if (actual !== expected) return { ok: false, file, why: `SHA-256 ${actual}, expected ${expected}` };
  }
  return { ok: true };
}

async function download(): Promise<Uint8Array> {
  console.log(`Downloading ${URL_} ...`);
  let response: Response;
  try {
    response = await fetch(URL_, { signal: AbortSignal.timeout(120_000) });
  } catch (error) {
    const cause = (error as Error & { cause?: Error }).cause?.message ?? (error as Error).message;
    fail(`could not download ${URL_} (${cause}). Download it by hand and run: npm run data:hetrec -- --from <path to the zip>`);
  }
  if (!response.ok)
    fail(`${URL_} answered HTTP ${response.status}. Download it by hand and run: npm run data:hetrec -- --from <path to the zip>`);
  const bytes = new Uint8Array(await response.arrayBuffer());
  mkdirSync(DATA, { recursive: true });
  writeFileSync(ZIP, bytes);
  console.log(`Saved ${ZIP} (${(bytes.length / 1e6).toFixed(1)} MB).`);
  return bytes;
}

const { values } = parseArgs({ options: { from: { type: "string" }, help: { type: "boolean", short: "h" } }, strict: true });
if (values.help) {
  console.log("usage: npm run data:hetrec [-- --from <hetrec2011-lastfm-2k.zip>]");
  process.exit(0);
}

if (!values.from && existsSync(TARGET) && verify(TARGET).ok) {
  console.log(`${TARGET} is already there and every file matches its pinned SHA-256.\n\n${LICENCE}`);
  process.exit(0);
}

let archive: Uint8Array;
if (values.from) {
  if (!existsSync(values.from)) fail(`--from ${values.from}: no such file`);
  archive = readFileSync(values.from);
  console.log(`Using ${values.from}.`);
} else if (existsSync(ZIP)) {
  archive = readFileSync(ZIP);
  console.log(`Using ${ZIP} from an earlier download (delete it to download again).`);
} else {
  archive = await download();
}

let entries: Record<string, Uint8Array>;
try {
  // Only plain files, by their base name: the archive has no folders we need, and no path can escape data/.
  entries = unzipSync(archive, { filter: (file) => !file.name.endsWith("/") && !basename(file.name).startsWith(".") });
} catch (error) {
  fail(`the archive is not a readable zip (${(error as Error).message}). Delete ${ZIP} and run npm run data:hetrec again.`);
}

// Extract next to the target and swap it in only once every file checks out.
const staging = `${TARGET}.partial`;
rmSync(staging, { recursive: true, force: true });
mkdirSync(staging, { recursive: true });
for (const [name, bytes] of Object.entries(entries)) writeFileSync(join(staging, basename(name)), bytes);
const check = verify(staging);
if (!check.ok) {
  rmSync(staging, { recursive: true, force: true });
  fail(
    `refusing the archive: ${check.file} is ${check.why}. It is not the HetRec 2011 Last.fm 2K version 1.0 ` +
      `this project was measured on (a corrupted or changed download). Nothing was installed.` +
      (values.from ? "" : ` Delete ${ZIP} and try again.`),
  );
}
rmSync(TARGET, { recursive: true, force: true });
renameSync(staging, TARGET);
console.log(
  `Extracted ${Object.keys(entries).length} files to ${TARGET}; all ${Object.keys(EXPECTED).length} .dat files match their pinned SHA-256.\n`,
);
console.log(
  `npm test now evaluates on it; the full five folds: npm run eval:reco -- --dataset hetrec --data ${TARGET} --out reports/reco\n\n${LICENCE}`,
);
