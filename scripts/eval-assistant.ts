/**
 * `npm run eval:assistant`: how well the offline assistant understands and answers.
 *
 * 1. Understanding: every phrasing of lib/assistant/eval/cases.ts is read at the set's fixed "now";
 *    intent accuracy and range accuracy are the shares read as the set says.
 * 2. Answers: a generated listening history (ending yesterday) is written as a real Spotify export,
 *    imported through the real import into the embedded store, and every question is asked of the
 *    real offline model with the real tools. Answer accuracy is the share of answers whose names and
 *    numbers equal an independent computation from the export's raw rows (below, sharing no code
 *    with the insights engine).
 * 3. The same questions through Gemini's path: the real `@ai-sdk/google` provider against the fake
 *    Gemini, which calls the tool a correct reading calls and then quotes the tool's summary. The
 *    answer must carry the same names and numbers: tool outputs reach the answer unchanged.
 *
 * Targets: intent ≥ 97%, range ≥ 97%, answer ≥ 99% (both paths). Exits 1 below a target.
 * Options: --plays N (default 60000), --verbose (print every miss).
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";

const { values: args } = parseArgs({
  options: { plays: { type: "string", default: "60000" }, verbose: { type: "boolean", default: false } },
});
const TARGETS = { intent: 0.97, range: 0.97, answer: 0.99 };
const ZONE = "Europe/Berlin";
const THRESHOLD_MS = 30_000;

const dataDir = mkdtempSync(join(tmpdir(), "echotune-eval-assistant-"));
process.env.DATA_DIR = dataDir;
process.env.LOG_LEVEL ??= "warn";
process.env.LOG_DESTINATION ??= "stderr";
process.env.ASSISTANT_TURNS_PER_MINUTE = "100000";
// Research stays off (no Perplexity key): the evaluation checks that the offline model and Gemini's
// path call it and pass its answer on, never spending real requests.
for (const name of [
  "MONGODB_URI",
  "UPSTASH_REDIS_REST_URL",
  "UPSTASH_REDIS_REST_TOKEN",
  "GOOGLE_GENERATIVE_AI_API_KEY",
  "GEMINI_BASE_URL",
  "PERPLEXITY_API_KEY",
  "PERPLEXITY_BASE_URL",
])
  delete process.env[name];

const { EVAL_CASES, EVAL_NOW, EVAL_ZONE } = await import("@/lib/assistant");
const { understand } = await import("@/lib/assistant");
const { rangeKey } = await import("@/lib/assistant");

// ---- 1. Understanding -------------------------------------------------------------------------
let intentHits = 0;
let rangeHits = 0;
let rangeCases = 0;
const misreads: string[] = [];
for (const item of EVAL_CASES) {
  const read = understand(item.question, { now: EVAL_NOW, timeZone: EVAL_ZONE, previous: item.previous ? [item.previous] : [] });
  const range = read.range ? rangeKey(read.range) : null;
  if (read.intent === item.intent) intentHits++;
  if (item.range !== null) {
    rangeCases++;
    if (range === item.range) rangeHits++;
  }
  if (read.intent !== item.intent || (item.range !== null && range !== item.range))
    misreads.push(`  “${item.question}”: read ${read.intent} ${range ?? "-"}, expected ${item.intent} ${item.range ?? "-"}`);
}
const intents = new Set(EVAL_CASES.map((item) => item.intent)).size;
const intentAccuracy = intentHits / EVAL_CASES.length;
const rangeAccuracy = rangeHits / rangeCases;
console.log(`eval:assistant: ${EVAL_CASES.length} phrasings across ${intents} intents`);
console.log(`  intent accuracy ${pct(intentAccuracy)} (${intentHits}/${EVAL_CASES.length}), target ${pct(TARGETS.intent)}`);
console.log(`  range accuracy  ${pct(rangeAccuracy)} (${rangeHits}/${rangeCases}), target ${pct(TARGETS.range)}`);
if (misreads.length > 0) console.log(misreads.slice(0, args.verbose ? undefined : 10).join("\n"));

// ---- The independent computation ----------------------------------------------------------------

function pct(value: number): string {
  return `${(value * 100).toFixed(1)}%`;
}

// One formatter for every row: building one per call made the raw-row pass many times slower.
const ZONE_PARTS = new Intl.DateTimeFormat("en-US", {
  timeZone: ZONE,
  hourCycle: "h23",
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  second: "2-digit",
});

function offsetMs(at: number): number {
  const parts = Object.fromEntries(ZONE_PARTS.formatToParts(at).map((part) => [part.type, part.value]));
  const local = Date.UTC(
    Number(parts.year),
    Number(parts.month) - 1,
    Number(parts.day),
    Number(parts.hour),
    Number(parts.minute),
    Number(parts.second),
  );
  return local - Math.floor(at / 1000) * 1000;
}

function localDate(at: number): string {
  return new Date(at + offsetMs(at)).toISOString().slice(0, 10);
}

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];
const num = (value: number) => Math.round(value).toLocaleString("en-US");
const plural = (value: number, unit: string) => `${num(value)} ${Math.round(value) === 1 ? unit : `${unit}s`}`;
const dayText = (date: string) => `${Number(date.slice(8, 10))} ${MONTHS[Number(date.slice(5, 7)) - 1]} ${date.slice(0, 4)}`;
const addDay = (date: string, days: number) => new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
const minutes = (ms: number) => Math.round(ms / 60_000);

/** The local days a stats call covers, resolved here from its input. */
function daysOf(input: Record<string, unknown> | undefined): { from: string; to: string } {
  const range = input?.range ?? "all";
  if (range === "custom" && typeof input?.from === "string" && typeof input.to === "string") return { from: input.from, to: input.to };
  if (range === "4w") return { from: addDay(today, -27), to: today };
  if (range === "6m" || range === "1y") {
    const months = range === "6m" ? 6 : 12;
    const next = addDay(today, 1);
    const [y, m, d] = next.split("-").map(Number) as [number, number, number];
    const index = y * 12 + m - 1 - months;
    const year = Math.floor(index / 12);
    const month = (index % 12) + 1;
    const day = Math.min(d, new Date(Date.UTC(year, month, 0)).getUTCDate());
    return { from: `${year}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`, to: today };
  }
  return { from: raw[0]?.day ?? today, to: today };
}

