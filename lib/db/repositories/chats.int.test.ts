import { randomUUID } from "node:crypto";
import { expect, it } from "vitest";
import { describeEachStore } from "@/lib/db/testing/each-store";
import { ensureIndexes } from "@/lib/db/store";
import { chatsRepository } from "./chats";

const entry = (id: string, role: "user" | "assistant" = "user") => ({
  id,
  role,
  message: { id, role, parts: [{ type: "text", text: id }] },
});

describeEachStore("chats repository", (open) => {
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
