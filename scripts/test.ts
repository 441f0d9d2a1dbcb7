/**
 * `npm test`: the whole suite, as CI runs it. Lint, typecheck, dependency checks, unit, integration, the
 * recommender's offline evaluations, production build, end-to-end in Chromium. It provisions what it can (Chromium through apt when running as
 * root on Debian), says exactly what is missing otherwise, runs every stage even after a failure
 * (so one run shows every problem), and ends with one line `N passed, N failed` totalled from the
 * test runners' JSON reports. Exit code 0 only when everything passed.
 *
 * `npm test -- --only eval` runs only the stages whose names start with the given words (comma
 * separated: `--only lint,typecheck`), as CI's parallel jobs do for the evaluations.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync } from "node:fs";
import { chromium } from "playwright-core";
import { ensureBuild } from "./lib/build.ts";
import { describeNode } from "./lib/runtime.ts";

const REPORTS = "reports";

interface StageResult {
  name: string;
  ok: boolean;
  passed: number;
  failed: number;
  skipped: number;
  seconds: number;
  note?: string;
}

const results: StageResult[] = [];

const onlyIndex = process.argv.indexOf("--only");
const only = onlyIndex >= 0 ? (process.argv[onlyIndex + 1] ?? "").split(",").filter(Boolean) : undefined;
if (only && only.length === 0) {
  console.error("--only needs stage names: lint, typecheck, dependencies, unit, integration, eval, build, e2e (comma separated).");
  process.exit(1);
}
/** Whether `--only` (when given) names this stage; a stage left out neither runs nor counts. */
const wanted = (stage: string) => !only || only.some((prefix) => stage.startsWith(prefix));

function banner(text: string) {
  console.log(`\n\x1b[1m▶ ${text}\x1b[0m`);
}

