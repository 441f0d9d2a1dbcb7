/**
 * The offline assistant's understanding: a deterministic reading of one message (and, for a
 * follow-up such as "and in 2022?", the message before it) into an intent and the tool call that
 * answers it. Words are matched after a light spelling repair; dates go through dates.ts. What it
 * cannot place gets two or three concrete suggestions close to what was asked.
 *
 * `npm run eval:assistant` measures it on the phrasings in eval/cases.ts.
 */
import { findRange, findTwoRanges, type FoundRange, type RangeInput } from "./dates";

/** Everything the offline assistant tells apart. */
export const INTENTS = [
  "topArtists",
  "topTracks",
  "topAlbums",
  "topGenres",
  "topOverall",
  "totals",
  "itemPlays",
  "itemMinutes",
  "firstListen",
  "lastListen",
  "clock",
  "weekdays",
  "longestStreak",
  "currentStreak",
  "mostSkipped",
  "sessions",
  "newMusic",
  "compare",
  "onThisDay",
  "recommend",
  "recommendMood",
  "recommendActivity",
  "recommendEra",
  "moreLike",
  "buildPlaylist",
  "saveDraft",
  "play",
  "queue",
  "taste",
  "research",
  "help",
] as const;
export type IntentName = (typeof INTENTS)[number];

export type StatsKind = "artist" | "track" | "album" | "genre";
export type HabitTopic = "clock" | "weekdays" | "streaks" | "skips" | "sessions" | "discovery";
export type ItemAsk = "plays" | "minutes" | "first" | "last";

/** The tool calls the offline model makes, with the inputs each tool's schema takes. */
export type ToolCall =
  | { tool: "listeningStats"; input: RangeInput & { by?: "plays" | "time"; kind?: StatsKind } }
  | { tool: "searchHistory"; input: { query: string; ask?: ItemAsk } & Partial<RangeInput> }
  | { tool: "listeningHabits"; input: { topic: HabitTopic } & RangeInput }
  | { tool: "comparePeriods"; input: { first: RangeInput; second: RangeInput } }
  | { tool: "onThisDay"; input: Record<string, never> }
  | { tool: "recommend"; input: { context?: string; seed?: string } }
  | { tool: "explainTaste"; input: Record<string, never> }
  | { tool: "buildPlaylist"; input: { name: string; context?: string; seed?: string } }
  | { tool: "discoverDraft"; input: { name?: string } }
  | { tool: "playback"; input: { action: "play" | "queue"; query: string } }
  | { tool: "researchArtist"; input: { question: string; artist?: string } };

export interface Understanding {
  intent: IntentName | "unknown";
  call: ToolCall | null;
  /** The answer itself when no tool is needed (help, or not understood). */
  reply?: string;
  /** The range the question names (or the default it gets), for evaluation. */
  range?: RangeInput;
}

export interface UnderstandOptions {
  now: number;
  timeZone: string;
  /** The listener's earlier messages in this chat, oldest first: follow-ups borrow from the last. */
  previous?: readonly string[];
}

export const HELP_TEXT =
  "I answer from your own listening and act on it. Ask me, for example: “Who is my top artist of all time?”, “What did I play most in March 2023?”, “How many times did I play <a song>?”, “What's my longest streak?”, “When do I usually listen?”, “Recommend something for focus”, “More like <a song you love>”, “Build a playlist for a workout”, “Save my draft from Discover”, “Play <a song>” or “Tell me about <an artist>”.";

