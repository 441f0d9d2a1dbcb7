import { randomUUID } from "node:crypto";
import { expect, it } from "vitest";
import { collections } from "@/lib/db/schema";
import { describeEachStore } from "@/lib/db/testing/each-store";
import { ensureIndexes } from "@/lib/db/store";
import { blendsRepository } from "./blends";
import { chatsRepository } from "./chats";
import { feedbackRepository } from "./feedback";
import { listeningRepository } from "./listening";
import { DEMO_USER_ID, isDemoVisitorId, isRemovableListenerId, newDemoVisitorId, usersRepository } from "./users";

const DAY = 86_400_000;

describeEachStore("users repository, demo visitors", (open) => {
  it("finds visitors idle since a date and removes one with what they own, never anyone else", async () => {
    const store = await open();
    await ensureIndexes(store);
    const users = usersRepository(store);
    const now = new Date("2026-12-01T12:00:00Z");
    const idle = newDemoVisitorId();
    const active = newDemoVisitorId();
    expect(isDemoVisitorId(idle)).toBe(true);
    expect(isDemoVisitorId(DEMO_USER_ID)).toBe(false);
    expect(idle).not.toBe(active);
    await users.createDemoVisitor(idle, new Date(now.getTime() - 40 * DAY));
    await users.createDemoVisitor(active, new Date(now.getTime() - 40 * DAY));
    await users.ensureDemoUser(new Date(now.getTime() - 40 * DAY));
    await users.upsertSpotifyUser(
      { id: "quiet", displayName: null, email: null, imageUrl: null, country: null, product: null },
      new Date(now.getTime() - 40 * DAY),
    );
    // Activity moves lastSeenAt, at most once an hour.
    const seen = (await users.findById(active))!;
    await users.touch(seen, now);
    expect((await users.findById(active))?.lastSeenAt).toEqual(now);
    await users.touch({ _id: active, lastSeenAt: now }, new Date(now.getTime() + 30 * 60_000));
    expect((await users.findById(active))?.lastSeenAt).toEqual(now);

    for (const userId of [idle, active, DEMO_USER_ID]) {
      await chatsRepository(store).open(userId, `chat-${randomUUID()}`, "Hi");
      await feedbackRepository(store).set(userId, "track", "t1", "like");
      await listeningRepository(store).appendPlays(userId, "import|c1", { count: 1, data: "x" });
    }

    // A Blend each side: the idle visitor invited the active one, and blended with a demo friend.
    const blends = blendsRepository(store);
    const { token } = await blends.createInvite(idle, new Date(now.getTime() + DAY), now);
    expect((await blends.accept(token, active, now)).ok).toBe(true);
    await blends.createDirect(idle, "friend:mira", now);
    await blends.createDirect(active, "friend:jonas", now);
    expect(await blends.listFor(idle, now)).toHaveLength(2);

    expect(await users.idleDemoVisitors(new Date(now.getTime() - 30 * DAY))).toEqual([idle]);
    await users.removeListener(idle);
    expect(await blends.listFor(idle, now)).toEqual([]);
    expect((await blends.listFor(active, now)).map((blend) => blend.partnerId)).toEqual(["friend:jonas"]);
    await expect(users.removeListener(DEMO_USER_ID)).rejects.toThrow(/not a listener's own account/);
    await expect(users.removeListener("friend:mira")).rejects.toThrow(/not a listener's own account/);
    expect(isRemovableListenerId("spotify:quiet")).toBe(true);
    expect(isRemovableListenerId("spotify:a:b")).toBe(false);
    expect(await users.findById(idle)).toBeNull();
    for (const name of [collections.chats, collections.feedback, collections.listening]) {
      expect(await store.collection(name).countDocuments({ userId: idle }), name).toBe(0);
      expect(await store.collection(name).countDocuments({ userId: active }), name).toBe(1);
      expect(await store.collection(name).countDocuments({ userId: DEMO_USER_ID }), name).toBe(1);
    }
    expect(await listeningRepository(store).revision(idle)).toBe(0);
    expect(await listeningRepository(store).revision(DEMO_USER_ID)).toBe(1);
    expect(await users.findById("spotify:quiet")).not.toBeNull();
    expect(await users.idleDemoVisitors(new Date(now.getTime() - 30 * DAY))).toEqual([]);
  });
});