function run(command: string, args: string[], env: Record<string, string> = {}): boolean {
  const result = spawnSync(command, args, { stdio: "inherit", env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1", ...env } });
  if (result.error) console.error(`Could not run ${command}: ${result.error.message}`);
  return result.status === 0;
}

function readJson(path: string): Record<string, unknown> | undefined {
  try {
    return JSON.parse(readFileSync(path, "utf8")) as Record<string, unknown>;
  } catch {
    return undefined;
  }
}

/** A stage that is a check rather than a test runner counts as one test. */
function checkStage(name: string, action: () => boolean) {
  if (!wanted(name)) return true;
  banner(name);
  const started = performance.now();
  const ok = action();
  results.push({ name, ok, passed: ok ? 1 : 0, failed: ok ? 0 : 1, skipped: 0, seconds: (performance.now() - started) / 1000 });
  return ok;
}

function vitestStage(name: "unit" | "integration") {
  if (!wanted(name)) return;
  banner(`${name} tests (Vitest)`);
  const report = `${REPORTS}/${name}.json`;
  rmSync(report, { force: true });
  const started = performance.now();
  const ok = run("vitest", ["run", "--project", name, "--reporter=default", "--reporter=json", `--outputFile.json=${report}`]);
  const json = readJson(report);
  const passed = Number(json?.numPassedTests ?? 0);
  const failed = Number(json?.numFailedTests ?? 0);
  const skipped = Number(json?.numPendingTests ?? 0) + Number(json?.numTodoTests ?? 0);
  const ran = passed + failed > 0;
  results.push({
    name,
    ok: ok && failed === 0 && skipped === 0 && ran,
    passed,
    // A crash before the report counts as a failure even though no test said so.
    failed: failed > 0 ? failed : ok && ran ? 0 : 1,
    skipped,
    seconds: (performance.now() - started) / 1000,
    note: ran ? undefined : "no tests ran",
  });
}

function playwrightStage() {
  banner("end-to-end tests (Playwright, production build)");
  const report = `${REPORTS}/e2e.json`;
  rmSync(report, { force: true });
  const started = performance.now();
  const ok = run("playwright", ["test"]);
  const stats = readJson(report)?.stats as Record<string, number> | undefined;
  const passed = (stats?.expected ?? 0) + (stats?.flaky ?? 0);
  const failed = stats?.unexpected ?? 0;
  const skipped = stats?.skipped ?? 0;
  const ran = passed + failed > 0;
  results.push({
    name: "e2e",
    ok: ok && failed === 0 && skipped === 0 && ran,
    passed,
    failed: failed > 0 ? failed : ok && ran ? 0 : 1,
    skipped,
    seconds: (performance.now() - started) / 1000,
    note: stats?.flaky ? `${stats.flaky} flaky (passed on retry)` : ran ? undefined : "no tests ran",
  });
}

function skippedStage(name: string, why: string) {
  results.push({ name, ok: false, passed: 0, failed: 1, skipped: 0, seconds: 0, note: why });
}

/** Finds Chromium for Playwright, installing Debian's package when we may; explains otherwise. */
function ensureChromium(): boolean {
  const candidates = ["/usr/bin/chromium", "/usr/bin/chromium-browser"];
  if (candidates.some((path) => existsSync(path))) return true;
  if (existsSync(chromium.executablePath())) return true;
  const isRoot = process.getuid?.() === 0;
  if (isRoot && existsSync("/usr/bin/apt-get")) {
    console.log("Chromium not found: installing Debian's chromium package (apt-get install -y chromium).");
    const env = { DEBIAN_FRONTEND: "noninteractive" };
    if (run("apt-get", ["update", "-qq"], env) && run("apt-get", ["install", "-y", "-qq", "chromium"], env)) return true;
  }
  console.error(
    [
      "End-to-end tests need Chromium and none was found.",
      "  Debian/Ubuntu: sudo apt-get install -y chromium",
      "  Elsewhere, where downloads are allowed: npx playwright install chromium",
    ].join("\n"),
  );
  return false;
}

console.log(describeNode());
mkdirSync(REPORTS, { recursive: true });
const suiteStarted = performance.now();

// Lint is three checks: ESLint, the formatter, and the layer rules (scripts/check-deps.ts).
checkStage("lint", () =>
  [run("eslint", ["--max-warnings=0", "."]), run("prettier", ["--check", "."]), run("node", ["scripts/check-deps.ts"])].every(Boolean),
);
checkStage("typecheck", () => run("next", ["typegen"]) && run("tsc", ["--noEmit"]));
// Offline dependency checks: every locked package from the registry with a sha512 hash, and every
// production licence on the allow-list. (The registry's signatures need the network: CI runs
// `npm audit signatures`, and GitHub's dependency review checks each pull request.)
checkStage("dependencies", () => [run("node", ["scripts/lockfile-check.ts"]), run("node", ["scripts/licences.ts"])].every(Boolean));
vitestStage("unit");
vitestStage("integration");
// The recommender's offline evaluations, as CI runs them: HetRec fold 0 (the main model and the
// ported most-popular baseline; the full five folds are in the README) with its fold file, and
// the temporal evaluation on generated listeners, which fails unless the engine wins at both ends
// of the slider against every baseline.
// HetRec data: HETREC_DIR when set, else data/hetrec2011-lastfm-2k (npm run data:hetrec), else a
// small synthetic set in the same format from the demo cohort, which checks the pipeline end to end.
const HETREC_DOWNLOADED = "data/hetrec2011-lastfm-2k";
const HETREC_SYNTHETIC = `${REPORTS}/hetrec-synthetic`;
checkStage("eval:hetrec", () => {
  const fromEnv = process.env.HETREC_DIR?.trim() || undefined;
  if (fromEnv && !existsSync(`${fromEnv}/user_artists.dat`)) {
    console.error(`eval:hetrec: HETREC_DIR=${fromEnv} has no user_artists.dat. Point it at the extracted data set, or unset it.`);
    return false;
  }
  const real = fromEnv ?? (existsSync(`${HETREC_DOWNLOADED}/user_artists.dat`) ? HETREC_DOWNLOADED : undefined);
  console.log(
    real
      ? `eval:hetrec: HetRec 2011 Last.fm (${fromEnv ? `HETREC_DIR=${fromEnv}` : real})`
      : "eval:hetrec: synthetic HetRec-format data from the demo cohort (real data absent: npm run data:hetrec)",
  );
  rmSync(`${REPORTS}/reco`, { recursive: true, force: true });
  const data = real ? ["--data", real] : ["--data", HETREC_SYNTHETIC, "--synthetic"];
  const ok = run("node", [
    "--import",
    "./scripts/register.ts",
    "scripts/eval-reco.ts",
    "--dataset",
    "hetrec",
    ...data,
    "--out",
    `${REPORTS}/reco`,
    "--folds",
    "0",
    "--models",
    "best,popular",
  ]);
  const lines = existsSync(`${REPORTS}/reco/fold-0.jsonl`) ? readFileSync(`${REPORTS}/reco/fold-0.jsonl`, "utf8").trim().split("\n") : [];
  // Fold 0 has 1,800-odd test users on the real data and one per generated listener (100) on the synthetic set.
  const minUsers = real ? 1000 : 90;
  const wellFormed =
    lines.length >= minUsers &&
    lines.every((line) => {
      const row = JSON.parse(line) as { user?: unknown; items?: unknown };
      return (
        typeof row.user === "string" &&
        Array.isArray(row.items) &&
        row.items.length === 20 &&
        row.items.every((item) => typeof item === "string")
      );
    });
  if (!wellFormed)
    console.error(
      `${REPORTS}/reco/fold-0.jsonl is missing, has fewer than ${minUsers} users, or is not one {"user","items":[20 ids]} object per line.`,
    );
  return ok && wellFormed;
});
checkStage("eval:temporal", () => run("node", ["--import", "./scripts/register.ts", "scripts/eval-reco.ts", "--dataset", "demo"]));
// The offline assistant: intent, range and answer accuracy on the evaluation set (fails below target).
checkStage("eval:assistant", () => run("node", ["--import", "./scripts/register.ts", "scripts/eval-assistant.ts"]));
// `--only e2e` still needs a current build; `--only eval` needs neither.
const built = wanted("build") ? checkStage("build", () => ensureBuild({ force: true })) : !wanted("e2e") || ensureBuild();
const browser = wanted("e2e") && ensureChromium();
if (built && browser) playwrightStage();
else if (wanted("e2e")) skippedStage("e2e", built ? "Chromium is missing (see above)" : "the build failed");

const passed = results.reduce((sum, stage) => sum + stage.passed, 0);
const failed = results.reduce((sum, stage) => sum + stage.failed, 0);
const skipped = results.reduce((sum, stage) => sum + stage.skipped, 0);

console.log("\n\x1b[1mSummary\x1b[0m");
for (const stage of results) {
  const mark = stage.ok ? "\x1b[32m✓\x1b[0m" : "\x1b[31m✗\x1b[0m";
  const counts = `${stage.passed} passed, ${stage.failed} failed${stage.skipped ? `, ${stage.skipped} skipped` : ""}`;
  console.log(
    `  ${mark} ${stage.name.padEnd(12)} ${counts.padEnd(32)} ${stage.seconds.toFixed(1).padStart(6)} s${stage.note ? `  (${stage.note})` : ""}`,
  );
}
console.log(`  total time ${((performance.now() - suiteStarted) / 1000).toFixed(1)} s`);
if (skipped > 0) console.log("  Skipped tests count as a failure of the run: a skipped test proves nothing.");
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ""}`);
process.exit(results.every((stage) => stage.ok) ? 0 : 1);
