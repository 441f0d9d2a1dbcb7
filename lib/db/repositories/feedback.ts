import type { Store } from "../port";
import { collections, type FeedbackDocument, type FeedbackKind, type FeedbackTarget } from "../schema";

export function feedbackRepository(store: Store) {
  const feedback = store.collection<FeedbackDocument>(collections.feedback);
  const idOf = (userId: string, target: FeedbackTarget, itemId: string) => `${userId}|${target}|${itemId}`;
  return {
    /** One opinion per listener and item: saying it again, or changing it, updates the same record. */
    async set(
      userId: string,
      target: FeedbackTarget,
      itemId: string,
      kind: FeedbackKind,
      now = new Date(),
      labels: { name?: string; artist?: string } = {},
    ): Promise<void> {
      await feedback.updateOne(
        { _id: idOf(userId, target, itemId) },
        { $set: { kind, updatedAt: now, ...definedLabels(labels) }, $setOnInsert: { userId, target, itemId, createdAt: now } },
        { upsert: true },
      );
    },

    async remove(userId: string, target: FeedbackTarget, itemId: string): Promise<boolean> {
      return (await feedback.deleteOne({ _id: idOf(userId, target, itemId), userId })) === 1;
    },

    list(userId: string, filter: { kind?: FeedbackKind; target?: FeedbackTarget } = {}): Promise<FeedbackDocument[]> {
      return feedback.find({ userId, ...filter }, { sort: { updatedAt: -1 } });
    },
  };
}

/** Only the labels given: an opinion changed without them keeps the earlier ones. */
function definedLabels(labels: { name?: string; artist?: string }): { name?: string; artist?: string } {
  return {
    ...(labels.name !== undefined ? { name: labels.name } : {}),
    ...(labels.artist !== undefined ? { artist: labels.artist } : {}),
  };
}

export type FeedbackRepository = ReturnType<typeof feedbackRepository>;
