/**
 * `npm run eval:reco -- --dataset hetrec --data data/hetrec2011-lastfm-2k --out <dir>
 *   [--folds 0,1,2,3,4] [--users N] [--models best,ials,itemknn,rp3beta,popular] [--synthetic]`
 *
 * Offline evaluation of lib/reco/cf on HetRec 2011 Last.fm 2K (`npm run data:hetrec` downloads it)
 * with the published protocol (5 folds by row order, binary relevance, full ranking without the
 * user's training artists; metrics per test user, then averaged over folds). Prints one row per
 * model and the README's reference rows. `best` is the served artist model, scored through the app's
 * own `scoreHistory` (lib/reco/eval/served.ts). Writes the main model's (`best`, else the first model's)
 * top-20 per evaluated user as JSON lines to `<out>/fold-<f>.jsonl`:
 * `{"user":"<userID>","items":["<artistID>", ...]}`.
 * `--users N` evaluates only the first N test users (by index) of each fold, for quick CI runs;
 * training always uses the whole fold.
 * `--synthetic` first writes a small data set in the same format, generated from demo listeners,
 * into `--data` (lib/reco/eval/synthetic-hetrec.ts): `npm test` runs it when the real set is absent.
 */
import { existsSync, mkdirSync, statSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";

import {
  servedModelForFold,
  trainIals,
  trainItemKnn,
  trainPopular,
  trainRecommender,
  trainRp3beta,
  type Csr,
  type ImplicitModel,
} from "@/lib/reco";
import {
  evaluateFold,
  HETREC_REFERENCE,
  hetrecSideInformation,
  loadHetrec,
  makeFold,
  meanRows,
  type Fold,
  type MetricRow,
} from "@/lib/reco";
import { generateSyntheticHetrec } from "@/lib/reco";

// The temporal evaluation on listening histories: `--dataset demo` (generated listeners, what CI
// runs) or `--history <export files or folders...>` (real exports, one listener each).
{
  const argv = process.argv.slice(2);
  const dataset = argv[argv.indexOf("--dataset") + 1];
  const historyAt = argv.indexOf("--history");
  if ((argv.includes("--dataset") && dataset === "demo") || historyAt >= 0) {
    const { runTemporal } = await import("./eval-temporal.ts");
    const history = historyAt >= 0 ? argv.slice(historyAt + 1).filter((arg) => !arg.startsWith("--")) : [];
    if (historyAt >= 0 && history.length === 0) {
      console.error("eval:reco: --history needs Spotify export files or folders (one listener each)");
      process.exit(2);
    }
    process.exit((await runTemporal({ history })) ? 0 : 1);
  }
}

interface FoldContext {
  fold: Fold;
  side: { itemTags: Csr; friends: Csr };
}

/**
 * Models the evaluator knows. `best` is the served artist model (lib/reco/cf/artist-model.ts),
 * trained on the fold's training rows and scoring each test user's training row through the same
 * `scoreHistory` the app calls; `friends` is the earlier blend with a friends part, which the app
 * cannot serve (it has no friend graph), kept for comparison.
 */
const MODELS: Record<string, { label: string; train(ctx: FoldContext): ImplicitModel }> = {
  best: {
    label: "best: served artist model (scoreHistory)",
    train: ({ fold, side }) => servedModelForFold(fold, side.itemTags),
  },
  friends: {
    label: "extra: iALS + tag KNN + friends (not served)",
    train: ({ fold, side }) => trainRecommender(fold.train, { itemFeatures: side.itemTags, userLinks: side.friends }),
  },
  "best-cf": {
    label: "best-cf: tuned iALS alone (no side info)",
    train: ({ fold }) => trainRecommender(fold.train),
  },
  ials: {
    label: "port: iALS (d=128, a0=0.05, L2=0.01)",
    train: ({ fold }) =>
      trainIals(fold.train, { factors: 128, unobservedWeight: 0.05, regularization: 0.01, regExponent: 1, iterations: 10 }),
  },
  itemknn: {
    label: "port: Item-KNN cosine (k=1000, shrink=5)",
    train: ({ fold }) => trainItemKnn(fold.train, { k: 1000, shrink: 5 }),
  },
  rp3beta: {
    label: "port: RP3beta (a=0.6, b=0.3, k=300)",
    train: ({ fold }) => trainRp3beta(fold.train, { alpha: 0.6, beta: 0.3, k: 300 }),
  },
  popular: {
    label: "port: Most popular",
    train: ({ fold }) => trainPopular(fold.train),
  },
};
const DEFAULT_MODELS = "best,friends,best-cf,ials,itemknn,rp3beta,popular";

const USAGE = `usage: npm run eval:reco -- --dataset hetrec --data <dir> [--out <dir>] [--folds 0,1,2,3,4] [--users N] [--models ${DEFAULT_MODELS}] [--synthetic]
  --dataset   "hetrec" (HetRec 2011 Last.fm 2K), or "demo" for the temporal evaluation on generated listeners
  --history   <export files or folders...>: the temporal evaluation on real Spotify exports
  --data      directory with user_artists.dat (and artists.dat, tags.dat, user_taggedartists.dat, user_friends.dat);
              default data/hetrec2011-lastfm-2k, where npm run data:hetrec puts it
  --out       directory for fold-<f>.jsonl (top-20 of the main model per test user); omitted = not written
  --folds     comma-separated folds to run, each in 0..4 (default all five)
  --users     evaluate only the first N test users of each fold (default all)
  --models    comma-separated, from: ${Object.keys(MODELS).join(", ")}
  --synthetic first write a small HetRec-format data set generated from demo listeners into --data
              (overwriting its .dat files; refused where a readme.txt says it is the real set), then evaluate it: checks the pipeline, not the model`;

function fail(message: string): never {
  console.error(`eval:reco: ${message}\n\n${USAGE}`);
  process.exit(2);
}

/** Where `npm run data:hetrec` installs the data set. */
const DOWNLOADED = "data/hetrec2011-lastfm-2k";

function parseCli() {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        dataset: { type: "string", default: "hetrec" },
        data: { type: "string" },
        out: { type: "string" },
        folds: { type: "string", default: "0,1,2,3,4" },
        users: { type: "string" },
        models: { type: "string", default: DEFAULT_MODELS },
        synthetic: { type: "boolean", default: false },
        help: { type: "boolean", short: "h" },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    fail((error as Error).message);
  }
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  if (values.dataset !== "hetrec") fail(`unknown --dataset "${values.dataset}" (only "hetrec")`);
  if (!values.data && (values.synthetic || !existsSync(join(DOWNLOADED, "user_artists.dat")))) {
    fail(
      values.synthetic
        ? "--synthetic needs --data <dir> to write to"
        : `--data is required (or npm run data:hetrec, which puts the data set in ${DOWNLOADED})`,
    );
  }
  const data = resolve(values.data ?? DOWNLOADED);
  if (values.synthetic) writeSynthetic(data);
  if (!existsSync(join(data, "user_artists.dat")))
    fail(`--data ${data} has no user_artists.dat${existsSync(data) ? "" : " (npm run data:hetrec downloads the data set)"}`);
  const folds = values.folds.split(",").map((s) => s.trim());
  if (folds.some((f) => !/^[0-4]$/.test(f))) fail(`--folds must list folds 0..4, got "${values.folds}"`);
  const foldList = [...new Set(folds.map(Number))];
  let users: number | undefined;
  if (values.users !== undefined) {
    if (!/^[1-9]\d*$/.test(values.users)) fail(`--users must be a positive integer, got "${values.users}"`);
    users = Number(values.users);
  }
  const models = [
    ...new Set(
      values.models
        .split(",")
        .map((s) => s.trim())
        .filter(Boolean),
    ),
  ];
  if (models.length === 0) fail("--models is empty");
  for (const m of models) if (!MODELS[m]) fail(`unknown model "${m}"`);
  let out: string | undefined;
  if (values.out !== undefined) {
    out = resolve(values.out);
    if (existsSync(out) && !statSync(out).isDirectory()) fail(`--out ${out} is not a directory`);
  }
  return { data, out, folds: foldList, users, models, synthetic: values.synthetic };
}

