/**
 * A share link lives only while sharing is on: turning it off kills the link for good, and turning
 * it on again mints a new token, so a link that leaked can be replaced. Both store adapters.
 */
import { expect, it } from "vitest";
import { collections, type ShareDocument } from "@/lib/db/schema";
import { describeEachStore } from "@/lib/db/testing/each-store";
import { ensureIndexes } from "@/lib/db/store";
import { sharesRepository } from "./shares";

describeEachStore("share links", (open) => {
  it("keeps one token while sharing stays on, and mints a new one after off and on; the old one stays dead", async () => {
    const store = await open();
    await ensureIndexes(store);
    const shares = sharesRepository(store);
    const first = await shares.enable("u-1", 2024);
    expect(first._id).toMatch(/^[A-Za-z0-9_-]{24}$/);
    // On again while on (a second tab): the same link.
    expect((await shares.enable("u-1", 2024))._id).toBe(first._id);
    expect(await shares.byToken(first._id)).toMatchObject({ userId: "u-1", year: 2024, enabled: true });

    await shares.disable("u-1", 2024);
    expect(await shares.byToken(first._id)).toBeNull();
    expect(await shares.forYear("u-1", 2024)).toBeNull();

    const second = await shares.enable("u-1", 2024);
    expect(second._id).not.toBe(first._id);
    expect(await shares.byToken(second._id)).toMatchObject({ userId: "u-1", year: 2024 });
    expect(await shares.byToken(first._id)).toBeNull();
    expect((await shares.forYear("u-1", 2024))?._id).toBe(second._id);

    // Every round mints a token never seen before.
    const tokens = new Set([first._id, second._id]);
    for (let round = 0; round < 3; round++) {
      await shares.disable("u-1", 2024);
      tokens.add((await shares.enable("u-1", 2024))._id);
    }
    expect(tokens.size).toBe(5);
    // Other years and listeners are untouched.
    const other = await shares.enable("u-2", 2024);
    await shares.disable("u-1", 2024);
    expect(await shares.byToken(other._id)).not.toBeNull();
  });

  it("never turns a link switched off before tokens rotated back on", async () => {
    const store = await open();
    await ensureIndexes(store);
    const old: ShareDocument = {
      _id: "leaked-token-from-before-rotation",
      userId: "u-3",
      year: 2023,
      enabled: false,
      createdAt: new Date("2026-01-01T00:00:00Z"),
      updatedAt: new Date("2026-01-02T00:00:00Z"),
    };
    await store.collection<ShareDocument>(collections.shares).insertOne(old);
    const fresh = await sharesRepository(store).enable("u-3", 2023);
    expect(fresh._id).not.toBe(old._id);
    expect(await sharesRepository(store).byToken(old._id)).toBeNull();
    expect(await sharesRepository(store).byToken(fresh._id)).not.toBeNull();
  });

  it("gives tabs turning sharing on at once one link", async () => {
    const store = await open();
    await ensureIndexes(store);
    const shares = sharesRepository(store);
    await shares.enable("u-4", 2022);
    await shares.disable("u-4", 2022);
    const links = await Promise.all(Array.from({ length: 5 }, () => shares.enable("u-4", 2022)));
    expect(new Set(links.map((link) => link._id)).size).toBe(1);
    expect(await store.collection<ShareDocument>(collections.shares).countDocuments({ userId: "u-4" })).toBe(1);
  });
});
