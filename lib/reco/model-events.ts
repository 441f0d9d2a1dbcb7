import "server-only";
/**
 * The model lifecycle's record: every training, activation, rejection by the validation gate,
 * rollback and retirement of a version, with the reason and who or what did it.
 */
import { randomUUID } from "node:crypto";
import { collections, DuplicateKeyError, type Store, type StoredDocument } from "@/lib/db";

export type ModelAction = "trained" | "activated" | "rejected" | "rolled-back" | "retired";

export interface ModelEventDocument extends StoredDocument {
  /** `cf-artist@<version>|<action>` for the once-per-version events of training; random otherwise. */
  _id: string;
  scope: string;
  version: number;
  action: ModelAction;
  /** In plain words, with the numbers ("passed the validation gate: recall@50 0.412 ≥ 0.396 …"). */
  reason: string;
  /** `job:<id>`, `cron`, `cli`, `operator:<hashed id or email>`, `app`. */
  by: string;
  at: Date;
}

const events = (store: Store) => store.collection<ModelEventDocument>(collections.modelEvents);

/**
 * Records one event. With `once`, the event's id is derived from the version and action, so a
 * replayed training (a job run again after a crash) records it once.
 */
export async function recordModelEvent(
  store: Store,
  event: Omit<ModelEventDocument, "_id" | "at"> & { at?: Date },
  options: { once?: boolean } = {},
): Promise<void> {
  const _id = options.once ? `${event.scope}@${event.version}|${event.action}` : `${event.scope}@${event.version}|${randomUUID()}`;
  try {
    await events(store).insertOne({ ...event, _id, at: event.at ?? new Date() });
  } catch (error) {
    if (!(options.once && error instanceof DuplicateKeyError)) throw error;
  }
}

/** Whether a once-per-version event was recorded. */
export async function hasModelEvent(store: Store, scope: string, version: number, action: ModelAction): Promise<boolean> {
  return (await events(store).findOne({ _id: `${scope}@${version}|${action}` })) !== null;
}

/** The events of these versions, oldest first. */
export function modelEventsOf(store: Store, scope: string, versions: number[]): Promise<ModelEventDocument[]> {
  return events(store).find({ scope, version: { $in: versions } }, { sort: { at: 1 } });
}
