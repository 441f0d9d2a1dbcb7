import type { Store, StoreCollection } from "../port";
import { collections } from "../schema";

/**
 * The small documents read by id on every request or import chunk: a listener's listening revision
 * and minute-precision flag, the flags and seed states stored once for everyone. They live in a
 * collection of their own, `listener_state`, away from the bulky documents they used to sit beside
 * (the revision and seeds among the listening segments, the flag among the day rollups): FerretDB
 * v1 answers a lookup by `_id` by reading and decoding its collection's documents one after the
 * other, which took 450 ms among 60 segments of 400 KB and under 1 ms here. (MongoDB itself finds
 * them by the `_id` index wherever they are.)
 */
export interface StateDocument {
  _id: string;
  /** The listener a per-listener document belongs to (removing them deletes it); none for shared ones. */
  userId?: string;
  revision?: number;
  minutePrecision?: boolean;
}

export const revisionStateId = (userId: string) => `revision|${userId}`;
export const minutePrecisionStateId = (userId: string) => `minute|${userId}`;
export const flagStateId = (name: string) => `flag|${name}`;
export const seedStateId = (name: string) => `seed|${name}`;

/** Written once the documents of before were moved here: later starts skip the move. */
const MOVED_ID = "moved|legacy-state";

export function stateCollection<T extends StateDocument = StateDocument>(store: Store): StoreCollection<T> {
  return store.collection<T>(collections.listenerState);
}

interface LegacyDocument {
  _id: string;
  userId?: string;
  revision?: number;
  minutePrecision?: boolean;
  granularity?: string;
  [field: string]: unknown;
}

/**
 * Moves state written by versions before `listener_state` into it, then deletes it where it was:
 * the revision counters, flags and seed states from `listening` (its documents without a userId)
 * and the minute-precision markers from `rollups` (granularity "meta"). Safe to run twice at once or
 * after a crash midway: a revision is raised to the old value, never lowered (`$max`), a seed state
 * already here is kept, and the marker is written only after the move. Run with the indexes, once
 * per process (`ensureIndexes`); an instance of the old version still running in a rolling deploy
 * writes where it always did until it is replaced, and the next start moves that too.
 */
export async function moveLegacyState(store: Store): Promise<void> {
  const state = store.collection<StateDocument & Record<string, unknown>>(collections.listenerState);
  if (await state.findOne({ _id: MOVED_ID })) return;
  const listening = store.collection<LegacyDocument>(collections.listening);
  const rollups = store.collection<LegacyDocument>(collections.rollups);
  // Only the kinds this knows: anything else without a userId stays where it is.
  const counters = (await listening.find({ userId: { $exists: false } } as never)).filter(({ _id }) =>
    ["revision|", "flag|", "seed|"].some((prefix) => _id.startsWith(prefix)),
  );
  const markers = await rollups.find({ granularity: "meta" });

  for (const { _id, ...fields } of counters) {
    if (_id.startsWith("revision|"))
      await state.updateOne(
        { _id },
        { $max: { revision: fields.revision ?? 0 }, $setOnInsert: { userId: _id.slice("revision|".length) } } as never,
        { upsert: true },
      );
    else if (_id.startsWith("flag|")) await state.updateOne({ _id }, { $set: { revision: 1 } }, { upsert: true });
    else await state.updateOne({ _id }, { $setOnInsert: fields } as never, { upsert: true });
  }
  for (const marker of markers) {
    if (marker.minutePrecision !== true || typeof marker.userId !== "string") continue;
    await state.updateOne(
      { _id: minutePrecisionStateId(marker.userId) },
      { $set: { minutePrecision: true, userId: marker.userId } },
      { upsert: true },
    );
  }
  if (counters.length > 0) await listening.deleteMany({ _id: { $in: counters.map((counter) => counter._id) } });
  if (markers.length > 0) await rollups.deleteMany({ _id: { $in: markers.map((marker) => marker._id) } });
  await state.updateOne({ _id: MOVED_ID }, { $set: { revision: 1 } }, { upsert: true });
}