/** The synthetic data set, written fresh (a pure function of its seed, so every run is the same). */
function writeSynthetic(dir: string) {
  if (existsSync(dir) && !statSync(dir).isDirectory()) fail(`--data ${dir} is not a directory`);
  if (existsSync(join(dir, "readme.txt"))) fail(`--data ${dir} holds the real data set (readme.txt): --synthetic would overwrite it`);
  const t0 = performance.now();
  const files = generateSyntheticHetrec({ users: 100, playsEach: 1_200 });
  mkdirSync(dir, { recursive: true });
  for (const [name, bytes] of Object.entries(files)) writeFileSync(join(dir, name), bytes);
  console.log(`synthetic HetRec-format data from the demo cohort written to ${dir} in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
}

const args = parseCli();
const started = performance.now();
const ds = loadHetrec(args.data);
const rows = { users: ds.userIds.length, items: ds.artistIds.length, user: ds.plays.user, item: ds.plays.item, count: ds.plays.count };
console.log(
  `${args.synthetic ? "Synthetic HetRec-format data (demo cohort)" : "HetRec Last.fm 2K"}: ${rows.users} users, ${rows.items} artists, ${ds.plays.user.length} listening rows, ${ds.tagAssignments.user.length} tag assignments, ${ds.friends.a.length} friend pairs` +
    (Object.keys(ds.dropped).length ? ` (dropped: ${JSON.stringify(ds.dropped)})` : ""),
);
console.log(
  `folds ${args.folds.join(",")}${args.users ? `, first ${args.users} test users per fold` : ", all test users"}; models ${args.models.join(", ")}\n`,
);

const main = args.models.includes("best") ? "best" : args.models[0]!;
if (args.out) mkdirSync(args.out, { recursive: true });
const results = new Map<string, { rows: MetricRow[]; seconds: number[]; cpu: number[] }>();
for (const name of args.models) results.set(name, { rows: [], seconds: [], cpu: [] });

for (const f of args.folds) {
  const fold = makeFold(rows, f, 5);
  // Tag assignments on this fold's test pairs are hidden too (they would reveal test interactions).
  const side = hetrecSideInformation(ds, fold.test);
  const users = args.users ? fold.testUsers.subarray(0, args.users) : fold.testUsers;
  for (const name of args.models) {
    const t0 = performance.now();
    const cpu0 = process.cpuUsage();
    const model = MODELS[name]!.train({ fold, side });
    const seconds = (performance.now() - t0) / 1000;
    const cpuUsed = process.cpuUsage(cpu0);
    const cpu = (cpuUsed.user + cpuUsed.system) / 1e6;
    const result = evaluateFold(model, fold, { users });
    const entry = results.get(name)!;
    entry.rows.push(result.metrics);
    entry.seconds.push(seconds);
    entry.cpu.push(cpu);
    console.log(
      `fold ${f} ${name.padEnd(8)} NDCG@10 ${result.metrics.ndcg10.toFixed(4)}  P@10 ${result.metrics.p10.toFixed(4)}  train ${seconds.toFixed(1)} s (cpu ${cpu.toFixed(1)} s)  (${model.name}; ${result.users} users)`,
    );
    if (name === main && args.out) {
      const lines: string[] = [];
      for (const [user, list] of [...result.lists].sort((a, b) => a[0] - b[0])) {
        lines.push(JSON.stringify({ user: ds.userIds[user], items: list.slice(0, 20).map((i) => ds.artistIds[i]) }));
      }
      writeFileSync(join(args.out, `fold-${f}.jsonl`), lines.join("\n") + "\n");
    }
  }
}

const num = (x: number | undefined) => (x === undefined ? "" : x.toFixed(3)).padStart(7);
const header = `${"Model".padEnd(46)} ${["P@10", "R@10", "NDCG@10", "R@20", "NDCG@20", "Cov@10", "Nov@10"].map((h) => h.padStart(7)).join(" ")} ${"train s".padStart(8)} ${"s/fold".padStart(7)} ${"cpu s".padStart(7)}`;
console.log(`\nMeans over folds ${args.folds.join(",")}${args.users ? ` (first ${args.users} test users per fold)` : ""}:`);
console.log(header);
console.log("-".repeat(header.length));
for (const name of args.models) {
  const { rows: r, seconds, cpu } = results.get(name)!;
  const m = meanRows(r);
  const total = seconds.reduce((a, b) => a + b, 0);
  const cpuTotal = cpu.reduce((a, b) => a + b, 0);
  console.log(
    `${MODELS[name]!.label.padEnd(46)} ${[m.p10, m.r10, m.ndcg10, m.r20, m.ndcg20, m.cov10].map(num).join(" ")} ${m.nov10.toFixed(2).padStart(7)} ${total.toFixed(1).padStart(8)} ${(total / seconds.length).toFixed(1).padStart(7)} ${cpuTotal.toFixed(1).padStart(7)}`,
  );
}
// Tuning used folds 0 and 1 only: when folds 2-4 all ran, their mean is the untouched estimate.
const held = [2, 3, 4].filter((f) => args.folds.includes(f));
if (held.length === 3 && args.folds.length > 3) {
  console.log(`\nMeans over folds 2,3,4 only (not used for tuning):`);
  for (const name of args.models) {
    const { rows: r } = results.get(name)!;
    const m = meanRows(held.map((f) => r[args.folds.indexOf(f)]!));
    console.log(
      `${MODELS[name]!.label.padEnd(46)} ${[m.p10, m.r10, m.ndcg10, m.r20, m.ndcg20, m.cov10].map(num).join(" ")} ${m.nov10.toFixed(2).padStart(7)}`,
    );
  }
}
console.log(
  "train s: wall-clock training time summed over the folds (s/fold: per fold); cpu s: process CPU time for it (single-threaded).",
);
console.log(
  `\nReference (README, 5-fold means${args.synthetic ? "; measured on the real data, not comparable with the synthetic set" : ""}):`,
);
for (const ref of HETREC_REFERENCE) {
  console.log(`${ref.method.padEnd(46)} ${[ref.p10, ref.r10, ref.ndcg10, ref.r20, ref.ndcg20, ref.cov10].map(num).join(" ")}`);
}
if (args.out) console.log(`\n${main} top-20 lists: ${args.folds.map((f) => join(args.out!, `fold-${f}.jsonl`)).join(", ")}`);
console.log(`total ${((performance.now() - started) / 1000).toFixed(1)} s`);
