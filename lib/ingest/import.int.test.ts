import { randomUUID } from "node:crypto";
import { expect, it } from "vitest";
import type { Store, StoreCollection, StoredDocument } from "@/lib/db";
import { playsRepository } from "@/lib/db";
import { rollupsRepository } from "@/lib/db";
import { describeEachStore } from "@/lib/db/testing/each-store";
import { ensureIndexes } from "@/lib/db";
import { removalKey, storedPlayKeys } from "@/lib/listening";
import { storeRows } from "./import";
import { accountRow, extendedRow } from "./testing/rows";

const extended = extendedRow;
const account = accountRow;
const id = (n: number) => `${"A".repeat(21)}${n}`;

describeEachStore("import pipeline", (open) => {
  it("counts, stores once, keeps rollups exact on retries, and reconciles minute-precision account rows", async () => {
    const store = await open();
    await ensureIndexes(store);
    const user = `u-${randomUUID().slice(0, 8)}`;
    const plays = playsRepository(store);
    const rollups = rollupsRepository(store);
    const rows = [
      extended("2024-03-01T20:00:10Z", id(1)),
      extended("2024-03-01T20:04:00Z", id(2), { msPlayed: 12_000, skipped: true }),
      extended("2024-03-01T21:30:00Z", id(3), { msPlayed: 0 }),
      extended("2024-03-02T08:00:00Z", id(4)),
    ];
    const dayTotals = async () => (await rollups.days(user)).map((day) => [day.bucket, day.plays, day.listens, day.msPlayed, day.skips]);

    expect(await storeRows(store, user, "imp-1", "c0", rows)).toEqual({ accepted: 2, short: 2, duplicate: 0 });
    const expected = [
      ["2024-03-01", 3, 1, 212_000, 2],
      ["2024-03-02", 1, 1, 200_000, 0],
    ];
    expect(await dayTotals()).toEqual(expected);
    expect(
      (await rollups.days(user)).map((day) => [
        day.bucket,
        Object.fromEntries(Object.entries(day.hours).map(([hour, totals]) => [hour, totals.plays])),
      ]),
    ).toEqual([
      ["2024-03-01", { "20": 2, "21": 1 }],
      ["2024-03-02", { "8": 1 }],
    ]);
    expect((await rollups.days(user))[0]?.hours["20"]).toEqual({ plays: 2, listens: 1, msPlayed: 212_000, skips: 1 });

    // The same chunk retried (a lost response): same counts, nothing doubled.
    expect(await storeRows(store, user, "imp-1", "c0", rows)).toEqual({ accepted: 2, short: 2, duplicate: 0 });
    expect(await dayTotals()).toEqual(expected);
    // A second import of the same export: all duplicates, nothing added.
    expect(await storeRows(store, user, "imp-2", "c0", rows)).toEqual({ accepted: 0, short: 0, duplicate: 4 });
    expect(await plays.count(user)).toBe(4);
    expect(await dayTotals()).toEqual(expected);

    // Account data covering the same minutes (no ids, minute precision): duplicates; a new minute is new.
    const accountRows = [account("2024-03-01T20:00", "Song AAAA"), account("2024-03-03T10:15", "Glass", "Hania Rani")];
    expect(await storeRows(store, user, "imp-3", "c0", accountRows)).toEqual({ accepted: 1, short: 0, duplicate: 1 });
    expect(await plays.count(user)).toBe(5);

    // The extended row for that account-only minute arrives later: it replaces the minute-precision play.
    const glass = extended("2024-03-03T10:15:42Z", id(5), { trackName: "Glass" });
    expect(await storeRows(store, user, "imp-4", "c0", [glass])).toEqual({ accepted: 1, short: 0, duplicate: 0 });
    expect(await plays.count(user)).toBe(5);
    const third = await plays.between(user, { from: new Date("2024-03-03T00:00:00Z"), to: new Date("2024-03-04T00:00:00Z") });
    expect(third.map((play) => [play.trackId, play.timePrecision])).toEqual([[id(5), "second"]]);
    expect((await dayTotals()).at(-1)).toEqual(["2024-03-03", 1, 1, 200_000, 0]);

    // Another listener's account data gets a marker of its own (one per listener, not one for all).
    expect(await storeRows(store, `${user}-2`, "imp-x", "c0", [account("2024-03-05T09:00", "Glass")])).toEqual({
      accepted: 1,
      short: 0,
      duplicate: 0,
    });

    // The same stream twice in one chunk (it happens across export files): one play, one duplicate.
    const twice = extended("2024-04-01T12:00:00Z", id(6));
    expect(await storeRows(store, user, "imp-5", "c0", [twice, { ...twice }])).toEqual({ accepted: 1, short: 0, duplicate: 1 });
    // Retried (the first attempt's response was lost): the same counts, not two accepted.
    expect(await storeRows(store, user, "imp-5", "c0", [twice, { ...twice }])).toEqual({ accepted: 1, short: 0, duplicate: 1 });
    expect((await rollups.days(user, new Date("2024-04-01T00:00:00Z"))).map((day) => day.plays)).toEqual([1]);
  });

  it("knows the stored plays from their segments, and sends only rows it does not know", async () => {
    const store = await open();
    await ensureIndexes(store);
    const user = `u-${randomUUID().slice(0, 8)}`;
    const plays = playsRepository(store);
    const older = [
      extended("2024-05-01T10:00:00Z", id(1)),
      extended("2024-05-01T10:05:00Z", id(2)),
      extended("2024-05-02T09:00:00Z", id(3)),
    ];
    await storeRows(store, user, "imp-1", "c0", older);
    // An account-data play, then the exact row that replaces it: its key is stored no more.
    await storeRows(store, user, "imp-2", "c0", [account("2024-05-03T07:30", "Glass")]);
    const [minutePlay] = await plays.between(user, { from: new Date("2024-05-03T00:00:00Z") });
    await storeRows(store, user, "imp-3", "c0", [extended("2024-05-03T07:30:20Z", id(4), { trackName: "Glass" })]);
    const stored = await storedPlayKeys(store, user);
    const keys = (await plays.between(user, {})).map((play) => removalKey(play.playedAt.getTime(), play.trackKey));
    expect([...stored].sort()).toEqual(keys.sort());
    expect(stored.has(removalKey(minutePlay!.playedAt.getTime(), minutePlay!.trackKey))).toBe(false);

    // A newer export over the older: the known rows are duplicates without an insert; the new one is stored.
    const sent: number[] = [];
    const watched: Store = {
      kind: store.kind,
      ping: () => store.ping(),
      describe: () => store.describe(),
      close: () => store.close(),
      collection<T extends StoredDocument>(name: string): StoreCollection<T> {
        const collection = store.collection<T>(name);
        if (name !== "plays") return collection;
        return new Proxy(collection, {
          get(target, property) {
            const value = Reflect.get(target, property) as unknown;
            if (property !== "insertMany" || typeof value !== "function") return typeof value === "function" ? value.bind(target) : value;
            return (documents: T[], options?: { handOver?: boolean }) => {
              sent.push(documents.length);
              return target.insertMany(documents, options);
            };
          },
        });
      },
    };
    const newer = [...older, extended("2024-05-04T12:00:00Z", id(5))];
    expect(await storeRows(watched, user, "imp-4", "c0", newer, { stored })).toEqual({ accepted: 1, short: 0, duplicate: 3 });
    expect(sent).toEqual([1]);
    expect(await plays.count(user)).toBe(5);
    expect((await rollupsRepository(store).days(user)).map((day) => [day.bucket, day.plays])).toEqual([
      ["2024-05-01", 2],
      ["2024-05-02", 1],
      ["2024-05-03", 1],
      ["2024-05-04", 1],
    ]);
    // Everything known: nothing sent, the same counts as a batch of duplicates gives.
    expect(await storeRows(watched, user, "imp-5", "c0", older, { stored })).toEqual({ accepted: 0, short: 0, duplicate: 3 });
    expect(sent).toEqual([1]);
  });

  it("drops stored rows before making plays when nothing is minute-precision, a file's own repeats still counted", async () => {
    const store = await open();
    await ensureIndexes(store);
    const user = `u-${randomUUID().slice(0, 8)}`;
    const plays = playsRepository(store);
    const older = [extended("2024-06-01T10:00:00Z", id(1)), extended("2024-06-01T10:05:00.700Z", id(2))];
    await storeRows(store, user, "imp-1", "c0", older);
    const before = (await plays.between(user, {})).map((play) => play._id).sort();
    const stored = await storedPlayKeys(store, user);
    // The stored rows again (one with other milliseconds: the same second), a new row twice.
    const fresh = extended("2024-06-02T08:00:00Z", id(3));
    const newer = [{ ...older[1]!, endedAt: "2024-06-01T10:05:00.200Z" }, older[0]!, fresh, { ...fresh }];
    expect(await storeRows(store, user, "imp-2", "c0", newer, { stored })).toEqual({ accepted: 1, short: 0, duplicate: 3 });
    const after = await plays.between(user, {});
    expect(after).toHaveLength(3);
    expect(after.map((play) => play._id).filter((playId) => before.includes(playId))).toHaveLength(2);
    expect((await rollupsRepository(store).days(user)).map((day) => [day.bucket, day.plays])).toEqual([
      ["2024-06-01", 2],
      ["2024-06-02", 1],
    ]);
  });
});