const inDays = ({ from, to }: { from: string; to: string }) => raw.filter((play) => play.day >= from && play.day <= to);
const listens = (plays: RawPlay[]) => plays.filter((play) => play.ms >= THRESHOLD_MS);

function ranked(plays: RawPlay[], keyOf: (play: RawPlay) => string, by: "plays" | "time") {
  const totals = new Map<string, { name: string; plays: number; ms: number }>();
  for (const play of plays) {
    const key = keyOf(play);
    const entry = totals.get(key) ?? { name: key, plays: 0, ms: 0 };
    entry.ms += play.ms;
    if (play.ms >= THRESHOLD_MS) entry.plays++;
    totals.set(key, entry);
  }
  return [...totals.values()]
    .filter((entry) => (by === "plays" ? entry.plays > 0 : entry.ms > 0))
    .sort((a, b) => (by === "plays" ? b.plays - a.plays || b.ms - a.ms : b.ms - a.ms || b.plays - a.plays));
}

function expectTop(
  text: string,
  entry: { name: string; plays: number; ms: number } | undefined,
  by: "plays" | "time",
  what: string,
): string | null {
  if (!entry) return /no listens/i.test(text) ? null : `expected no listens for ${what}`;
  const figure = by === "time" ? plural(minutes(entry.ms), "minute") : plural(entry.plays, "listen");
  if (!text.includes(entry.name)) return `top ${what} should be ${entry.name}`;
  if (!text.includes(figure)) return `top ${what} ${entry.name} should have ${figure}`;
  return null;
}

function longestRun(days: string[]): number {
  let best = 0;
  let run = 0;
  let previous = "";
  for (const day of [...new Set(days)].sort()) {
    run = previous && addDay(previous, 1) === day ? run + 1 : 1;
    best = Math.max(best, run);
    previous = day;
  }
  return best;
}

