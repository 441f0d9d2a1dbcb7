/**
 * The store contract: one suite, run against every adapter (embedded, and MongoDB through FerretDB),
 * so repositories can rely on the same behaviour everywhere.
 *
 * One file: it is one contract suite that both adapters must pass, case by case.
 */
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { DuplicateKeyError } from "../errors";
import type { Store, StoredDocument } from "../port";
import { feedbackRepository } from "../repositories/feedback";
import { importsRepository } from "../repositories/imports";
import { playsRepository, type NewPlay } from "../repositories/plays";
import { usersRepository } from "../repositories/users";
import { ensureIndexes } from "../store";

interface Song extends StoredDocument {
  artist: string;
  title: string;
  year: number;
  plays: number;
  tags: string[];
  releasedAt: Date;
  album: { name: string; tracks: number } | null;
  rating?: number;
}

const song = (id: string, artist: string, title: string, year: number, plays = 0, tags: string[] = []): Song => ({
  _id: id,
  artist,
  title,
  year,
  plays,
  tags,
  releasedAt: new Date(Date.UTC(year, 0, 1)),
  album: { name: `${title} (album)`, tracks: 10 },
});

/**
 * A play to store. Fixture keys unless given: the real identity rules (`trackKeyFor`, `nameKeyFor`)
 * are the listening layer's, above the store; these agree with them for plain ASCII names.
 */
export function play(overrides: Partial<NewPlay> & { playedAt: Date }): NewPlay {
  const trackId = overrides.trackId ?? null;
  const nameKey = `${overrides.artistName ?? "Artist"}|${overrides.trackName ?? "Song"}`.toLowerCase();
  return {
    trackKey: trackId ? `spotify:track:${trackId}` : nameKey,
    nameKey,
    trackId,
    trackName: "Song",
    artistName: "Artist",
    albumName: null,
    msPlayed: 180_000,
    skipped: false,
    reasonStart: "trackdone",
    reasonEnd: "trackdone",
    shuffle: false,
    platform: "android",
    source: "import",
    importId: null,
    ...overrides,
  };
}

