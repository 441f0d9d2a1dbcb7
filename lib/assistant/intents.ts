/**
 * The offline assistant's understanding: a deterministic reading of one message into a tool call
 * (or help). Dates are resolved against the listener's "now" in their time zone.
 */
export interface StatsInput {
  range: "4w" | "6m" | "1y" | "all" | "custom";
  from?: string;
  to?: string;
  by?: "plays" | "time";
}

export type Intent =
  | { tool: "listeningStats"; input: StatsInput }
  | { tool: "searchHistory"; input: { query: string } }
  | { tool: "recommend"; input: { context?: string; seed?: string } }
  | { tool: "explainTaste"; input: Record<string, never> }
  | { tool: "buildPlaylist"; input: { name: string; context?: string; seed?: string } }
  | { tool: "playback"; input: { action: "play" | "queue"; query: string } }
  | { tool: null; reply: string };

export const HELP_TEXT =
  "I can answer from your own listening and act on it. Try: “What did I play most last winter?”, “Did I ever play Motel Wonders?”, “Recommend something for focus”, “More like <a song you love>”, “Build a playlist for a workout”, “Explain my taste”, or “Play <song>”.";

const CONTEXT_WORDS: Array<[RegExp, string]> = [
  [/\b(chill|relax|calm|mellow)/, "chill"],
  [/\b(energetic|energy|upbeat|pump)/, "energetic"],
  [/\b(sad|melanchol|blue)/, "melancholy"],
  [/\b(happy|cheerful|sunny)/, "happy"],
  [/\b(workout|gym|run|running|training)/, "workout"],
  [/\b(focus|study|studying|work|concentrat|coding)/, "focus"],
  [/\b(party|dance|dancing)/, "party"],
  [/\b(commute|drive|driving|train ride)/, "commute"],
  [/\b(sleep|wind down|bedtime)/, "sleep"],
  [/\b(70s|seventies|1970s)/, "1970s"],
  [/\b(80s|eighties|1980s)/, "1980s"],
  [/\b(90s|nineties|1990s)/, "1990s"],
  [/\b(2000s|noughties|aughts)/, "2000s"],
  [/\b(2010s)/, "2010s"],
  [/\b(2020s)/, "2020s"],
  [/\b(morning)/, "morning"],
  [/\b(evening)/, "evening"],
  [/\b(late night|night)/, "night"],
];

function contextOf(text: string): string | undefined {
  return CONTEXT_WORDS.find(([pattern]) => pattern.test(text))?.[1];
}