/** Null when the answer holds what the raw rows say; else what is wrong. */
function checkAnswer(item: (typeof EVAL_CASES)[number], turn: Turn): string | null {
  const text = turn.text;
  const call = turn.calls[0];
  const input = call?.input ?? {};
  if (item.intent === "help") return /I answer from your own listening/.test(text) ? null : "expected the help text";
  if (!call) return `no tool was called (expected ${item.intent})`;
  const output = call.output ?? {};
  const summary = typeof output.summary === "string" ? output.summary : "";
  // A playlist draft's answer is its card and the request to save it; every other answer quotes the tool.
  if (item.intent !== "buildPlaylist" && item.intent !== "saveDraft" && !text.includes(summary.slice(0, 40)))
    return "the answer does not quote the tool's summary";
  const days = daysOf(input);
  const plays = inDays(days);
  const by = input.by === "time" ? "time" : "plays";
  const artistOf = (play: RawPlay) => play.artist;
  // A track is one Spotify track (its URI), as in the export; two releases of a song are two tracks.
  const trackOf = (play: RawPlay) => `${play.title}\u0000${play.artist}\u0000${play.track}`;
  switch (item.intent) {
    case "topArtists":
      return expectTop(text, ranked(plays, artistOf, by)[0], by, "artist");
    case "topTracks": {
      const top = ranked(plays, trackOf, by)[0];
      return expectTop(text, top && { ...top, name: top.name.split("\u0000")[0]! }, by, "track");
    }
    case "topOverall": {
      const track = ranked(plays, trackOf, by)[0];
      return (
        expectTop(text, ranked(plays, artistOf, by)[0], by, "artist") ??
        expectTop(text, track && { ...track, name: track.name.split("\u0000")[0]! }, by, "track")
      );
    }
    case "topAlbums":
    case "topGenres":
      // Albums and genres are not in the raw rows' identity checks here: the range's totals are.
      return expectTotals(text, plays);
    case "totals":
      return expectTotals(text, plays);
    case "itemPlays":
    case "itemMinutes":
    case "firstListen":
    case "lastListen": {
      const query = String(input.query ?? "").toLowerCase();
      const [title, artist] = query.split(/\s+by\s+/);
      const byArtist = raw.filter((play) => play.artist.toLowerCase() === query);
      const byTitle = raw.filter((play) => play.title.toLowerCase() === title && (!artist || play.artist.toLowerCase() === artist));
      // The listener's most listened match; on a tie, the one with more time in the range (as the tool ranks them).
      const counts = new Map<string, number>();
      const time = new Map<string, number>();
      for (const play of listens(byTitle)) counts.set(play.track, (counts.get(play.track) ?? 0) + 1);
      for (const play of byTitle)
        if (play.day >= days.from && play.day <= days.to) time.set(play.track, (time.get(play.track) ?? 0) + play.ms);
      const best = [...counts.entries()].sort((a, b) => b[1] - a[1] || (time.get(b[0]) ?? 0) - (time.get(a[0]) ?? 0))[0];
      // An artist and a track can share the name: the listener means the one they listen to most.
      const artistWins = byArtist.length > 0 && listens(byArtist).length > (best?.[1] ?? -1);
      const matched = artistWins ? byArtist : byTitle.filter((play) => play.track === best?.[0]);
      if (matched.length === 0) return /Nothing in your history matches/.test(text) ? null : "expected no match";
      const within = matched.filter((play) => play.day >= days.from && play.day <= days.to);
      const heard = listens(matched);
      const facts =
        item.intent === "firstListen" && heard[0]
          ? [dayText(heard[0].day)]
          : item.intent === "lastListen" && heard.at(-1)
            ? [dayText(heard.at(-1)!.day)]
            : item.intent === "itemMinutes"
              ? [plural(minutes(within.reduce((sum, play) => sum + play.ms, 0)), "minute")]
              : [plural(listens(within).length, "time")];
      const missing = facts.find((fact) => !text.includes(fact));
      return missing ? `expected “${missing}”` : null;
    }
    case "clock": {
      const hours = new Array<number>(24).fill(0);
      for (const play of plays) hours[play.hour]! += play.ms;
      const busiest = hours.indexOf(Math.max(...hours));
      const label = `${String(busiest).padStart(2, "0")}:00–${String((busiest + 1) % 24).padStart(2, "0")}:00`;
      return text.includes(label) ? null : `busiest hour should be ${label}`;
    }
    case "weekdays": {
      const week = new Array<number>(7).fill(0);
      for (const play of plays) week[play.weekday]! += play.ms;
      const busiest = WEEKDAYS[week.indexOf(Math.max(...week))]!;
      return text.includes(busiest) ? null : `busiest day should be ${busiest}`;
    }
    case "longestStreak": {
      const ever = plural(longestRun(listens(raw).map((play) => play.day)), "day");
      if (!text.includes(ever)) return `longest streak ever should be ${ever}`;
      if (input.range === "all") return null;
      const inRange = plural(longestRun(listens(plays).map((play) => play.day)), "day");
      return text.includes(inRange) ? null : `longest streak in the range should be ${inRange}`;
    }
    case "currentStreak": {
      const heardOn = new Set(listens(raw).map((play) => play.day));
      let day = heardOn.has(today) ? today : addDay(today, -1);
      let run = 0;
      while (heardOn.has(day)) {
        run++;
        day = addDay(day, -1);
      }
      if (run === 0) return /no streak running/.test(text) ? null : "expected no current streak";
      const figure = `current streak is ${plural(run, "day")}`;
      return text.includes(figure) ? null : `expected “${figure}”`;
    }
    case "mostSkipped": {
      const perTrack = new Map<string, { title: string; plays: number; skips: number }>();
      for (const play of plays) {
        const entry = perTrack.get(play.track) ?? { title: play.title, plays: 0, skips: 0 };
        entry.plays++;
        if (play.skipped || play.ms < THRESHOLD_MS) entry.skips++;
        perTrack.set(play.track, entry);
      }
      const top = [...perTrack.values()]
        .filter((entry) => entry.plays >= 3 && entry.skips > 0)
        .sort((a, b) => b.skips - a.skips || b.skips / b.plays - a.skips / a.plays)[0];
      if (!top) return /no track was skipped often enough/.test(text) ? null : "expected no most-skipped track";
      return text.includes(top.title) && text.includes(plural(top.skips, "time"))
        ? null
        : `most skipped should be ${top.title}, ${plural(top.skips, "time")}`;
    }
    case "sessions": {
      let count = 0;
      let end = Number.NEGATIVE_INFINITY;
      for (const play of plays) {
        const start = play.at - play.ms;
        if (start - end > 30 * 60_000) count++;
        end = Math.max(end, play.at);
      }
      return text.includes(plural(count, "session")) ? null : `expected ${plural(count, "session")}`;
    }
    case "newMusic": {
      // New = first listen ever (a play of at least the threshold) inside the range, as insights defines it.
      const firstOf = new Map<string, string>();
      for (const play of listens(raw)) if (!firstOf.has(play.artist.toLowerCase())) firstOf.set(play.artist.toLowerCase(), play.day);
      const fresh = [...firstOf.values()].filter((day) => day >= days.from && day <= days.to).length;
      return text.includes(plural(fresh, "new artist")) ? null : `expected ${plural(fresh, "new artist")}`;
    }
    case "compare": {
      const first = inDays(daysOf(input.first as Record<string, unknown>));
      const second = inDays(daysOf(input.second as Record<string, unknown>));
      return expectTotals(text, first, false) ?? expectTotals(text, second, false);
    }
    case "onThisDay": {
      const monthDay = today.slice(5);
      const years = [
        ...new Set(
          listens(raw)
            .filter((play) => play.day.slice(5) === monthDay && play.day < today)
            .map((play) => play.day),
        ),
      ].sort();
      const latest = years.at(-1);
      if (!latest) return /no listens on/.test(text) ? null : "expected no earlier listens";
      const count = listens(raw).filter((play) => play.day === latest).length;
      return text.includes(`${latest.slice(0, 4)} you had ${plural(count, "listen")}`)
        ? null
        : `expected ${plural(count, "listen")} in ${latest.slice(0, 4)}`;
    }
    case "recommend":
    case "recommendMood":
    case "recommendActivity":
    case "recommendEra":
    case "moreLike": {
      const tracks = Array.isArray(output.tracks) ? (output.tracks as Array<{ name: string }>) : [];
      if (tracks.length === 0) return "no recommendations";
      if (!text.includes(tracks[0]!.name)) return "the answer does not name the first pick";
      if (item.intent === "moreLike" && !/ like “/.test(text)) return "the seed was not found in the history";
      return null;
    }
    case "buildPlaylist": {
      const tracks = Array.isArray(output.tracks) ? output.tracks : [];
      return call.tool === "buildPlaylist" && tracks.length > 0 ? null : "no playlist draft";
    }
    case "saveDraft":
      return call.tool === "discoverDraft" ? null : "the Discover draft was not read";
    case "play":
    case "queue":
      return call.tool === "playback" && summary.length > 0 ? null : "no playback answer";
    case "research":
      return call.tool === "researchArtist" && typeof input.artist === "string" && input.artist.length > 0
        ? null
        : "research was not asked about the artist";
    case "taste": {
      const top = ranked(raw, artistOf, "time")[0];
      return top && text.includes(top.name) ? null : `taste should lead with ${top?.name}`;
    }
  }
  return null;
}

