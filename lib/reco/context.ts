/**
 * Listening contexts (moods, activities, eras, times of day) and how each maps to what we know
 * of a track: its genre family, its release year, and when in the day this listener plays it.
 * Client-safe: the Discover page renders the chips from here.
 */
export type ContextKind = "mood" | "activity" | "era" | "time";

export interface ContextDefinition {
  id: string;
  kind: ContextKind;
  label: string;
  /** Genre families that fit (rock, pop, soul, hiphop, electronic, folk, jazz, world). */
  families?: readonly string[];
  /** Release years [from, to]. */
  years?: readonly [number, number];
  /** Hour bands the listener plays it in: 0 night, 1 morning, 2 afternoon, 3 evening. */
  bands?: readonly number[];
  /** Shorter tracks fit (workouts, parties): at most this many ms. */
  maxDurationMs?: number;
}

export const CONTEXTS: readonly ContextDefinition[] = [
  { id: "chill", kind: "mood", label: "Chill", families: ["folk", "jazz", "soul", "electronic"], bands: [0, 3] },
  { id: "energetic", kind: "mood", label: "Energetic", families: ["rock", "hiphop", "electronic", "pop"], maxDurationMs: 270_000 },
  { id: "melancholy", kind: "mood", label: "Melancholy", families: ["folk", "soul", "rock"], bands: [0, 3] },
  { id: "happy", kind: "mood", label: "Happy", families: ["pop", "soul", "world"] },
  { id: "workout", kind: "activity", label: "Workout", families: ["hiphop", "electronic", "rock", "pop"], maxDurationMs: 260_000 },
  { id: "focus", kind: "activity", label: "Focus", families: ["jazz", "electronic", "folk"], bands: [1, 2] },
  { id: "party", kind: "activity", label: "Party", families: ["pop", "hiphop", "electronic", "world"], bands: [3, 0] },
  { id: "commute", kind: "activity", label: "Commute", bands: [1, 2] },
  { id: "sleep", kind: "activity", label: "Wind down", families: ["jazz", "folk", "soul"], bands: [0] },
  { id: "1970s", kind: "era", label: "70s", years: [1970, 1979] },
  { id: "1980s", kind: "era", label: "80s", years: [1980, 1989] },
  { id: "1990s", kind: "era", label: "90s", years: [1990, 1999] },
  { id: "2000s", kind: "era", label: "2000s", years: [2000, 2009] },
  { id: "2010s", kind: "era", label: "2010s", years: [2010, 2019] },
  { id: "2020s", kind: "era", label: "2020s", years: [2020, 2029] },
  { id: "morning", kind: "time", label: "Morning", bands: [1] },
  { id: "evening", kind: "time", label: "Evening", bands: [3] },
  { id: "night", kind: "time", label: "Late night", bands: [0] },
];

export const CONTEXT_IDS = CONTEXTS.map((context) => context.id);

export const CONTEXT_KINDS: readonly ContextKind[] = ["mood", "activity", "era", "time"];

const KIND_WORDS: Record<ContextKind, string> = { mood: "moods", activity: "activities", era: "eras", time: "times of day" };

export function contextById(id: string | undefined | null): ContextDefinition | undefined {
  return id ? CONTEXTS.find((context) => context.id === id) : undefined;
}

/**
 * Contexts from their ids (`"chill,workout"` or a list): at most one per kind, in the order of
 * CONTEXT_KINDS so the same choice always reads the same. An unknown id or two of one kind is an
 * error that says what to send instead.
 */
