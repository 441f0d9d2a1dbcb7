/**
 * `npm run bench:reco -- [--plays 300000] [--runs 60]`: one listener with N plays over ten years,
 * a catalogue of more than 50,000 tracks (four demo catalogues), a cohort of generated listeners
 * for the deployment's collaborative model, and the pretrained public model loaded (its cold-load
 * time and memory are printed; the listener's signal fuses both models, as for a Spotify
 * listener, with a quarter of their artists renamed to public ones so the fold-in has work to
 * do). Prints the training time and model size, and request
 * latency p50/p95 at 1 and 20 concurrent requests: cold (the track profile is built from the
 * listening index first, and the candidate pool rebuilt, as after new plays), warm (profile,
 * model and candidate pool in memory: the request merges, filters, scores and re-ranks)
 * and cached (the result cache answers, as for a repeated view within ten minutes).
 */
import { parseArgs } from "node:util";

const { values } = parseArgs({ options: { plays: { type: "string", default: "300000" }, runs: { type: "string", default: "60" } } });
const plays = Number(values.plays);
const runs = Number(values.runs);

const { DEFAULT_HISTORY_END, generateListeningHistory, getDemoCatalog } = await import("@/lib/demo");
const { demoIndexRows, IndexBuilder } = await import("@/lib/listening");
const { demoCatalogPort } = await import("@/lib/reco");
const { recommend, NO_FEEDBACK } = await import("@/lib/reco");
const { trackProfile } = await import("@/lib/reco");
const { collaborativeFor, fuseSignals, listenerArtists, loadPretrained, matrixFrom, PRETRAINED_PATH, trainDeploymentModel, servedModel } =
  await import("@/lib/reco");
const { encodeArtistModel } = await import("@/lib/reco");
const { contextById, CONTEXT_IDS } = await import("@/lib/reco");
const { MemoryCache } = await import("@/lib/cache");
type CatalogPort = import("@/lib/reco").CatalogPort;
type ListeningIndex = import("@/lib/listening").ListeningIndex;

const percentile = (samples: number[], p: number) =>
  [...samples].sort((a, b) => a - b)[Math.min(samples.length - 1, Math.floor((p / 100) * samples.length))] ?? 0;
const ms = (value: number) => `${value.toFixed(value < 10 ? 2 : 1)} ms`;

const SEED = 11;
const catalogs = [SEED, 12, 13, 14].map((seed) => getDemoCatalog(seed));
const ports = catalogs.map((catalog) => demoCatalogPort(catalog));
const catalog: CatalogPort = {
  async tracks(ids) {
    const found = new Map();
    for (const port of ports) for (const [id, track] of await port.tracks(ids)) found.set(id, track);
    return found;
  },
  async artistTracks(name, known) {
    for (const port of ports) {
      const tracks = await port.artistTracks(name, known);
      if (tracks.length > 0) return tracks;
    }
    return [];
  },
};
const catalogTracks = catalogs.reduce((sum, each) => sum + each.tracks.length, 0);

function indexOf(name: string, seed: number, count: number, years: number): ListeningIndex {
  const source = getDemoCatalog(SEED);
  const builder = new IndexBuilder(name, 1);
  for (const row of demoIndexRows(
    generateListeningHistory({ seed, catalogSeed: SEED, plays: count, years, end: new Date(DEFAULT_HISTORY_END) }),
    source,
  ))
    builder.add(row);
  return builder.build();
}

console.log(
  `bench:reco: a listener with ${plays.toLocaleString("en")} plays, a catalogue of ${catalogTracks.toLocaleString("en")} tracks\n`,
);
const listener = indexOf("listener", SEED, plays, 10);
const cohort = Array.from({ length: 80 }, (_, member) => indexOf(`cohort-${member}`, 3000 + member, 2_000, 3));

const trainStarted = performance.now();
const matrix = matrixFrom([listener, ...cohort].map((index) => ({ index })));
const model = trainDeploymentModel(matrix);
const trainSeconds = (performance.now() - trainStarted) / 1000;
const modelBytes = encodeArtistModel(model, {
  keys: matrix.artists,
  names: matrix.names,
  tags: matrix.artists.map(() => []),
  source: "bench",
  version: "bench",
  trainedAt: new Date().toISOString(),
}).byteLength;
console.log(
  `deployment model: trained in ${trainSeconds.toFixed(2)} s over ${matrix.rows.length} listeners and ${matrix.artists.length} artists; ${(modelBytes / 1024).toFixed(0)} KB encoded`,
);
const deployment = servedModel(model, { keys: matrix.artists, names: matrix.names }, "deployment", "bench");