const iso = (year: number, month: number, day: number) =>
  `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
const lastDayOf = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();

/** The listener's local date parts for an instant. */
export function localParts(now: number, timeZone: string): { year: number; month: number; day: number } {
  const parts = new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" })
    .format(now)
    .split("-")
    .map(Number);
  return { year: parts[0]!, month: parts[1]!, day: parts[2]! };
}

const SEASONS: Record<string, number> = { winter: 12, spring: 3, summer: 6, autumn: 9, fall: 9 };
const MONTHS = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"];

/** A range from words: "last winter", "this year", "in 2019", "last month", "in March", "all time"… (default: last 4 weeks). */
export function rangeOf(text: string, now: number, timeZone: string): StatsInput {
  const t = text.toLowerCase();
  const today = localParts(now, timeZone);
  const season = /\b(last|this|past)\s+(winter|spring|summer|autumn|fall)\b/.exec(t);
  if (season) {
    const startMonth = SEASONS[season[2]!]!;
    // The most recent season that has started (this) or ended (last) by today.
    let startYear = today.year;
    const started = (year: number) => year * 12 + startMonth <= today.year * 12 + today.month;
    if (!started(startYear)) startYear--;
    const endsBeforeToday = (year: number) => year * 12 + startMonth + 2 < today.year * 12 + today.month;
    if (season[1] !== "this" && !endsBeforeToday(startYear)) startYear--;
    const endMonthIndex = startMonth + 2;
    const endYear = startYear + Math.floor((endMonthIndex - 1) / 12);
    const endMonth = ((endMonthIndex - 1) % 12) + 1;
    return { range: "custom", from: iso(startYear, startMonth, 1), to: iso(endYear, endMonth, lastDayOf(endYear, endMonth)) };
  }
  if (/\ball[- ]time\b|\bever\b/.test(t)) return { range: "all" };
  if (/\bthis year\b/.test(t)) return { range: "custom", from: iso(today.year, 1, 1), to: iso(today.year, today.month, today.day) };
  if (/\blast year\b/.test(t)) return { range: "custom", from: iso(today.year - 1, 1, 1), to: iso(today.year - 1, 12, 31) };
  const year = /\b(?:in|during|of)\s+((?:19|20)\d{2})\b/.exec(t);
  if (year) {
    const y = Number(year[1]);
    return { range: "custom", from: iso(y, 1, 1), to: y === today.year ? iso(y, today.month, today.day) : iso(y, 12, 31) };
  }
  if (/\blast month\b/.test(t)) {
    const y = today.month === 1 ? today.year - 1 : today.year;
    const m = today.month === 1 ? 12 : today.month - 1;
    return { range: "custom", from: iso(y, m, 1), to: iso(y, m, lastDayOf(y, m)) };
  }
  if (/\bthis month\b/.test(t))
    return { range: "custom", from: iso(today.year, today.month, 1), to: iso(today.year, today.month, today.day) };
  const month = new RegExp(`\\b(?:in|during)\\s+(${MONTHS.join("|")})\\b`).exec(t);
  if (month) {
    const m = MONTHS.indexOf(month[1]!) + 1;
    const y = m <= today.month ? today.year : today.year - 1;
    return { range: "custom", from: iso(y, m, 1), to: iso(y, m, m === today.month && y === today.year ? today.day : lastDayOf(y, m)) };
  }
  if (/\b(6|six) months\b|\bhalf a year\b/.test(t)) return { range: "6m" };
  if (/\b(12 months|past year|a year)\b/.test(t)) return { range: "1y" };
  return { range: "4w" };
}

/** What one message asks for. */
export function parseIntent(message: string, now: number, timeZone: string): Intent {
  const text = message.trim();
  const t = text.toLowerCase();
  if (!t || /^(help|\?|what can you do|hi|hello|hey)\b/.test(t)) return { tool: null, reply: HELP_TEXT };

  const play = /^(?:please\s+)?(play|queue|add)\s+(.+?)(?:\s+to (?:my |the )?queue)?[.!]?$/i.exec(text);
  if (play && !/playlist/i.test(text))
    return { tool: "playback", input: { action: play[1]!.toLowerCase() === "play" ? "play" : "queue", query: play[2]!.trim() } };

  if (/\bplaylist\b/.test(t)) {
    const context = contextOf(t);
    const like = /\b(?:like|similar to)\s+["“]?(.+?)["”]?[.!?]?$/i.exec(text);
    const named = /\b(?:called|named)\s+["“]?(.+?)["”]?[.!?]?$/i.exec(text);
    const name =
      named?.[1] ??
      (context ? `${context.charAt(0).toUpperCase()}${context.slice(1)} mix` : like ? `More like ${like[1]}` : "EchoTune mix");
    return { tool: "buildPlaylist", input: { name, ...(context ? { context } : {}), ...(like ? { seed: like[1]! } : {}) } };
  }

  const more = /\b(?:more like|similar to|songs like|tracks like)\s+["“]?(.+?)["”]?[.!?]?$/i.exec(text);
  if (more) return { tool: "recommend", input: { seed: more[1]! } };

  if (/\b(taste|what kind of music|what music do i like|describe me|my style)\b/.test(t)) return { tool: "explainTaste", input: {} };

  const history =
    /\b(?:did i (?:ever )?(?:play|listen to|hear)|when did i (?:first )?(?:play|listen to|hear)|how (?:many times|often) did i (?:play|listen to|hear))\s+["“]?(.+?)["”]?[.!?]?$/i.exec(
      text,
    );
  if (history && !/\b(most|top|minutes|hours|how much|favou?rite)\b/.test(t))
    return { tool: "searchHistory", input: { query: history[1]! } };

  if (/\b(recommend|suggest|something (?:for|to)|new music|discover|what should i (?:listen|play))\b/.test(t)) {
    const context = contextOf(t);
    return { tool: "recommend", input: context ? { context } : {} };
  }

  if (/\b(most|top|played|listened|listen to|minutes|hours|how much|stats|statistics|favou?rite)\b/.test(t)) {
    return {
      tool: "listeningStats",
      input: { ...rangeOf(t, now, timeZone), ...(/\b(time|minutes|hours|longest)\b/.test(t) ? { by: "time" as const } : {}) },
    };
  }

  return { tool: null, reply: `I am the offline assistant, so I understand a fixed set of requests. ${HELP_TEXT}` };
}
