import { mkdtempSync, rmSync } from "node:fs";
import { randomUUID } from "node:crypto";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, inject, it } from "vitest";
import { EmbeddedStore } from "@/lib/db/embedded/store";
import { MongoStore } from "@/lib/db/mongodb";
import type { Store } from "@/lib/db/port";
import { ensureIndexes } from "@/lib/db/store";
import { chatsRepository } from "./chats";

const stores: Array<{ store: Store; cleanup: () => Promise<void> }> = [];
afterAll(async () => {
  for (const { cleanup } of stores) await cleanup();
});

const entry = (id: string, role: "user" | "assistant" = "user") => ({
  id,
  role,
  message: { id, role, parts: [{ type: "text", text: id }] },
});

function describeChats(label: string, open: () => Promise<Store>) {
  describe(`chats repository: ${label}`, () => {
    it("keeps a chat to its owner, and rewrites a tail without losing or doubling messages", async () => {
      const store = await open();
      await ensureIndexes(store);
      const chats = chatsRepository(store);
      const owner = `u-${randomUUID().slice(0, 8)}`;
      const chatId = `chat-${randomUUID()}`;
      expect(await chats.open(owner, chatId, "First")).toMatchObject({ _id: chatId, userId: owner, title: "First" });
      expect(await chats.open("someone-else", chatId, "Mine now")).toBeNull();

      await chats.saveTail(owner, chatId, 0, [entry("q1"), entry("a1", "assistant")]);
      await chats.saveTail(owner, chatId, 2, [entry("q2"), entry("a2", "assistant")]);
      // A regenerate of the second answer: the tail from q2 on is replaced, and writing it twice changes nothing.
      await chats.saveTail(owner, chatId, 2, [entry("q2"), entry("a2b", "assistant")]);
      await chats.saveTail(owner, chatId, 2, [entry("q2"), entry("a2b", "assistant")]);
      expect((await chats.messages(owner, chatId)).map((message) => [message.position, message.messageId])).toEqual([
        [0, "q1"],
        [1, "a1"],
        [2, "q2"],
        [3, "a2b"],
      ]);
      expect(await chats.messages("someone-else", chatId)).toEqual([]);

      expect(await chats.rename("someone-else", chatId, "Nope")).toBe(false);
      expect(await chats.rename(owner, chatId, "Renamed")).toBe(true);
      expect((await chats.list(owner)).map((chat) => chat.title)).toEqual(["Renamed"]);
      expect(await chats.remove("someone-else", chatId)).toBe(false);
      expect(await chats.remove(owner, chatId)).toBe(true);
      expect(await chats.messages(owner, chatId)).toEqual([]);
    });
  });
}

describeChats("embedded", async () => {
  const dir = mkdtempSync(join(tmpdir(), "echotune-chats-"));
  const store = new EmbeddedStore(dir);
  stores.push({ store, cleanup: async () => (await store.close(), rmSync(dir, { recursive: true, force: true })) });
  return store;
});

describeChats(`mongodb (${inject("mongoServer")})`, async () => {
  const store = new MongoStore({ uri: inject("mongoUri"), database: `chats_${randomUUID().slice(0, 8)}` });
  stores.push({ store, cleanup: () => store.close() });
  return store;
});