/** `open` gives a fresh, empty store for each test; `label` names the backend in the output. */
export function describeStoreContract(label: string, open: () => Promise<Store>) {
  describe(`store contract: ${label}`, () => {
    let store: Store;
    const opened: Store[] = [];

    beforeEach(async () => {
      store = await open();
      opened.push(store);
    });

    afterAll(async () => {
      for (const each of opened) await each.close().catch(() => undefined);
    });

    const songs = () => store.collection<Song>("songs");

    it("round-trips documents with dates, nulls, nested objects and arrays", async () => {
      const original = { ...song("s1", "Björk", "Jóga", 1997, 3, ["art pop"]), album: null };
      await songs().insertOne(original);
      const found = await songs().findOne({ _id: "s1" });
      expect(found).toEqual(original);
      expect(found?.releasedAt).toBeInstanceOf(Date);
      expect(await songs().findOne({ _id: "missing" })).toBeNull();
    });

    it("refuses a duplicate _id or unique key with DuplicateKeyError", async () => {
      await songs().createIndex({ name: "songs_unique_title", key: { artist: 1, title: 1 }, unique: true });
      await songs().insertOne(song("a", "Air", "La femme d'argent", 1998));
      await expect(songs().insertOne(song("a", "Other", "Other", 2000))).rejects.toBeInstanceOf(DuplicateKeyError);
      await expect(songs().insertOne(song("b", "Air", "La femme d'argent", 1998))).rejects.toBeInstanceOf(DuplicateKeyError);
      expect(await songs().countDocuments()).toBe(1);
    });

    it("reports duplicate keys in insertMany per row and inserts the rest", async () => {
      await songs().createIndex({ name: "songs_unique_title", key: { artist: 1, title: 1 }, unique: true });
      await songs().insertOne(song("x", "Massive Attack", "Teardrop", 1998));
      const result = await songs().insertMany([
        song("1", "Massive Attack", "Angel", 1998),
        song("2", "Massive Attack", "Teardrop", 1998), // same key as an existing row
        song("3", "Portishead", "Roads", 1994),
        song("4", "Portishead", "Roads", 1994), // same key as row 3 of this batch
        song("1", "Tricky", "Hell Is Round the Corner", 1995), // same _id as row 1
        song("5", "Tricky", "Overcome", 1995),
      ]);
      expect(result).toEqual({ insertedCount: 3, duplicateIndexes: [1, 3, 4] });
      expect((await songs().find({}, { sort: { _id: 1 } })).map((each) => each._id)).toEqual(["1", "3", "5", "x"]);
      expect(await songs().insertMany([])).toEqual({ insertedCount: 0, duplicateIndexes: [] });
    });

    it("reports duplicates by their position in large batches too (sent as several commands)", async () => {
      const batch = Array.from({ length: 2_400 }, (_, index) => song(`big-${index}`, `Artist ${index}`, `Title ${index}`, 2000));
      await songs().insertMany([batch[5]!, batch[1_300]!, batch[2_399]!].map((each) => ({ ...each })));
      const result = await songs().insertMany(batch.map((each) => ({ ...each })));
      expect(result).toEqual({ insertedCount: 2_397, duplicateIndexes: [5, 1_300, 2_399] });
      expect(await songs().countDocuments()).toBe(2_400);
    });

    it("filters, sorts, skips, limits and projects like MongoDB", async () => {
      await songs().insertMany([
        song("1", "A", "one", 1990, 5, ["x"]),
        song("2", "B", "two", 2000, 9, ["x", "y"]),
        song("3", "A", "three", 2010, 9),
        song("4", "C", "four", 2020, 1, ["y"]),
      ]);
      const since2000 = await songs().find({ releasedAt: { $gte: new Date(Date.UTC(2000, 0, 1)) } }, { sort: { plays: -1, year: 1 } });
      expect(since2000.map((each) => each._id)).toEqual(["2", "3", "4"]);
      const page = await songs().find({ artist: { $in: ["A", "B", "C"] } }, { sort: { year: 1 }, skip: 1, limit: 2 });
      expect(page.map((each) => each._id)).toEqual(["2", "3"]);
      const projected = await songs().find({ tags: "y" }, { sort: { year: 1 }, projection: { title: 1 } });
      expect(projected).toEqual([
        { _id: "2", title: "two" },
        { _id: "4", title: "four" },
      ]);
      const excluded = await songs().findOne({ _id: "1" }, { projection: { album: 0, tags: 0, releasedAt: 0 } });
      expect(excluded).toEqual({ _id: "1", artist: "A", title: "one", year: 1990, plays: 5 });
      expect(await songs().countDocuments({ artist: "A" })).toBe(2);
      expect(await songs().countDocuments({ year: { $gt: 2005, $lt: 2030 }, artist: { $ne: "C" } })).toBe(1);
    });

    it("reads an _id list with other conditions, each document once, like MongoDB", async () => {
      await songs().insertMany([
        song("1", "A", "one", 1990),
        song("2", "B", "two", 2000),
        song("3", "A", "three", 2010),
        song("4", "A", "four", 2020),
      ]);
      const filter = { artist: "A", _id: { $in: ["4", "1", "2", "1", "missing"] } };
      expect((await songs().find(filter, { sort: { year: -1 } })).map((each) => each._id)).toEqual(["4", "1"]);
      expect(await songs().find(filter, { sort: { year: 1 }, skip: 1, projection: { title: 1 } })).toEqual([{ _id: "4", title: "four" }]);
      expect(await songs().countDocuments(filter)).toBe(2);
      expect(await songs().deleteMany({ artist: "B", _id: { $in: ["1", "2"] } })).toBe(1);
      expect((await songs().find({}, { sort: { _id: 1 } })).map((each) => each._id)).toEqual(["1", "3", "4"]);
    });

    it("answers ranges and latest-N through a compound index exactly as a scan would", async () => {
      await songs().createIndex({ name: "songs_by_artist_date", key: { artist: 1, releasedAt: -1 } });
      const years = [1990, 1991, 1991, 1995, 2000, 2004, 2010];
      await songs().insertMany(years.map((year, index) => song(`a${index}`, "A", `t${index}`, year, index)));
      await songs().insertMany([song("b1", "B", "x", 1995), { ...song("a-none", "A", "undated", 0), releasedAt: null as unknown as Date }]);
      const at = (year: number) => new Date(Date.UTC(year, 0, 1));
      const ids = (list: Song[]) => list.map((each) => each._id);
      expect(
        ids(await songs().find({ artist: "A", releasedAt: { $gte: at(1991), $lt: at(2004) } }, { sort: { releasedAt: 1, _id: 1 } })),
      ).toEqual(["a1", "a2", "a3", "a4"]);
      expect(ids(await songs().find({ artist: "A", releasedAt: { $gt: at(1991), $lte: at(2004) } }, { sort: { releasedAt: 1 } }))).toEqual([
        "a3",
        "a4",
        "a5",
      ]);
      expect(ids(await songs().find({ artist: "A", releasedAt: { $lt: at(1991) } }, { sort: { releasedAt: 1 } }))).toEqual(["a0"]);
      expect(ids(await songs().find({ artist: "A", releasedAt: { $type: "date" } }, { sort: { releasedAt: -1 }, limit: 2 }))).toEqual([
        "a6",
        "a5",
      ]);
      expect(ids(await songs().find({ artist: "A", plays: { $gte: 1 } }, { sort: { releasedAt: -1 }, skip: 1, limit: 3 }))).toEqual([
        "a5",
        "a4",
        "a3",
      ]);
      expect(
        await songs().find({ artist: "A", releasedAt: { $gte: at(2010) } }, { sort: { releasedAt: -1 }, projection: { title: 1 } }),
      ).toEqual([{ _id: "a6", title: "t6" }]);
      expect(await songs().countDocuments({ artist: "A", releasedAt: { $gte: at(1991), $lt: at(2001) } })).toBe(4);
      const sums = await songs().aggregate<{ _id: string; plays: number }>([
        { $match: { artist: "A", releasedAt: { $gte: at(1995) } } },
        { $group: { _id: "$artist", plays: { $sum: "$plays" } } },
      ]);
      expect(sums).toEqual([{ _id: "A", plays: 3 + 4 + 5 + 6 }]);
      // A write after a read is seen by the next read.
      await songs().insertOne(song("a7", "A", "t7", 2020, 7));
      await songs().updateOne({ _id: "a0" }, { $set: { releasedAt: at(2030) } });
      expect(ids(await songs().find({ artist: "A", releasedAt: { $gte: at(2010) } }, { sort: { releasedAt: -1 } }))).toEqual([
        "a0",
        "a7",
        "a6",
      ]);
    });

    it("applies $set, $inc, $push, $addToSet, $max, $min and $unset", async () => {
      await songs().insertOne({ ...song("1", "A", "one", 1990, 1, ["a"]), rating: 3 });
      const result = await songs().updateOne(
        { _id: "1" },
        { $set: { "album.tracks": 12 }, $inc: { plays: 2 }, $push: { tags: "b" }, $max: { year: 1995 }, $unset: { rating: "" } },
      );
      expect(result).toMatchObject({ matchedCount: 1, modifiedCount: 1, upsertedCount: 0 });
      await songs().updateOne({ _id: "1" }, { $addToSet: { tags: "a" }, $min: { plays: 2 } });
      const updated = await songs().findOne({ _id: "1" });
      expect(updated).toMatchObject({ plays: 2, tags: ["a", "b"], year: 1995, album: { tracks: 12 } });
      expect(updated).not.toHaveProperty("rating");
      expect(await songs().updateOne({ _id: "nope" }, { $set: { plays: 1 } })).toMatchObject({ matchedCount: 0, modifiedCount: 0 });
    });

    it("upserts from the filter's equalities and honours $setOnInsert only on insert", async () => {
      const first = await songs().updateOne(
        { _id: "u1", artist: "Nils Frahm" },
        { $inc: { plays: 1 }, $setOnInsert: { title: "Says", year: 2013 } },
        { upsert: true },
      );
      expect(first).toMatchObject({ matchedCount: 0, upsertedCount: 1, upsertedId: "u1" });
      await songs().updateOne(
        { _id: "u1", artist: "Nils Frahm" },
        { $inc: { plays: 1 }, $setOnInsert: { title: "Changed" } },
        { upsert: true },
      );
      expect(await songs().findOne({ _id: "u1" })).toEqual({ _id: "u1", artist: "Nils Frahm", title: "Says", year: 2013, plays: 2 });
    });

    it("leaves one document when concurrent upserts race for the same key", async () => {
      await songs().createIndex({ name: "songs_unique_title", key: { artist: 1, title: 1 }, unique: true });
      await Promise.all(
        Array.from({ length: 12 }, (_, index) =>
          songs().updateOne(
            { _id: "race", artist: "Burial", title: "Archangel" },
            { $inc: { plays: 1 }, $max: { year: 2000 + index } },
            { upsert: true },
          ),
        ),
      );
      const all = await songs().find({ artist: "Burial" });
      expect(all).toHaveLength(1);
      expect(all[0]).toMatchObject({ plays: 12, year: 2011 });
    });

    it("updates and deletes many, with counts", async () => {
      await songs().insertMany([song("1", "A", "one", 1990), song("2", "A", "two", 1991), song("3", "B", "three", 1992)]);
      expect(await songs().updateMany({ artist: "A" }, { $inc: { plays: 10 } })).toMatchObject({ matchedCount: 2, modifiedCount: 2 });
      expect(await songs().countDocuments({ plays: 10 })).toBe(2);
      expect(await songs().deleteOne({ artist: "A" })).toBe(1);
      expect(await songs().deleteMany({ year: { $gte: 1990 } })).toBe(2);
      expect(await songs().deleteMany({})).toBe(0);
    });

    it("aggregates with the FerretDB v1 subset: $match, $group/$sum, $sort, $skip, $limit, $project, $unwind, $count, $unset", async () => {
      await songs().insertMany([
        song("1", "A", "one", 1990, 5, ["x"]),
        song("2", "B", "two", 2000, 9, ["x", "y"]),
        song("3", "A", "three", 2010, 4, ["z"]),
        song("4", "C", "four", 2020, 1, []),
      ]);
      const byArtist = await songs().aggregate<{ _id: string; plays: number }>([
        { $match: { year: { $gte: 1990 } } },
        { $group: { _id: "$artist", plays: { $sum: "$plays" } } },
        { $sort: { plays: -1, _id: 1 } },
        { $skip: 1 },
        { $limit: 2 },
      ]);
      expect(byArtist).toEqual([
        { _id: "B", plays: 9 },
        { _id: "C", plays: 1 },
      ]);
      const songsPerArtist = await songs().aggregate<{ _id: string; songs: number }>([
        { $group: { _id: "$artist", songs: { $sum: 1 } } },
        { $sort: { _id: 1 } },
      ]);
      expect(songsPerArtist).toEqual([
        { _id: "A", songs: 2 },
        { _id: "B", songs: 1 },
        { _id: "C", songs: 1 },
      ]);
      const tags = await songs().aggregate<{ _id: string; n: number }>([
        { $unwind: "$tags" },
        { $group: { _id: "$tags", n: { $sum: 1 } } },
        { $sort: { _id: 1 } },
      ]);
      expect(tags).toEqual([
        { _id: "x", n: 2 },
        { _id: "y", n: 1 },
        { _id: "z", n: 1 },
      ]);
      expect(await songs().aggregate([{ $match: { artist: "A" } }, { $count: "total" }])).toEqual([{ total: 2 }]);
      const trimmed = await songs().aggregate([
        { $match: { _id: "4" } },
        { $unset: ["album", "tags", "releasedAt"] },
        { $project: { year: 1, title: 1 } },
      ]);
      expect(trimmed).toEqual([{ _id: "4", title: "four", year: 2020 }]);
    });

    it("runs bulk writes unordered, reporting duplicates by position", async () => {
      await songs().insertOne(song("1", "A", "one", 1990));
      const result = await songs().bulkWrite([
        { insertOne: { document: song("2", "B", "two", 2000) } },
        { insertOne: { document: song("1", "dup", "dup", 2000) } },
        { updateOne: { filter: { _id: "1" }, update: { $inc: { plays: 5 } } } },
        { updateOne: { filter: { _id: "9" }, update: { $set: { artist: "Z", title: "new", year: 2001, plays: 0 } }, upsert: true } },
        { deleteOne: { filter: { _id: "2" } } },
      ]);
      expect(result).toMatchObject({
        insertedCount: 1,
        matchedCount: 1,
        modifiedCount: 1,
        upsertedCount: 1,
        deletedCount: 1,
        duplicateIndexes: [1],
      });
      expect((await songs().find({}, { sort: { _id: 1 } })).map((each) => [each._id, each.plays])).toEqual([
        ["1", 5],
        ["9", 0],
      ]);
    });

    it("creates indexes idempotently and refuses a unique index the data violates", async () => {
      await songs().insertMany([song("1", "A", "same", 1990), song("2", "A", "same", 1991)]);
      await songs().createIndex({ name: "songs_by_year", key: { year: -1 } });
      await songs().createIndex({ name: "songs_by_year", key: { year: -1 } });
      await expect(songs().createIndex({ name: "songs_unique_title", key: { artist: 1, title: 1 }, unique: true })).rejects.toThrow();
    });

    describe("repositories", () => {
      beforeEach(async () => {
        await ensureIndexes(store);
      });

      it("plays: a stream is stored once, however often it is sent", async () => {
        const plays = playsRepository(store);
        const t = (minute: number) => new Date(Date.UTC(2019, 4, 1, 20, minute));
        const batch = [
          play({ playedAt: t(0), artistName: "Bonobo", trackName: "Kerala", trackId: "3tLzO" }),
          play({ playedAt: t(4), artistName: "Bonobo", trackName: "Cirrus" }),
          play({ playedAt: t(9), artistName: "Caribou", trackName: "Can't Do Without You", msPlayed: 400_000 }),
        ];
        expect(await plays.add("u1", batch)).toMatchObject({ inserted: 3, duplicateIndexes: [] });
        expect(await plays.add("u1", batch)).toMatchObject({ inserted: 0, duplicateIndexes: [0, 1, 2] });
        expect(await plays.add("u2", batch.slice(0, 1))).toMatchObject({ inserted: 1, duplicateIndexes: [] });
        expect(await plays.count("u1")).toBe(3);
        expect(await plays.count("u1", { from: t(1), to: t(9) })).toBe(1);
        expect((await plays.recent("u1", 2)).map((each) => each.trackName)).toEqual(["Can't Do Without You", "Cirrus"]);
        expect(await plays.topArtists("u1", {})).toEqual([
          { artistName: "Caribou", msPlayed: 400_000, plays: 1 },
          { artistName: "Bonobo", msPlayed: 360_000, plays: 2 },
        ]);
        expect(await plays.deleteAll("u1")).toBe(3);
      });

      it("imports: a replayed chunk adds nothing and another listener cannot see the job", async () => {
        const imports = importsRepository(store);
        const job = await imports.create("u1", [{ name: "Streaming_History_Audio_2019.json", kind: "extended", rows: 3 }]);
        const tally = {
          counts: { read: 3, accepted: 2, duplicate: 0, short: 0, rejected: 1 },
          rejectedReasons: { malformed_timestamp: 1 },
        };
        expect(await imports.applyChunk("u1", job._id, "chunk-0", tally)).toBe(true);
        expect(await imports.applyChunk("u1", job._id, "chunk-0", tally)).toBe(false);
        expect(await imports.applyChunk("u2", job._id, "chunk-1", tally)).toBe(false);
        const stored = await imports.get("u1", job._id);
        expect(stored).toMatchObject({ counts: tally.counts, rejectedReasons: { malformed_timestamp: 1 }, chunkIds: ["chunk-0"] });
        expect(await imports.get("u2", job._id)).toBeNull();
        expect(await imports.finish("u1", job._id, "completed")).toBe(true);
        expect(await imports.applyChunk("u1", job._id, "chunk-2", tally)).toBe(false);
        expect((await imports.list("u1")).map((each) => each.status)).toEqual(["completed"]);
      });

      it("feedback and users: one record per listener and item, upserted", async () => {
        const feedback = feedbackRepository(store);
        await Promise.all([feedback.set("u1", "track", "t1", "like"), feedback.set("u1", "track", "t1", "like")]);
        await feedback.set("u1", "track", "t1", "dislike");
        await feedback.set("u1", "artist", "a1", "like");
        expect((await feedback.list("u1")).map((each) => [each.target, each.itemId, each.kind]).sort()).toEqual([
          ["artist", "a1", "like"],
          ["track", "t1", "dislike"],
        ]);
        expect(await feedback.remove("u1", "track", "t1")).toBe(true);
        expect(await feedback.list("u1", { kind: "dislike" })).toEqual([]);

        const users = usersRepository(store);
        const [a, b] = await Promise.all([users.ensureDemoUser(), users.ensureDemoUser()]);
        expect(a._id).toBe("demo");
        expect(b.createdAt).toEqual(a.createdAt);
        expect(await users.updateSettings("demo", { timeZone: "Europe/Berlin" })).toBe(true);
        expect((await users.findById("demo"))?.settings).toMatchObject({ timeZone: "Europe/Berlin", listenThresholdMs: 30_000 });
      });
    });
  });
}
