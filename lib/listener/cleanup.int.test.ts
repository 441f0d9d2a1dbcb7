import { randomUUID } from "node:crypto";
import { expect, it } from "vitest";
import { chatsRepository, collections, ensureIndexes, listeningRepository, usersRepository, type Store } from "@/lib/db";
import { describeEachStore } from "@/lib/db/testing/each-store";
import { SWEEP_AFTER_MS, sweepDeletedListeners } from "./cleanup";
import { deleteListener } from "./delete";

const profile = (id: string) => ({ id, displayName: id, email: null, imageUrl: null, country: null, product: null });

/** What the store holds that names the listener: their chats and listening segments. */
async function holdings(store: Store, userId: string): Promise<number> {
  return (
    (await store.collection(collections.chats).countDocuments({ userId })) +
    (await store.collection(collections.listening).countDocuments({ userId }))
  );
}

/** A request of theirs that got past sign-in before the deletion, writing after it. */
async function lateWrite(store: Store, userId: string): Promise<void> {
  await chatsRepository(store).open(userId, `chat-${randomUUID()}`, "Still streaming");
  await listeningRepository(store).appendPlays(userId, `import|${randomUUID()}`, { count: 1, data: "x" });
}

describeEachStore("deleted accounts, swept once more", (open) => {
  it("deletes what a request in flight wrote after the deletion, once the sweep is due", async () => {
    const store = await open();
    await ensureIndexes(store);
    const users = usersRepository(store);
    const id = "spotify:leaving";
    const stays = "spotify:staying";
    for (const userId of [id, stays]) {
      await users.upsertSpotifyUser(profile(userId.slice("spotify:".length)));
      await lateWrite(store, userId);
    }

    const deletedAt = Date.now();
    await deleteListener(id, { store });
    expect(await holdings(store, id)).toBe(0);
    await lateWrite(store, id);
    expect(await holdings(store, id)).toBe(2);

    // Not yet: a request may still be writing.
    expect(await sweepDeletedListeners(store, new Date(deletedAt + SWEEP_AFTER_MS - 60_000))).toEqual({ swept: 0, failed: 0 });
    expect(await holdings(store, id)).toBe(2);

    expect(await sweepDeletedListeners(store, new Date(deletedAt + SWEEP_AFTER_MS + 60_000))).toEqual({ swept: 1, failed: 0 });
    expect(await holdings(store, id)).toBe(0);
    expect(await holdings(store, stays)).toBe(2);
    expect(await users.findById(stays)).not.toBeNull();
    // Swept once: the mark is gone, and so is every document naming them.
    expect(await users.dueSweeps(new Date(deletedAt + 86_400_000))).toEqual([]);
    expect(await sweepDeletedListeners(store, new Date(deletedAt + 86_400_000))).toEqual({ swept: 0, failed: 0 });
  });

  it("leaves an account that exists again alone, and forgets its mark", async () => {
    const store = await open();
    await ensureIndexes(store);
    const users = usersRepository(store);
    const id = "spotify:returning";
    await users.upsertSpotifyUser(profile("returning"));
    const deletedAt = Date.now();
    await deleteListener(id, { store });
    // They sign in with Spotify again before the sweep: their new account's data is theirs.
    await users.upsertSpotifyUser(profile("returning"));
    await lateWrite(store, id);

    expect(await sweepDeletedListeners(store, new Date(deletedAt + SWEEP_AFTER_MS + 60_000))).toEqual({ swept: 0, failed: 0 });
    expect(await holdings(store, id)).toBe(2);
    expect(await users.findById(id)).not.toBeNull();
    expect(await users.dueSweeps(new Date(deletedAt + 86_400_000))).toEqual([]);
  });

  it("keeps a mark the account was deleted again after, and the idle-visitor cleanup marks nothing", async () => {
    const store = await open();
    await ensureIndexes(store);
    const users = usersRepository(store);
    const first = new Date("2026-12-01T10:00:00Z");
    await users.markForSweep("spotify:twice", first);
    const [due] = await users.dueSweeps(first);
    expect(due).toEqual({ id: "spotify:twice", deletedAt: first });
    // Deleted again meanwhile (signed up, deleted): finishing the first sweep leaves the second's mark.
    const second = new Date("2026-12-01T11:00:00Z");
    await users.markForSweep("spotify:twice", second);
    await users.finishSweep("spotify:twice", first);
    expect(await users.dueSweeps(second)).toEqual([{ id: "spotify:twice", deletedAt: second }]);
    await expect(users.markForSweep("demo")).rejects.toThrow(/not a listener's own account/);

    // The idle-visitor cleanup deletes without a mark: nothing of theirs can still be writing.
    await users.upsertSpotifyUser(profile("idle"));
    await deleteListener("spotify:idle", { store, cache: false });
    expect((await users.dueSweeps(new Date("2100-01-01"))).map(({ id }) => id)).toEqual(["spotify:twice"]);
  });
});