function expectTotals(text: string, plays: RawPlay[], withPlays = true): string | null {
  const heard = listens(plays);
  if (heard.length === 0) return /no listens/i.test(text) ? null : "expected no listens";
  const figures = [
    plural(minutes(plays.reduce((sum, play) => sum + play.ms, 0)), "minute"),
    plural(heard.length, "listen"),
    ...(withPlays ? [plural(plays.length, "play")] : []),
  ];
  const missing = figures.find((figure) => !text.includes(figure));
  return missing ? `expected ${missing}` : null;
}

// ---- 2. Answers on a real history ---------------------------------------------------------------
const { generateText, isStepCount } = await import("ai");
const { createGoogleGenerativeAI } = await import("@ai-sdk/google");
const { generateListeningHistory, getDemoCatalog, writeExtendedHistory, DEMO_LISTENER } = await import("@/lib/demo");
const { importExport } = await import("@/lib/ingest");
const { closeStore } = await import("@/lib/db");
const { listenerNow } = await import("@/lib/listening");
const { offlineModelFor } = await import("@/lib/assistant");
const { assistantTools } = await import("@/lib/assistant");
const { spotifyClientFor } = await import("@/lib/spotify");
const { startFakeGemini } = await import("@/e2e/fakes/gemini/server");

const listener = {
  id: "eval-listener",
  displayName: "Evaluation",
  imageUrl: null,
  isDemo: true,
  reconnectRequired: false,
  settings: { timeZone: ZONE, listenThresholdMs: THRESHOLD_MS, allowExplicit: true },
};
const now = listenerNow(listener);
const todayStart = Date.parse(`${localDate(now)}T00:00:00Z`) - offsetMs(now);
const streams = generateListeningHistory({ ...DEMO_LISTENER, plays: Number(args.plays), end: new Date(Math.min(todayStart, now)) });
const catalog = getDemoCatalog(DEMO_LISTENER.seed);
const files = writeExtendedHistory(streams, catalog);
const started = performance.now();
const { report } = await importExport(
  listener.id,
  files.map((file) => ({ name: file.name, text: file.content })),
);
console.log(
  `  history: ${streams.length.toLocaleString("en")} streams in ${files.length} export files, ${report.counts.accepted.toLocaleString("en")} plays imported in ${((performance.now() - started) / 1000).toFixed(1)} s`,
);