const CONTEXT_WORDS: Array<[RegExp, string, "mood" | "activity" | "era" | "time"]> = [
  [/\b(chill|chilled|relax|relaxing|calm|mellow|laid[- ]back|cozy|cosy)\b/, "chill", "mood"],
  [/\b(energetic|energy|upbeat|pump(?:ed)?|hype|high[- ]energy)\b/, "energetic", "mood"],
  [/\b(sad|melanchol\w*|blue|heartbr\w+|moody|rainy|rain)\b/, "melancholy", "mood"],
  [/\b(happy|cheerful|sunny|feel[- ]good|joyful|good mood)\b/, "happy", "mood"],
  [/\b(workout|work out|gym|run|running|jog|jogging|training|lifting|exercise|cardio)\b/, "workout", "activity"],
  [/\b(focus|study|studying|concentrat\w*|coding|reading|homework|deep work)\b/, "focus", "activity"],
  [/\b(party|dance|dancing|pregame|club)\b/, "party", "activity"],
  [/\b(commute|drive|driving|road ?trip|train ride|bus ride|car)\b/, "commute", "activity"],
  [/\b(sleep|sleeping|wind down|bedtime|fall asleep|insomnia)\b/, "sleep", "activity"],
  [/\b(70s|70's|seventies|1970s)\b/, "1970s", "era"],
  [/\b(80s|80's|eighties|1980s)\b/, "1980s", "era"],
  [/\b(90s|90's|nineties|1990s)\b/, "1990s", "era"],
  [/\b(2000s|00s|noughties|aughts)\b/, "2000s", "era"],
  [/\b(2010s|10s|twenty[- ]tens)\b/, "2010s", "era"],
  [/\b(2020s|20s)\b/, "2020s", "era"],
  [/\b(morning|breakfast|wake up|sunrise)\b/, "morning", "time"],
  [/\b(evening|dinner|sunset)\b/, "evening", "time"],
  [/\b(late night|late-night|midnight|night)\b/, "night", "time"],
];

const contextOf = (text: string) => CONTEXT_WORDS.find(([pattern]) => pattern.test(text));

/** What a playlist prompt asks for ("90s trip-hop for a rainy evening, 25 tracks"). */
export interface PlaylistPrompt {
  /** A name made from the prompt's own words, without the count. */
  name: string;
  /** Context ids, at most one per kind (mood, activity, era, time of day), in the prompt's order. */
  contexts: string[];
  /** How many tracks it asks for, or null when it names no number. */
  count: number | null;
}

/** The most tracks one prompt may ask for. */
export const PLAYLIST_PROMPT_MAX_COUNT = 100;

/**
 * Reads a playlist prompt with the offline model's words: every context it names (one per kind,
 * first wins) and a track count ("25 tracks", "30 songs"). Words with no context (a genre such as
 * trip-hop) stay in the name. Deterministic, so the editor's Tune and the API read prompts alike.
 */
export function readPlaylistPrompt(prompt: string): PlaylistPrompt {
  const text = normaliseText(prompt);
  const kinds = new Set<string>();
  const contexts: string[] = [];
  for (const [pattern, id, kind] of CONTEXT_WORDS) {
    if (kinds.has(kind) || !pattern.test(text)) continue;
    kinds.add(kind);
    contexts.push(id);
  }
  const counted = /\b(\d{1,4})\s*(?:tracks?|songs?|tunes?)\b/i.exec(prompt);
  const count = counted ? Math.min(PLAYLIST_PROMPT_MAX_COUNT, Math.max(1, Number(counted[1]))) : null;
  const words = prompt
    .replace(/[,;:\s-]*\b(?:with\s+|of\s+)?\d{1,4}\s*(?:tracks?|songs?|tunes?)\b[.!]?/i, " ")
    .replace(/^\s*(?:please\s+)?(?:make|build|create|give)(?:\s+me)?\s+(?:an?\s+)?(?:playlist|mix)\s+(?:of|with|for)?\s*/i, "")
    .replace(/\s+/g, " ")
    .trim();
  const name = words ? `${words[0]!.toUpperCase()}${words.slice(1)}`.slice(0, 100) : "EchoTune mix";
  return { name, contexts, count };
}

// Words the rules depend on, for spelling repair: a word one edit away from one of these (and not a
// word itself) is read as it. Names in quotes or after "play"/"like" are taken from the original.
const VOCABULARY = [
  "artist",
  "artists",
  "track",
  "tracks",
  "song",
  "songs",
  "album",
  "albums",
  "genre",
  "genres",
  "played",
  "listened",
  "listening",
  "listen",
  "favourite",
  "favorite",
  "recommend",
  "recommendations",
  "suggest",
  "playlist",
  "streak",
  "skipped",
  "skipping",
  "sessions",
  "session",
  "minutes",
  "hours",
  "usually",
  "weekday",
  "compare",
  "similar",
  "yesterday",
  "discover",
  "discovered",
  "often",
  "times",
  "most",
  "music",
  "longest",
  "current",
  "winter",
  "summer",
  "spring",
  "autumn",
  "months",
  "weeks",
  "last",
  "year",
  "month",
  "first",
  "draft",
  "taste",
  "favourites",
];
const VOCABULARY_SET = new Set(VOCABULARY);
// Words that are one edit from a vocabulary word but mean something else.
const KEEP = new Set([
  "lost",
  "past",
  "fast",
  "least",
  "must",
  "host",
  "post",
  "mist",
  "list",
  "time",
  "tome",
  "song",
  "sing",
  "long",
  "songs",
  "trick",
  "truck",
  "stack",
  "first",
  "thirst",
  "heard",
  "fear",
  "near",
  "dear",
  "hear",
  "year",
  "years",
  "ear",
  "month",
  "mouth",
  "plays",
  "player",
  "places",
  "playing",
  "album",
  "often",
  "offer",
  "music",
  "musik",
  "draft",
  "craft",
  "taste",
  "paste",
  "waste",
  "taster",
  "stream",
  "streams",
  "spring",
  "string",
  "sprint",
  "winter",
  "winner",
  "writer",
  "summer",
  "simmer",
  "summers",
  "hours",
  "ours",
  "yours",
  "tours",
  "four",
  "times",
  "tines",
  "limes",
  "mines",
  "like",
  "bike",
  "mike",
  "hike",
  "most",
  "mist",
  "weeks",
  "seeks",
  "reeks",
  "geeks",
  "week",
  "artists",
  "current",
  "currant",
  "session",
  "compare",
  "weekday",
]);

function editDistanceAtMostOne(a: string, b: string): boolean {
  if (Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  let j = 0;
  let edits = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      i++;
      j++;
      continue;
    }
    if (++edits > 1) return false;
    // A swap of neighbours counts as one edit.
    if (a.length === b.length && a[i] === b[j + 1] && a[i + 1] === b[j]) {
      i += 2;
      j += 2;
    } else if (a.length > b.length) i++;
    else if (b.length > a.length) j++;
    else {
      i++;
      j++;
    }
  }
  return edits + (a.length - i) + (b.length - j) <= 1;
}

const COMMON_TYPOS: Record<string, string> = {
  fav: "favourite",
  fave: "favourite",
  faves: "favourites",
  favs: "favourites",
  fav0rite: "favorite",
  fovorite: "favorite",
  favrite: "favorite",
  favouite: "favourite",
  tunes: "songs",
  tune: "song",
  bands: "artists",
  band: "artist",
  singer: "artist",
  singers: "artists",
  musicians: "artists",
  musician: "artist",
  records: "albums",
  record: "album",
  lp: "album",
  lps: "albums",
  tracs: "tracks",
  trax: "tracks",
  sngs: "songs",
  sonfs: "songs",
  wat: "what",
  wht: "what",
  whats: "what is",
  "what's": "what is",
  "who's": "who is",
  whos: "who is",
  u: "you",
  ur: "your",
  pls: "please",
  plz: "please",
  thx: "thanks",
  mins: "minutes",
  min: "minutes",
  hrs: "hours",
  hr: "hours",
  yr: "year",
  yrs: "years",
  mo: "month",
  wk: "week",
  wks: "weeks",
  alot: "a lot",
  lisened: "listened",
  listend: "listened",
  lisen: "listen",
  lsiten: "listen",
  playd: "played",
  palyed: "played",
  plaeyd: "played",
  recomend: "recommend",
  reccomend: "recommend",
  recommand: "recommend",
  recomment: "recommend",
  sugest: "suggest",
  playlst: "playlist",
  plalist: "playlist",
  strak: "streak",
  streek: "streak",
};

/** Lower case, curly quotes straightened, common typos and near-misses of the words rules use repaired. */
export function normaliseText(message: string): string {
  const lower = message.toLowerCase().replace(/[‘’]/g, "'").replace(/[“”]/g, '"').replace(/\s+/g, " ").trim();
  return lower.replace(/[a-z0-9']+/g, (word) => {
    const fixed = COMMON_TYPOS[word];
    if (fixed) return fixed;
    if (word.length < 5 || VOCABULARY_SET.has(word) || KEEP.has(word)) return word;
    const near = VOCABULARY.find((candidate) => candidate.length >= 5 && editDistanceAtMostOne(word, candidate));
    return near ?? word;
  });
}

/** Quoted words, if any: the listener's own spelling of a name. */
function quoted(text: string): string | null {
  const match = /["“”'‘’]([^"“”]{2,200}?)["“”'‘’](?:\s|$|[?.!,])/.exec(` ${text} `);
  return match ? match[1]!.trim() : null;
}

const tidyName = (name: string) =>
  name
    .replace(/^["“'‘]+|["”'’?.!,]+$/g, "")
    .replace(/\s+(?:please|pls|plz|again|now|for me|on spotify|in total|all time|of all time|ever|so far|overall)$/i, "")
    .trim();

/** Cuts a range's words (and what follows a range) out of a name: "Stay the Shadow in 2024" → "Stay the Shadow". */
function nameWithoutRange(name: string, rangeText: string | undefined): string {
  let result = name;
  if (rangeText) {
    const at = result.toLowerCase().indexOf(rangeText.toLowerCase());
    if (at > 0) result = result.slice(0, at);
  }
  return tidyName(result.replace(/\s+(?:in|during|since|from|between|over|on|this|last|the)\s*$/i, ""));
}

const PLAY_VERB = String.raw`(?:play(?:ed|ing)?|listen(?:ed|ing)? to|hear(?:d)?|stream(?:ed)?|spin(?:ned)?|put on)`;

/** The name after an item question's verb, in the listener's own spelling. */
function itemName(original: string, pattern: RegExp, rangeText: string | undefined): string | null {
  const fromQuotes = quoted(original);
  if (fromQuotes) return fromQuotes;
  const match = pattern.exec(original);
  if (!match?.[1]) return null;
  const name = nameWithoutRange(match[1], rangeText);
  return name.length >= 2 && !/^(it|that|this|them|music|songs|anything|something)$/i.test(name) ? name : null;
}

function defaultRange(text: string): RangeInput {
  return /\b(lately|recently|these days|nowadays|right now|currently|at the moment)\b/.test(text) ? { range: "4w" } : { range: "all" };
}

function kindOf(text: string): StatsKind | undefined {
  if (/\b(genres?|styles? of music|kinds? of music|types? of music)\b/.test(text)) return "genre";
  if (/\b(albums?|eps?)\b/.test(text)) return "album";
  if (/\b(tracks?|songs?|singles?)\b/.test(text)) return "track";
  if (/\b(artists?|who\b|whom)/.test(text)) return "artist";
  return undefined;
}

const byTime = (text: string) =>
  /\b(by (?:minutes|time|hours|listening time)|(?:most|more) (?:minutes|hours|time)|(?:minutes|hours) (?:of|listened)|longest (?:time|listened)|spent the most time|time spent)\b/.test(
    text,
  );

const TOP_INTENT: Record<StatsKind | "none", IntentName> = {
  artist: "topArtists",
  track: "topTracks",
  album: "topAlbums",
  genre: "topGenres",
  none: "topOverall",
};

const statsCall = (range: RangeInput, by: "plays" | "time" | undefined, kind: StatsKind | undefined): ToolCall => ({
  tool: "listeningStats",
  input: { ...range, ...(by === "time" ? { by } : {}), ...(kind ? { kind } : {}) },
});

function suggestions(text: string): string {
  const ideas: string[] = [];
  if (/\b(song|track|artist|album|band)\b/.test(text))
    ideas.push("“Who is my top artist this year?”", "“How many times did I play <a song>?”");
  if (/\b(time|when|day|hour|night|morning)\b/.test(text)) ideas.push("“When do I usually listen?”", "“What's my longest streak?”");
  if (/\b(new|find|like|mood|vibe|feel)\b/.test(text)) ideas.push("“Recommend something chill”", "“More like <a song you love>”");
  if (/\b(list|mix|save|spotify)\b/.test(text)) ideas.push("“Build a playlist for a workout”", "“Save my draft from Discover”");
  for (const fallback of ["“What did I play most last month?”", "“Recommend something for focus”", "“Explain my taste”"])
    if (ideas.length < 3 && !ideas.includes(fallback)) ideas.push(fallback);
  return `I'm not sure what you mean. Could you try it like this: ${ideas.slice(0, 3).join(", ")}? Say “help” for everything I can do.`;
}

/** A context's name for a playlist title: "workout" → "Workout", "1990s" → "90s". */
function titleCase(context: string): string {
  const label = { "1970s": "70s", "1980s": "80s", "1990s": "90s", sleep: "Wind down" }[context] ?? context;
  return `${label.charAt(0).toUpperCase()}${label.slice(1)}`;
}

/** What one message asks for. */
export function understand(message: string, options: UnderstandOptions): Understanding {
  const original = message.trim().replace(/\s+/g, " ");
  const t = normaliseText(original);
  const { now, timeZone } = options;
  const help = (): Understanding => ({ intent: "help", call: null, reply: HELP_TEXT });
  if (
    !t ||
    /^(help|\?+|hi|hello|hey|hallo|hola|yo|commands)\b[\s!?.]*$/.test(t) ||
    /^(?:(?:so|ok|okay|hi|hey),?\s+)?(?:what can you do|what do you do|what are you|how does this work|help me)\b(?:\s+(?:for me|here|exactly))?[\s!?.]*$/.test(
      t,
    )
  )
    return help();
  if (/^(what|which) (?:questions|things) can i ask|^what can i ask|^how do i use (?:you|this)/.test(t)) return help();

  const found = findRange(original, now, timeZone);
  const previous = options.previous?.at(-1);
  if (previous && /^(?:and|what about|how about|same for|same but|ok,? and|but|now)\b|^by (?:plays|minutes|time|hours)\b/.test(t)) {
    const followUp = followUpOf(t, found, previous, options);
    if (followUp) return followUp;
  }

  // Research about an artist, album or scene themselves (not the listener's plays of them).
  const research = researchOf(original, t);
  if (research) return { intent: "research", call: { tool: "researchArtist", input: research } };

  // Playback: "play X", "put on X", "queue X", "add X to my queue" (a playlist is not playback).
  const playback =
    /^(?:(?:can|could|would) you\s+|please\s+|hey,?\s+|ok,?\s+)*(play|put on|put|start|queue(?: up)?|add)\s+(?:me\s+)?(?:the song\s+|the track\s+|some\s+)?(.+?)(?:\s+(?:to|in|on|into) (?:my |the )?(?:queue|up next))?(?:\s+(?:please|pls|now|next))?[.!?]*$/i.exec(
      original,
    );
  if (
    playback &&
    (playback[1]!.toLowerCase() !== "put" || /\bqueue\b/i.test(original)) &&
    !/\bplaylists?\b|\bdraft\b/i.test(original) &&
    !/^(?:play|start)\s+(?:something|some music|music)\b/i.test(original)
  ) {
    const verb = playback[1]!.toLowerCase();
    const queue = verb.startsWith("queue") || verb === "add" || verb === "put" || /\b(queue|up next)\b/i.test(original);
    const query = tidyName(playback[2]!);
    if (query && !/^(it|that|this)$/i.test(query))
      return { intent: queue ? "queue" : "play", call: { tool: "playback", input: { action: queue ? "queue" : "play", query } } };
  }

  // The Discover draft: "save my draft", "save the playlist draft from Discover to Spotify".
  if (
    /\b(draft|discover (?:list|picks|playlist))\b/.test(t) &&
    /\b(save|export|send|put|push|store|add|turn|make|keep|what is in|show)\b/.test(t)
  ) {
    const named = /\b(?:called|named|as)\s+["“]?(.+?)["”]?[.!?]*$/i.exec(original);
    return { intent: "saveDraft", call: { tool: "discoverDraft", input: named ? { name: tidyName(named[1]!) } : {} } };
  }

  // More like a song or an artist.
  const like =
    /\b(?:more (?:songs |music |tracks )?like|similar to|songs like|tracks like|music like|stuff like|sounds? like|in the style of|if i like|because i like|since i like)\s+(.+?)[.!?]*$/i.exec(
      original,
    );

  // Playlists: "build a playlist for a workout", "make me a mix of 90s songs", "playlist like X".
  if (/\b(playlists?|mixtape|mix)\b/.test(t) && !/\b(how many|my playlists|which playlists)\b/.test(t)) {
    const context = contextOf(t);
    const named = /\b(?:called|named|titled)\s+["“]?(.+?)["”]?[.!?]*$/i.exec(original);
    const seed = like ? nameWithoutRange(like[1]!, undefined) : undefined;
    const name = named ? tidyName(named[1]!) : context ? `${titleCase(context[1])} mix` : seed ? `More like ${seed}` : "EchoTune mix";
    return {
      intent: "buildPlaylist",
      call: { tool: "buildPlaylist", input: { name, ...(context ? { context: context[1] } : {}), ...(seed ? { seed } : {}) } },
    };
  }
  if (like) {
    // "if I like X, what else would I like": the name ends where the question starts.
    const seed = quoted(like[1]!) ?? nameWithoutRange(like[1]!.replace(/,?\s+(?:what|which|can|could|would|do|any)\b.*$/i, ""), undefined);
    if (seed) return { intent: "moreLike", call: { tool: "recommend", input: { seed } } };
  }

  // Comparing two periods.
  if (/\b(compare|comparison|vs\.?|versus|compared|difference between|more than|less than|than)\b/.test(t)) {
    const two = findTwoRanges(original, now, timeZone);
    if (two) return { intent: "compare", call: { tool: "comparePeriods", input: { first: two[0], second: two[1] } }, range: two[0] };
  }

  if (
    /\b(on this day|this day in|on this date|this date in|today in (?:past|previous|earlier) years|(?:a|one|two|\d+) years? ago today|same day (?:last|in previous|in earlier) years?)\b/.test(
      t,
    )
  )
    return { intent: "onThisDay", call: { tool: "onThisDay", input: {} } };

  const habit = (intent: IntentName, topic: HabitTopic, range: RangeInput): Understanding => ({
    intent,
    call: { tool: "listeningHabits", input: { topic, ...range } },
    range,
  });

  if (
    /\b(streaks?|in a row|consecutive days?|days straight|straight days|without a (?:day off|break|gap)|every single day|daily run)\b/.test(
      t,
    )
  ) {
    const current =
      /\b(current|currently|now|right now|running|going|ongoing|active|still|present|on a streak|am i on)\b/.test(t) &&
      !/\b(longest|best|record|biggest|max)/.test(t);
    const range =
      current || !found || /^(?:now|right now|currently|lately|recently)$/.test(found.text) ? { range: "all" as const } : found.range;
    return habit(current ? "currentStreak" : "longestStreak", "streaks", range);
  }
  if (/\b(skip|skips|skipped|skipping|skipper)\b/.test(t)) return habit("mostSkipped", "skips", found?.range ?? { range: "all" });
  if (/\b(sessions?|binge|how long do i (?:usually |normally |typically )?listen|in one go|in one sitting|at a time)\b/.test(t))
    return habit("sessions", "sessions", found?.range ?? { range: "all" });
  if (
    /\b(which|what) (?:day|days) of (?:the )?week|\bweekdays?\b|\bweekends? or weekdays?\b|\b(?:which|what) days? do i\b|\bbusiest day\b/.test(
      t,
    )
  )
    return habit("weekdays", "weekdays", found?.range ?? { range: "all" });
  if (
    /\b(when do i (?:usually |normally |typically |mostly )?(?:listen|play|stream)|what time(?: of (?:the )?day)?|which hours?|time of day|what hours?|busiest hour|peak hour|night owl|early bird|morning or (?:evening|night)|morning person|at what time|listening clock)\b/.test(
      t,
    )
  )
    return habit("clock", "clock", found?.range ?? { range: "all" });
  if (
    (/\bnew\b/.test(t) &&
      /\b(artists?|tracks?|songs?|music|bands?)\b/.test(t) &&
      /\b(how many|did i|have i|i found|i discovered|i got into|count|which|what|list|number)\b/.test(t)) ||
    /\b(discovered|found) (?:in|during|last|this|since)\b|\bhow many (?:artists|songs|tracks) did i (?:discover|find)\b|\bfirst heard (?:in|during|last|this)\b/.test(
      t,
    )
  )
    return habit("newMusic", "discovery", found?.range ?? { range: "1y" });

  if (
    /\b(taste|what kind of music|what sort of music|what music do i like|describe (?:me|my listening)|my style|my vibe|who am i musically|music personality|sum (?:me|my listening) up|sum up my)\b/.test(
      t,
    )
  )
    return { intent: "taste", call: { tool: "explainTaste", input: {} } };

  // One artist or track: how often, how long, first and last time.
  const rangeText = found?.text;
  const itemCall = (intent: IntentName, ask: ItemAsk, query: string): Understanding => {
    // First and last listens are all time; "recently" in "when did I most recently play X" is not a range.
    const ranged = found && found.range.range !== "all" && ask !== "first" && ask !== "last";
    const range = ranged ? found.range : undefined;
    return { intent, call: { tool: "searchHistory", input: { query, ask, ...(range ?? {}) } }, range: range ?? { range: "all" } };
  };
  const first = new RegExp(
    String.raw`\b(?:when|what day|what date) (?:did|was) (?:i|the first time i)\s+(?:first\s+)?${PLAY_VERB}\s+(.+)`,
    "i",
  );
  const firstTime = /\b(first|discover(?:ed)?|start(?:ed)? (?:listening|playing)|get into|got into)\b/i;
  const lastTime = /\b(last|most recently|latest)\b/i;
  if (/\b(when|what day|what date|how long ago)\b/.test(t) && (firstTime.test(t) || lastTime.test(t))) {
    const name =
      itemName(
        original,
        new RegExp(
          String.raw`\b(?:${PLAY_VERB}|discover(?:ed)?|f[io]und|find|heard of|get into|got into)\s+(.+?)(?:\s*-\s*when)?[.!?]*$`,
          "i",
        ),
        rangeText,
      ) ?? itemName(original, /\b(?:time|listen|play) (?:of|to)\s+(.+?)[.!?]*$/i, rangeText);
    if (name)
      return itemCall(
        lastTime.test(t) && !firstTime.test(t) ? "lastListen" : "firstListen",
        lastTime.test(t) && !firstTime.test(t) ? "last" : "first",
        name,
      );
  } else if (first.test(original)) {
    const name = itemName(original, first, rangeText);
    if (name) return itemCall("firstListen", "first", name);
  }
  const minutesAsk =
    /\b(how (?:many|much) (?:minutes|hours|time)|how long (?:have|did) i (?:spent|spend|listened|listen|played)|total (?:time|minutes|hours))\b/.test(
      t,
    );
  const timesAsk =
    /\b(how (?:many times|often|many plays|many streams|much)|number of (?:plays|times|streams)|times did i|count of|did i (?:ever|actually|really)|have i (?:ever )?(?:played|listened|heard)|ever (?:played|listened|heard))\b/.test(
      t,
    );
  if ((minutesAsk || timesAsk) && !(/\b(most|top|favou?rite|best)\b/.test(t) && !/\bhow (?:many times|often)\b/.test(t))) {
    const name =
      itemName(original, new RegExp(String.raw`\b${PLAY_VERB}\s+(.+?)[.!?]*$`, "i"), rangeText) ??
      itemName(original, /\b(?:on|with|for|of)\s+(.+?)[.!?]*$/i, rangeText) ??
      itemName(original, /\bdoes\s+(.+?)\s+have\b/i, rangeText);
    const generic =
      !name ||
      /^(music|songs|tracks|spotify|stuff|everything|all|in total|total|overall|in|on|at|to|the|a)$/i.test(name) ||
      /^(?:music|to music|songs|spotify|(?:the )?most|more)\b/i.test(name);
    if (!generic) return itemCall(minutesAsk ? "itemMinutes" : "itemPlays", minutesAsk ? "minutes" : "plays", name);
    // "How much did I listen in 2022?": totals for the range.
    const range = found?.range ?? defaultRange(t);
    return { intent: "totals", call: statsCall(range, minutesAsk ? "time" : undefined, undefined), range };
  }

  // Recommendations.
  if (
    /\b(recommend\w*|suggest\w*|something (?:for|to|new|different|fresh)|new music|discover|what should i (?:listen|play|put on|hear)|give me (?:some |a few )?(?:\w+ )?(?:music|songs|tracks)|i need (?:some )?(?:music|songs|tracks)|music for|songs for|tracks for|find me|any ideas|surprise me|put something on)\b/.test(
      t,
    )
  ) {
    const context = contextOf(t);
    const intent: IntentName = context
      ? ({ mood: "recommendMood", activity: "recommendActivity", era: "recommendEra", time: "recommendMood" } as const)[context[2]]
      : "recommend";
    return { intent, call: { tool: "recommend", input: context ? { context: context[1] } : {} } };
  }

  // Top lists and totals for a range.
  const top =
    /(?:^|\s)(?:#1|no\.? ?1)\b|\b(most|top|favourites?|favorites?|best|number one|mostly|how many (?:songs|tracks|artists|plays|minutes|hours)|rank(?:ing)?|chart|heavy rotation|on repeat|obsessed|played|listened|listen to|minutes|hours|how much|stats|statistics|summary|recap|wrapped)\b/.test(
      t,
    );
  if (top) {
    const kind = kindOf(t);
    const range = found?.range ?? defaultRange(t);
    const totalsAsk =
      (!kind || /\bhow many (?:songs|tracks|artists)\b/.test(t)) &&
      /\b(how much|how many (?:minutes|hours|plays|songs|tracks|artists)|total|stats|statistics|summary|recap|wrapped|in total)\b/.test(
        t,
      ) &&
      !/\b(most|top|favourite|favorite|best)\b/.test(t);
    if (totalsAsk) return { intent: "totals", call: statsCall(range, byTime(t) ? "time" : undefined, undefined), range };
    return { intent: TOP_INTENT[kind ?? "none"], call: statsCall(range, byTime(t) ? "time" : undefined, kind), range };
  }

  // A kind of list and a range, without the usual words ("albums I've been into recently").
  const kind = kindOf(t);
  if (kind && found && !/\b(like|similar)\b/.test(t))
    return { intent: TOP_INTENT[kind], call: statsCall(found.range, byTime(t) ? "time" : undefined, kind), range: found.range };

  const followUp = previous ? followUpOf(t, found, previous, options) : null;
  if (followUp) return followUp;

  return { intent: "unknown", call: null, reply: suggestions(t) };
}

// "Tell me about X", "who are X", "what's the story behind X", "the history of X", "X's history",
// "any news about X": the name is the rest of the sentence, in the listener's spelling.
const RESEARCH_LEAD =
  /^(?:(?:hey|ok|so|please),?\s+)?(?:(?:can|could) you\s+)?(?:please\s+)?(?:tell me (?:a bit |a little |something |more )?about|what do you know about|(?:give me |i'd like )?(?:some )?(?:background|info|information) (?:on|about)|who (?:is|are|was|were)|what(?: is|'s| was) the (?:story|history|background|meaning) (?:behind|of)|(?:what's|what is|tell me) the (?:story|history) (?:behind|of)|(?:the )?(?:history|story|background|biography|bio|origins?) of|(?:is there |are there )?any (?:news|updates?) (?:about|on|from)|(?:what's|what is) new with|(?:the )?latest (?:news|updates?) (?:about|on|from)|(?:what's|what is) the latest (?:on|about|with)|how did)\s+(.+)$/i;
const RESEARCH_TAIL = /^(.+?)'s? (?:history|story|biography|bio|background|origins?|latest news|news)\b/i;
/** Words that make a question about the listener's own listening, not about the artist. */
const LISTENER_WORDS =
  /\b(my|mine|me|i|i've|i'm|we|top|most|favou?rites?|played|plays|listen\w*|streak|skip\w*|playlists?|draft|taste|recommend\w*|minutes|hours)\b/i;

function researchOf(original: string, t: string): { question: string; artist?: string } | null {
  const subject = RESEARCH_LEAD.exec(original)?.[1] ?? RESEARCH_LEAD.exec(t)?.[1] ?? RESEARCH_TAIL.exec(original)?.[1] ?? null;
  if (!subject) return null;
  // "how did X form / start / get their name": the name ends at the verb.
  const name = tidyName(
    subject
      .replace(/\s+(?:form|start|begin|meet|get their name|get started|come together|break up|split)\b.*$/i, "")
      .replace(/'s? (?:history|story|biography|bio|background|origins?|latest news|news|career|early years)\b.*$/i, "")
      .replace(/^(?:the (?:band|artist|singer|group|album|record|song|track)\s+)/i, "")
      .replace(/\s+(?:lately|recently|these days|this year|right now)$/i, ""),
  );
  // A name, not a description ("that one song from the party").
  if (
    name.length < 2 ||
    LISTENER_WORDS.test(name) ||
    /^(?:it|that|this|those|these|them|they|you|music)\b/i.test(name) ||
    /^(?:[aA]n?|[oO]ne|[sS]ome)\s+[a-z]/.test(name)
  )
    return null;
  return { question: original.trim(), artist: name };
}

/** "and in 2022?", "what about albums?", "by minutes?": the previous question again, changed. */
function followUpOf(t: string, found: FoundRange | null, previous: string, options: UnderstandOptions): Understanding | null {
  if (t.split(" ").length > 8) return null;
  const before = understand(previous, { now: options.now, timeZone: options.timeZone });
  if (!before.call || before.intent === "unknown") return null;
  const kind = kindOf(t);
  const by = byTime(t) ? ("time" as const) : /\bby plays\b/.test(t) ? ("plays" as const) : undefined;
  if (!found && !kind && !by) return null;
  const call = before.call;
  if (call.tool === "listeningStats") {
    const range = found?.range ?? before.range ?? { range: "all" as const };
    const nextKind = kind ?? call.input.kind;
    const nextBy = by ?? call.input.by;
    const intent = before.intent === "totals" && !kind ? "totals" : TOP_INTENT[nextKind ?? "none"];
    return { intent, call: statsCall(range, nextBy, nextKind), range };
  }
  if (call.tool === "listeningHabits" && found)
    return {
      intent: before.intent,
      call: { tool: "listeningHabits", input: { topic: call.input.topic, ...found.range } },
      range: found.range,
    };
  if (call.tool === "searchHistory" && found) {
    const { query, ask } = call.input;
    return {
      intent: before.intent,
      call: { tool: "searchHistory", input: { query, ...(ask ? { ask } : {}), ...(found.range.range === "all" ? {} : found.range) } },
      range: found.range,
    };
  }
  return null;
}
