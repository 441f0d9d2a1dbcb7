/**
 * The temporal evaluation (`npm run eval:reco -- --dataset demo` or `--history <files...>`):
 * demo-generated listeners over the shared demo catalogue (the default, what CI runs), or the
 * Spotify exports given (each file or folder of files is one listener; with one listener, the
 * demo cohort stands in for the rest of the world).
 */
import { readFileSync, readdirSync, statSync } from "node:fs";
import { basename, join } from "node:path";
import type { PlayRow } from "@/lib/listening";
import type { History } from "@/lib/reco";

export async function runTemporal(options: { history?: string[]; listeners?: number; cohort?: number }): Promise<boolean> {
  const { DEFAULT_HISTORY_END, DEMO_LISTENER, generateListeningHistory, getDemoCatalog } = await import("@/lib/demo");
  const { engineWins, temporalEvaluation, historyCatalog, pretrainedModel } = await import("@/lib/reco");
  const { demoCatalogPort } = await import("@/lib/reco");
  const { demoIndexRows, toPlayRow } = await import("@/lib/listening");
  const catalog = getDemoCatalog(DEMO_LISTENER.seed);
  const demoHistory = (seed: number, plays: number, years: number): History => ({
    name: `demo-${seed}`,
    rows: demoIndexRows(
      generateListeningHistory({ seed, catalogSeed: DEMO_LISTENER.seed, plays, years, end: new Date(DEFAULT_HISTORY_END) }),
      catalog,
    ),
  });
  const cohortSize = options.cohort ?? 60;
  const cohort = Array.from({ length: cohortSize }, (_, member) => demoHistory(2000 + member, 2_500, 3));

  let listeners: History[];
  let port;
  if (options.history && options.history.length > 0) {
    const { parseExport } = await import("@/lib/ingest");
    listeners = options.history.map((path) => {
      const files = statSync(path).isDirectory()
        ? readdirSync(path)
            .filter((file) => file.endsWith(".json"))
            .map((file) => join(path, file))
        : [path];
      const parsed = parseExport(files.map((file) => ({ name: basename(file), text: readFileSync(file, "utf8") })));
      const rows: PlayRow[] = parsed.rows.map((row) =>
        toPlayRow({
          playedAt: Date.parse(row.endedAt),
          msPlayed: row.msPlayed,
          trackKey: row.trackId ? `spotify:track:${row.trackId}` : `${row.artistName.toLowerCase()}|${row.trackName.toLowerCase()}`,
          trackId: row.trackId,
          trackName: row.trackName,
          artistName: row.artistName,
          albumName: row.albumName,
          platform: row.platform,
          skipped: row.skipped,
          reasonEnd: row.reasonEnd,
          shuffle: row.shuffle,
          timePrecision: row.kind === "account" ? "minute" : "second",
        }),
      );
      return { name: basename(path), rows };
    });
    port = historyCatalog([...listeners, ...(listeners.length === 1 ? cohort : [])]);
  } else {
    listeners = Array.from({ length: options.listeners ?? 16 }, (_, index) => demoHistory(100 + index, 12_000, 4));
    port = demoCatalogPort(catalog);
  }
  const others = listeners.length === 1 || !options.history ? [...listeners, ...cohort] : listeners;
  // Real listeners get the pretrained public model too, as Spotify listeners do in the app.
  const publicModel = options.history?.length ? await pretrainedModel() : null;
  const started = performance.now();
  const result = await temporalEvaluation({ listeners, others, catalog: port, publicModel });
  const seconds = (performance.now() - started) / 1000;
  const cell = (scores: { recallAt50: number; ndcgAt20: number }) =>
    `${scores.recallAt50.toFixed(3).padStart(9)}${scores.ndcgAt20.toFixed(3).padStart(9)}`;
  console.log(
    `\ntemporal evaluation: ${result.listeners} listeners (${result.newTrackListeners} with new tracks, ${result.newArtistListeners} with new artists in the window), 30 days after each cut, ${seconds.toFixed(1)} s`,
  );
  console.log(
    `${"".padEnd(22)}${"tracks: all".padEnd(18)}${"tracks: new".padEnd(18)}${"artists: all".padEnd(18)}${"artists: new".padEnd(18)}`,
  );
  console.log(`${"method".padEnd(22)}${"   R@50  NDCG@20".repeat(4)}`);
  for (const [method, row] of Object.entries(result.rows))
    console.log(`${method.padEnd(22)}${cell(row.tracks)}${cell(row.newTracks)}${cell(row.artists)}${cell(row.newArtists)}`);
  console.log(`\nhow much contexts change the 20 picks (novelty 0.3, last 30 days left out): share of picks in common`);
  console.log(`${"lists compared".padEnd(34)}${"mean".padStart(7)}${"min".padStart(7)}${"max".padStart(7)}${"picks".padStart(7)}`);
  for (const row of result.contexts)
    console.log(
      `${row.label.padEnd(34)}${row.overlap.toFixed(2).padStart(7)}${row.min.toFixed(2).padStart(7)}${row.max.toFixed(2).padStart(7)}${row.picks.toFixed(1).padStart(7)}`,
    );
  if (result.publicMatch) {
    const { listeners: matchedListeners, matched, played } = result.publicMatch;
    console.log(
      `\npublic model (${publicModel?.version}): knows ${matched.toLocaleString("en")} of the ${played.toLocaleString("en")} artists ` +
        `${matchedListeners} listener(s) listened to before their cut (${played > 0 ? ((100 * matched) / played).toFixed(1) : "0.0"}%, by normalised name)`,
    );
  } else if (options.history?.length) console.log("\npublic model: off or missing (RECO_PUBLIC_MODEL, lib/reco/pretrained)");
  const { wins, failures } = engineWins(result);
  console.log(
    wins
      ? "\nengine wins at both ends: at familiar on recall@50 (all tracks), at new on recall@50 (new tracks and new artists), against every baseline"
      : `\nengine does NOT win at both ends:\n  ${failures.join("\n  ")}`,
  );
  return wins;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const history = process.argv.slice(2).filter((arg) => !arg.startsWith("--"));
  const ok = await runTemporal({ history });
  process.exit(ok ? 0 : 1);
}
