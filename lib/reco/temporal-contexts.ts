/**
 * How much the listening contexts change a listener's 20 picks, for the temporal evaluation: the
 * share of picks in common between the list without context and each context's, each mood plus
 * each activity, and pairs of contexts. Pure but for the catalogue port it is given.
 */
import type { ListeningIndex } from "@/lib/listening";
import { CONTEXTS, type ContextDefinition } from "./context";
import { NO_FEEDBACK, recommend, type CatalogPort, type CollaborativeSignal } from "./engine";
import type { TrackProfile } from "./profile";

/** Mean share of picks two lists have in common, over listeners. */
export interface ContextOverlap {
  label: string;
  overlap: number;
  min: number;
  max: number;
  /** Mean length of the lists with contexts (of 20). */
  picks: number;
}

/** Share of picks in common between two lists (of the longer list's length: a list that shrinks has changed). */
function overlap(a: readonly string[], b: readonly string[]): number {
  if (a.length === 0 || b.length === 0) return a.length === b.length ? 1 : 0;
  const set = new Set(a);
  return b.filter((key) => set.has(key)).length / Math.max(a.length, b.length);
}

/** The settings of the Discover page as a listener first sees it: 20 picks, the default slider, the last 30 days left out. */
const DISCOVER_REQUEST = { limit: 20, novelty: 0.3, recentDays: 30, allowExplicit: true } as const;

/**
 * How much the contexts change one listener's 20 picks: the share of picks in common between the
 * list without context and each context's (grouped by kind), each mood plus each activity, and
 * between pairs of contexts.
 */
export async function contextOverlaps(input: {
  index: ListeningIndex;
  profile: TrackProfile;
  catalog: CatalogPort;
  collaborative?: CollaborativeSignal;
}): Promise<Map<string, Array<{ overlap: number; picks: number }>>> {
  const list = async (contexts: ContextDefinition[]) =>
    (await recommend({ ...input, feedback: NO_FEEDBACK, request: { ...DISCOVER_REQUEST, contexts } })).map((item) => item.key);
  const none = await list([]);
  const single = new Map<ContextDefinition, string[]>();
  for (const context of CONTEXTS) single.set(context, await list([context]));
  const result = new Map<string, Array<{ overlap: number; picks: number }>>();
  const push = (label: string, a: string[], b: string[]) =>
    result.set(label, [...(result.get(label) ?? []), { overlap: overlap(a, b), picks: Math.min(a.length, b.length) }]);
  for (const [context, keys] of single) push(`no context vs one ${context.kind}`, none, keys);
  for (const mood of CONTEXTS.filter((context) => context.kind === "mood"))
    for (const activity of CONTEXTS.filter((context) => context.kind === "activity"))
      push("no context vs mood + activity", none, await list([mood, activity]));
  const contexts = [...single.keys()];
  for (let a = 0; a < contexts.length; a++)
    for (let b = a + 1; b < contexts.length; b++)
      push(
        contexts[a]!.kind === contexts[b]!.kind ? "two contexts of one kind" : "two contexts of different kinds",
        single.get(contexts[a]!)!,
        single.get(contexts[b]!)!,
      );
  return result;
}