// The raw rows, read again from the export's JSON: the independent side of every check.
interface RawPlay {
  at: number;
  ms: number;
  track: string;
  title: string;
  artist: string;
  skipped: boolean;
  day: string;
  hour: number;
  weekday: number;
}
const raw: RawPlay[] = [];
const seen = new Set<string>();
for (const file of files) {
  if (!/Audio/.test(file.name)) continue;
  for (const row of JSON.parse(file.content.replace(/^\uFEFF/, "")) as Array<Record<string, unknown>>) {
    const title = row.master_metadata_track_name;
    const artist = row.master_metadata_album_artist_name;
    if (typeof title !== "string" || typeof artist !== "string" || row.episode_name || row.audiobook_title) continue;
    const at = Date.parse(String(row.ts));
    const track = typeof row.spotify_track_uri === "string" ? row.spotify_track_uri : `${artist.toLowerCase()}|${title.toLowerCase()}`;
    const key = `${at}|${track}`;
    if (seen.has(key) || Number.isNaN(at)) continue;
    seen.add(key);
    const local = new Date(at + offsetMs(at));
    raw.push({
      at,
      ms: Number(row.ms_played),
      track,
      title,
      artist,
      skipped: row.skipped === true || row.reason_end === "fwdbtn",
      day: local.toISOString().slice(0, 10),
      hour: local.getUTCHours(),
      weekday: (local.getUTCDay() + 6) % 7,
    });
  }
}
raw.sort((a, b) => a.at - b.at);
const today = localDate(now);

