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

    /**
     * Everyone's opinions by kind, as they stand, last said in [from, to): how listeners took
     * recommendations around a model version's training.
     */
    async tally(range: { from?: Date; to?: Date } = {}): Promise<Record<FeedbackKind, number>> {
      const updatedAt = { ...(range.from ? { $gte: range.from } : {}), ...(range.to ? { $lt: range.to } : {}) };
      const groups = await feedback.aggregate<{ _id: FeedbackKind; count: number }>([
        ...(range.from || range.to ? [{ $match: { updatedAt } }] : []),
        { $group: { _id: "$kind", count: { $sum: 1 } } },
      ]);
      const tally: Record<FeedbackKind, number> = { like: 0, dislike: 0, not_now: 0 };
      for (const group of groups) if (Object.hasOwn(tally, group._id)) tally[group._id] = group.count;
      return tally;
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
