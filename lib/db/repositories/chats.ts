import type { Store } from "../port";
import { collections, type ChatDocument, type MessageDocument, type UsageDocument } from "../schema";

/** Conversations and their messages. Every read and write names the owner: a chat is only its owner's. */
export function chatsRepository(store: Store) {
  const chats = store.collection<ChatDocument>(collections.chats);
  const messages = store.collection<MessageDocument>(collections.messages);
  return {
    list(userId: string, limit = 100): Promise<ChatDocument[]> {
      return chats.find({ userId }, { sort: { updatedAt: -1 }, limit });
    },

    find(userId: string, chatId: string): Promise<ChatDocument | null> {
      return chats.findOne({ _id: chatId, userId });
    },

    /** The chat's messages in order (the owner's only). */
    messages(userId: string, chatId: string): Promise<MessageDocument[]> {
      return messages.find({ chatId, userId }, { sort: { position: 1 } });
    },

    /**
     * Creates the chat on its first message, or touches it. Returns null when the id belongs to
     * another listener (ids are client-made: a taken id is never shared).
     */
    async open(userId: string, chatId: string, title: string, now = new Date()): Promise<ChatDocument | null> {
      const existing = await chats.findOne({ _id: chatId });
      if (existing) return existing.userId === userId ? existing : null;
      const chat: ChatDocument = { _id: chatId, userId, title, createdAt: now, updatedAt: now };
      try {
        await chats.insertOne(chat);
        return chat;
      } catch {
        // Two first messages raced: whoever won owns it.
        const winner = await chats.findOne({ _id: chatId });
        return winner?.userId === userId ? winner : null;
      }
    },

    /**
     * Replaces the chat's messages from `from` on with `list` (a regenerate or an approval
     * continuation rewrites the tail). The new tail is written before the old one is removed, so a
     * crash in between leaves an extra message, never a lost one; the same list written twice is
     * the same chat.
     */
    async saveTail(
      userId: string,
      chatId: string,
      from: number,
      list: Array<{ id: string; role: MessageDocument["role"]; message: Record<string, unknown> }>,
      now = new Date(),
    ): Promise<void> {
      if (list.length > 0) {
        await messages.bulkWrite(
          list.map((entry, offset) => ({
            updateOne: {
              filter: { _id: `${chatId}|${entry.id}` },
              update: {
                $set: {
                  chatId,
                  userId,
                  messageId: entry.id,
                  position: from + offset,
                  role: entry.role,
                  message: entry.message,
                  createdAt: now,
                },
              },
              upsert: true,
            },
          })),
        );
      }
      await messages.deleteMany({ chatId, userId, position: { $gte: from }, messageId: { $nin: list.map((entry) => entry.id) } });
      await chats.updateOne({ _id: chatId, userId }, { $set: { updatedAt: now } });
    },

    /**
     * Records the listener's answer to an approval request, once: a conditional update on the
     * message, so of concurrent answers (two tabs, a double click, a replay) exactly one wins.
     */
    async claimApproval(userId: string, chatId: string, messageId: string, approvalId: string): Promise<boolean> {
      const result = await messages.updateOne(
        { _id: `${chatId}|${messageId}`, userId, answeredApprovals: { $ne: approvalId } },
        { $addToSet: { answeredApprovals: approvalId } },
      );
      return result.matchedCount === 1;
    },

    /** Gives an approval back when the turn that claimed it could not start. */
    async releaseApproval(userId: string, chatId: string, messageId: string, approvalId: string): Promise<void> {
      // $pull is outside the operator subset both stores share: rewrite the list instead.
      const message = await messages.findOne({ _id: `${chatId}|${messageId}`, userId });
      if (!message?.answeredApprovals?.includes(approvalId)) return;
      await messages.updateOne(
        { _id: message._id, userId },
        { $set: { answeredApprovals: message.answeredApprovals.filter((id) => id !== approvalId) } },
      );
    },

    async rename(userId: string, chatId: string, title: string): Promise<boolean> {
      return (await chats.updateOne({ _id: chatId, userId }, { $set: { title, updatedAt: new Date() } })).matchedCount === 1;
    },

    async remove(userId: string, chatId: string): Promise<boolean> {
      const removed = await chats.deleteOne({ _id: chatId, userId });
      if (removed === 0) return false;
      await messages.deleteMany({ chatId, userId });
      return true;
    },
  };
}

/** Tokens and cost per listener, day and model. */
export function usageRepository(store: Store) {
  const usage = store.collection<UsageDocument>(collections.usage);
  return {
    async record(
      entry: { userId: string; day: string; model: string; inputTokens: number; outputTokens: number; costUsd: number },
      now = new Date(),
    ): Promise<void> {
      await usage.updateOne(
        { _id: `${entry.userId}|${entry.day}|${entry.model}` },
        {
          $inc: { requests: 1, inputTokens: entry.inputTokens, outputTokens: entry.outputTokens, costUsd: entry.costUsd },
          $set: { updatedAt: now },
          $setOnInsert: { userId: entry.userId, day: entry.day, model: entry.model },
        },
        { upsert: true },
      );
    },

    forDay(day: string): Promise<UsageDocument[]> {
      return usage.find({ day });
    },

    forUser(userId: string, day: string): Promise<UsageDocument[]> {
      return usage.find({ userId, day });
    },

    /** Every day from `fromDay` on (UTC, "YYYY-MM-DD"), for everyone or one listener. */
    since(fromDay: string, userId?: string): Promise<UsageDocument[]> {
      return usage.find(userId ? { day: { $gte: fromDay }, userId } : { day: { $gte: fromDay } });
    },
  };
}

export type ChatsRepository = ReturnType<typeof chatsRepository>;