// The pretrained public model, loaded cold from the artifact the app ships.
global.gc?.();
const heapBefore = process.memoryUsage();
const loadStarted = performance.now();
const pretrained = await loadPretrained(PRETRAINED_PATH);
const loadMs = performance.now() - loadStarted;
global.gc?.();
const heapAfter = process.memoryUsage();
const megabytes = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
// The model's own arrays (exact), and the process's growth around the load (includes the file read).
const m = pretrained.model;
const arrays = [m.ials.itemFactors, m.ials.foldInParams?.gram, m.factorNorms, m.tags?.data, m.tags?.indices, m.tags?.indptr];
const arrayBytes = arrays.reduce((sum, array) => sum + (array?.byteLength ?? 0), 0);
console.log(
  `public model: ${pretrained.keys.length.toLocaleString("en")} artists (${pretrained.version}), cold load ${ms(loadMs)}; ` +
    `its arrays hold ${megabytes(arrayBytes)}, the process grew by ${megabytes(Math.max(0, heapAfter.rss - heapBefore.rss))} resident`,
);

const now = listener.playedAt[listener.count - 1]! + 60_000;
let profile = trackProfile(listener, { now, timeZone: "Europe/Berlin", listenThresholdMs: 30_000 });
// A Spotify listener's artists are real names: every fourth of this one's takes a public model artist's name.
const stride = Math.max(1, Math.floor(pretrained.keys.length / Math.max(1, listener.artists.length)));
const renamed = listener.artists.map((artist, id) =>
  id % 4 === 0 ? pretrained.keys[(id * stride) % pretrained.keys.length]! : artist.key,
);

function collaborative() {
  const artists = { ...listenerArtists(listener, profile), keys: renamed };
  return fuseSignals([collaborativeFor(pretrained, artists), collaborativeFor(deployment, artists)]) ?? { artists: [] };
}

// As in the app (lib/reco/models.ts), the collaborative signal is computed once per profile.
const signalStarted = performance.now();
let signal = collaborative();
console.log(
  `collaborative signal (fold-in into both models, fused): ${ms(performance.now() - signalStarted)}, ${signal.artists.length} artists, ${signal.basis?.matched ?? 0} of the listener's ${signal.basis?.played ?? 0} artists in the public model`,
);
const cache = new MemoryCache();
const contexts = [undefined, ...CONTEXT_IDS];
async function request(kind: "cold" | "warm" | "cached", run: number): Promise<number> {
  const started = performance.now();
  const context = contexts[run % contexts.length];
  const key = `reco:${context ?? "-"}`;
  if (kind === "cached") {
    const hit = await cache.get(key);
    if (hit) return performance.now() - started;
  }
  if (kind === "cold") {
    profile = trackProfile(listener, { now, timeZone: "Europe/Berlin", listenThresholdMs: 30_000 });
    signal = collaborative();
  }
  const items = await recommend({
    index: listener,
    profile,
    feedback: NO_FEEDBACK,
    catalog,
    collaborative: signal,
    request: { limit: 20, novelty: 0.3, recentDays: 30, allowExplicit: true, ...(context ? { contexts: [contextById(context)!] } : {}) },
  });
  await cache.set(key, items, { ttlSeconds: 600 });
  return performance.now() - started;
}

console.log(`\n${"request".padEnd(10)}${"concurrency".padStart(12)}${"p50".padStart(11)}${"p95".padStart(11)}`);
for (const kind of ["cold", "warm", "cached"] as const) {
  for (const concurrency of [1, 20]) {
    const samples: number[] = [];
    for (let batch = 0; batch < runs; batch += concurrency) {
      samples.push(...(await Promise.all(Array.from({ length: concurrency }, (_, offset) => request(kind, batch + offset)))));
    }
    console.log(
      `${kind.padEnd(10)}${String(concurrency).padStart(12)}${ms(percentile(samples, 50)).padStart(11)}${ms(percentile(samples, 95)).padStart(11)}`,
    );
  }
}
process.exit(0);