export function parseContexts(
  value: string | readonly string[] | undefined | null,
): { contexts: ContextDefinition[]; error?: undefined } | { contexts?: undefined; error: string } {
  const ids = (typeof value === "string" ? value.split(",") : (value ?? [])).map((id) => id.trim()).filter((id) => id.length > 0);
  const byKind = new Map<ContextKind, ContextDefinition>();
  for (const id of ids) {
    const context = contextById(id);
    if (!context) return { error: `unknown context “${id}”: use one of ${CONTEXT_IDS.join(", ")}, comma-separated, at most one per kind` };
    const taken = byKind.get(context.kind);
    if (taken && taken.id !== context.id)
      return {
        error: `“${taken.id}” and “${context.id}” are both ${KIND_WORDS[context.kind]}: choose at most one per kind (${CONTEXT_KINDS.join(", ")})`,
      };
    byKind.set(context.kind, context);
  }
  return { contexts: CONTEXT_KINDS.flatMap((kind) => (byKind.has(kind) ? [byKind.get(kind)!] : [])) };
}

/** How much less each family after a context's first fits it. */
const FAMILY_STEP = 0.2;

export interface TrackFacts {
  families: readonly string[];
  releaseYear: number | null;
  durationMs: number | null;
  /** Listens per hour band (0 night, 1 morning, 2 afternoon, 3 evening); empty when never played. */
  bands: readonly number[];
}

/**
 * How well a track fits a context, 0 to 1, and why (for the explanation). Unknown facts neither
 * help nor hurt: a listener without genre data still gets time-of-day and era matches.
 */
export function contextMatch(context: ContextDefinition, facts: TrackFacts): { score: number; reason: string | null } {
  const parts: Array<{ weight: number; score: number; reason: string | null }> = [];
  if (context.families && facts.families.length > 0) {
    // The families are listed most typical first: the first fits fully, each next one a little less,
    // so a context re-ranks what fits it rather than only keeping it.
    const rank = Math.min(...facts.families.map((family) => context.families!.indexOf(family)).filter((at) => at >= 0));
    const hit = Number.isFinite(rank);
    parts.push({ weight: 2, score: hit ? 1 - FAMILY_STEP * rank : 0, reason: hit ? `fits ${context.label.toLowerCase()}` : null });
  }
  if (context.years) {
    if (facts.releaseYear === null) parts.push({ weight: 3, score: 0, reason: null });
    else {
      const hit = facts.releaseYear >= context.years[0] && facts.releaseYear <= context.years[1];
      parts.push({ weight: 3, score: hit ? 1 : 0, reason: hit ? `released in ${facts.releaseYear}` : null });
    }
  }
  if (context.bands) {
    const total = facts.bands.reduce((sum, count) => sum + count, 0);
    if (total >= 3) {
      const inBand = context.bands.reduce((sum, band) => sum + (facts.bands[band] ?? 0), 0);
      const share = inBand / total;
      parts.push({ weight: 1.5, score: share, reason: share >= 0.5 ? `you usually play it ${bandWords(context.bands)}` : null });
    }
  }
  if (context.maxDurationMs && facts.durationMs !== null)
    parts.push({ weight: 0.5, score: facts.durationMs <= context.maxDurationMs ? 1 : 0.3, reason: null });
  if (parts.length === 0) return { score: 0.5, reason: null };
  const weight = parts.reduce((sum, part) => sum + part.weight, 0);
  const score = parts.reduce((sum, part) => sum + part.weight * part.score, 0) / weight;
  const reason = parts.find((part) => part.reason)?.reason ?? null;
  return { score, reason };
}

/**
 * How well a track fits several contexts at once (one per kind): the product of its fit to each,
 * so "chill" and "workout" together want tracks that fit both, and a track that fits one but not
 * the other drops. The reason is the first context's that has one.
 */
export function contextsMatch(contexts: readonly ContextDefinition[], facts: TrackFacts): { score: number; reason: string | null } {
  let score = 1;
  let reason: string | null = null;
  for (const context of contexts) {
    const match = contextMatch(context, facts);
    score *= match.score;
    reason ??= match.reason;
  }
  return { score, reason };
}

function bandWords(bands: readonly number[]): string {
  const words = ["late at night", "in the morning", "in the afternoon", "in the evening"];
  return bands.map((band) => words[band]).join(" or ");
}
