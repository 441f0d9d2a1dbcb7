/**
 * The small state documents (revisions, the minute-precision marker, flags, seed states) live in
 * `listener_state`, and what versions before wrote beside the segments and the rollups is moved
 * there at start (with the indexes), without losing a revision or lowering one. Both store adapters.
 */
import { expect, it } from "vitest";
import type { Store } from "@/lib/db/port";
import { collections } from "@/lib/db/schema";
import { describeEachStore } from "@/lib/db/testing/each-store";
import { ensureIndexes } from "@/lib/db/store";
import { listeningRepository } from "./listening";
import { rollupsRepository } from "./rollups";
import { moveLegacyState } from "./state";
import { usersRepository } from "./users";

type Loose = { _id: string } & Record<string, unknown>;

const leaseUntil = new Date(Date.UTC(2026, 11, 5, 12));
/** The demo seed's state as a version before `listener_state` stored it. */
const legacySeed = {
  _id: "seed|demo-history",
  day: "2026-12-04",
  status: "stored",
  run: "r-1",
  leaseUntil,
  stored: 10,
  total: 10,
  updatedAt: leaseUntil,
};

/** What a version before `listener_state` left: counters and seeds among the segments, the marker among the rollups. */
async function writeLegacyState(store: Store) {
  const listening = store.collection<Loose>(collections.listening);
  const rollups = store.collection<Loose>(collections.rollups);
  await listening.insertOne({ _id: "u-1|import|a/c0", userId: "u-1", kind: "plays", count: 1, data: "segment", createdAt: new Date(0) });
  await listening.insertOne({ _id: "revision|u-1", revision: 57 });
  await listening.insertOne({ _id: "revision|u-2", revision: 3 });
  await listening.insertOne({ _id: "flag|demo-history-stored", revision: 1 });
  await listening.insertOne({ ...legacySeed });
  // Of a kind the move does not know: left where it is.
  await listening.insertOne({ _id: "other|thing", note: "kept" });
  await rollups.insertOne({
    _id: "u-1|meta",
    userId: "u-1",
    granularity: "meta",
    bucket: "meta",
    start: new Date(0),
    minutePrecision: true,
  });
}

describeEachStore("listener state", (open) => {
  it("moves the state of before out of the segments and rollups, keeping every value", async () => {
    const store = await open();
    await writeLegacyState(store);
    // As the next start after an upgrade does.
    await ensureIndexes(store);

    const listening = listeningRepository(store);
    expect(await listening.revision("u-1")).toBe(57);
    expect(await listening.revision("u-2")).toBe(3);
    expect(await listening.revision("u-3")).toBe(0);
    expect(await listening.hasFlag("demo-history-stored")).toBe(true);
    expect(await listening.seedState("demo-history")).toEqual(legacySeed);
    expect(await rollupsRepository(store).hasMinutePrecision("u-1")).toBe(true);
    expect(await rollupsRepository(store).hasMinutePrecision("u-2")).toBe(false);

    // Only the segment (and what the move does not know) is left where it was; the marker is gone from the rollups.
    expect((await store.collection(collections.listening).find({})).map((document) => document._id).sort()).toEqual([
      "other|thing",
      "u-1|import|a/c0",
    ]);
    expect(await store.collection(collections.rollups).countDocuments({})).toBe(0);

    // Counting goes on from the old value.
    await listening.appendPlays("u-1", "import|a/c1", { count: 2, data: "more" });
    expect(await listening.revision("u-1")).toBe(58);
  });

  it("never lowers a revision, and a second move (another instance, a crash midway) changes nothing", async () => {
    const store = await open();
    await writeLegacyState(store);
    await ensureIndexes(store);
    const listening = listeningRepository(store);
    await listening.appendPlays("u-1", "import|a/c1", { count: 2, data: "more" });
    expect(await listening.revision("u-1")).toBe(58);

    // An instance of the old version counts on beside the segments meanwhile (from 0: its
    // counter was moved), and the move runs again as if it had never finished.
    await store.collection<Loose>(collections.listening).insertOne({ _id: "revision|u-1", revision: 1 });
    await store.collection<Loose>(collections.listenerState).deleteOne({ _id: "moved|legacy-state" });
    await moveLegacyState(store);
    expect(await listening.revision("u-1")).toBe(58);
    expect(await store.collection(collections.listening).countDocuments({ _id: "revision|u-1" })).toBe(0);
    await moveLegacyState(store);
    expect(await listening.revision("u-2")).toBe(3);
  });

  it("removing a listener, or replacing their rollups, removes their state", async () => {
    const store = await open();
    await ensureIndexes(store);
    const listening = listeningRepository(store);
    const rollups = rollupsRepository(store);
    await listening.appendPlays("u-4", "import|a/c0", { count: 2, data: "plays" });
    await rollups.markMinutePrecision("u-4");
    await listening.appendPlays("spotify:u-5", "import|a/c0", { count: 2, data: "plays" });
    await rollups.markMinutePrecision("spotify:u-5");

    await rollups.deleteAll("u-4");
    expect(await rollups.hasMinutePrecision("u-4")).toBe(false);
    expect(await rollups.hasMinutePrecision("spotify:u-5")).toBe(true);

    await usersRepository(store).removeListener("spotify:u-5");
    expect(await listening.revision("spotify:u-5")).toBe(0);
    expect(await rollups.hasMinutePrecision("spotify:u-5")).toBe(false);
    expect(await listening.revision("u-4")).toBe(1);
  });
});