const client = spotifyClientFor({ userId: listener.id, isDemo: true });
const tools = assistantTools({ listener, client });
const offline = offlineModelFor(listener, 0);

interface Turn {
  text: string;
  calls: Array<{ tool: string; input: Record<string, unknown>; output: Record<string, unknown> | undefined }>;
}

async function ask(model: Parameters<typeof generateText>[0]["model"], question: string, previous?: string): Promise<Turn> {
  const messages: import("ai").ModelMessage[] = [
    ...(previous
      ? [
          { role: "user" as const, content: previous },
          { role: "assistant" as const, content: "…" },
        ]
      : []),
    { role: "user" as const, content: question },
  ];
  const turn: Turn = { text: "", calls: [] };
  // Playback waits for the listener's yes, as in the app: the evaluation says yes to it (saving
  // stays unanswered, as a listener reviewing the draft would leave it), then reads the answer.
  for (let round = 0; round < 2; round++) {
    const result = await generateText({
      model,
      messages,
      tools,
      toolApproval: { savePlaylist: "user-approval", playback: "user-approval" },
      stopWhen: isStepCount(4),
      maxRetries: 0,
      // Every execution, an approved one included (it runs before the round's first step).
      onToolExecutionEnd: ({ toolCall, toolOutput }) => {
        if (toolOutput.type !== "tool-result") return;
        turn.calls.push({
          tool: toolCall.toolName,
          input: toolCall.input as Record<string, unknown>,
          output: toolOutput.output as Record<string, unknown> | undefined,
        });
      },
    });
    turn.text = result.text;
    const playback = result.content.flatMap((part) =>
      part.type === "tool-approval-request" && part.toolCall.toolName === "playback" ? [part.approvalId] : [],
    );
    if (playback.length === 0) break;
    messages.push(...result.response.messages, {
      role: "tool",
      content: playback.map((approvalId) => ({ type: "tool-approval-response" as const, approvalId, approved: true })),
    });
  }
  return turn;
}

const answerMisses: string[] = [];
async function scoreAnswers(label: string, answer: (item: (typeof EVAL_CASES)[number]) => Promise<Turn>): Promise<number> {
  let hits = 0;
  const misses: string[] = [];
  for (const item of EVAL_CASES) {
    const turn = await answer(item);
    const problem = checkAnswer(item, turn);
    if (problem === null) hits++;
    else misses.push(`  [${label}] “${item.question}”: ${problem}\n      answer: ${turn.text.slice(0, 300)}`);
  }
  answerMisses.push(...misses);
  return hits / EVAL_CASES.length;
}

const offlineAccuracy = await scoreAnswers("offline", (item) => ask(offline, item.question, item.previous));
console.log(
  `  answer accuracy ${pct(offlineAccuracy)} (offline model, numbers checked against the raw export), target ${pct(TARGETS.answer)}`,
);

const gemini = await startFakeGemini({ port: 0 });
const google = createGoogleGenerativeAI({ apiKey: "eval-key", baseURL: gemini.url });
const geminiAccuracy = await scoreAnswers("gemini", async (item) => {
  const read = understand(item.question, { now, timeZone: ZONE, previous: item.previous ? [item.previous] : [] });
  const replies = read.call
    ? [{ type: "functionCall", name: read.call.tool, args: read.call.input }]
    : [{ type: "text", text: read.reply }];
  await fetch(`${gemini.origin}/__admin/reset`, { method: "POST" });
  await fetch(`${gemini.origin}/__admin/script`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ replies }),
  });
  return ask(google("gemini-2.5-flash-lite"), item.question, item.previous);
});
await gemini.close();
console.log(
  `  answer accuracy ${pct(geminiAccuracy)} (Gemini path: tool outputs reach the answer unchanged), target ${pct(TARGETS.answer)}`,
);
if (answerMisses.length > 0) console.log(answerMisses.slice(0, args.verbose ? undefined : 10).join("\n"));

await closeStore();
rmSync(dataDir, { recursive: true, force: true });

const failed =
  intentAccuracy < TARGETS.intent || rangeAccuracy < TARGETS.range || offlineAccuracy < TARGETS.answer || geminiAccuracy < TARGETS.answer;
console.log(failed ? "eval:assistant: below target" : "eval:assistant: all targets met");
process.exit(failed ? 1 : 0);
