import { spawn, type ChildProcess } from "node:child_process";
import {
  appendFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  utimesSync,
  writeFileSync,
  writeSync,
} from "node:fs";
import { hostname, tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { EmbeddedStoreError } from "../errors";
import type { PlayDocument } from "../schema";
import { ensureIndexes } from "../store";
import { EmbeddedStore } from "./store";

const dirs: string[] = [];
const children: ChildProcess[] = [];

function freshDir() {
  const dir = mkdtempSync(join(tmpdir(), "echotune-embedded-"));
  dirs.push(dir);
  return dir;
}

afterEach(() => {
  for (const child of children.splice(0)) child.kill("SIGKILL");
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** Runs lib/db/testing/embedded-writer.ts in its own Node process, as a second server would. */
function startWriter(dataDir: string, mode: "write" | "hold") {
  const child = spawn(process.execPath, ["--import", "./scripts/register.ts", "lib/db/testing/embedded-writer.ts", dataDir, mode], {
    stdio: ["ignore", "pipe", "pipe"],
  });
  children.push(child);
  let stderr = "";
  child.stderr?.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  const lines: string[] = [];
  const waiters: Array<{ predicate: (line: string) => boolean; resolve: () => void }> = [];
  let buffered = "";
  child.stdout?.on("data", (chunk: Buffer) => {
    buffered += chunk.toString();
    const parts = buffered.split("\n");
    buffered = parts.pop() ?? "";
    for (const line of parts) {
      lines.push(line);
      for (const waiter of waiters.splice(0)) {
        if (waiter.predicate(line)) waiter.resolve();
        else waiters.push(waiter);
      }
    }
  });
  const waitFor = (predicate: (line: string) => boolean, timeoutMs = 20_000) =>
    new Promise<void>((resolve, reject) => {
      if (lines.some(predicate)) return resolve();
      const timer = setTimeout(() => reject(new Error(`writer did not print the expected line; stderr:\n${stderr}`)), timeoutMs);
      waiters.push({ predicate, resolve: () => (clearTimeout(timer), resolve()) });
      child.once("exit", (code) => reject(new Error(`writer exited (${code}); stderr:\n${stderr}`)));
    });
  return { child, lines, waitFor };
}

const killed = (child: ChildProcess) =>
  new Promise<void>((resolve) => (child.exitCode !== null || child.signalCode ? resolve() : child.once("exit", () => resolve())));

describe("embedded store persistence", () => {
  it("keeps documents and indexes across a restart", async () => {
    const dir = freshDir();
    const first = new EmbeddedStore(dir);
    const songs = first.collection<{ _id: string; title: string; plays: number; at: Date }>("songs");
    await songs.createIndex({ name: "songs_unique_title", key: { title: 1 }, unique: true });
    await songs.insertMany([
      { _id: "1", title: "Svefn-g-englar", plays: 1, at: new Date("1999-01-01T00:00:00Z") },
      { _id: "2", title: "Hoppípolla", plays: 1, at: new Date("2005-01-01T00:00:00Z") },
      { _id: "3", title: "Glósóli", plays: 1, at: new Date("2005-01-01T00:00:00Z") },
    ]);
    await songs.updateOne({ _id: "2" }, { $inc: { plays: 41 } });
    await songs.deleteOne({ _id: "3" });
    await first.close();
    expect(existsSync(join(dir, "store", "LOCK"))).toBe(false);

    const second = new EmbeddedStore(dir);
    const reopened = second.collection<{ _id: string; title: string; plays: number; at: Date }>("songs");
    expect(await reopened.find({}, { sort: { _id: 1 } })).toEqual([
      { _id: "1", title: "Svefn-g-englar", plays: 1, at: new Date("1999-01-01T00:00:00Z") },
      { _id: "2", title: "Hoppípolla", plays: 42, at: new Date("2005-01-01T00:00:00Z") },
    ]);
    await expect(reopened.insertOne({ _id: "9", title: "Hoppípolla", plays: 0, at: new Date() })).rejects.toThrow(/songs_unique_title/);
    await second.close();
  });

  it("indexes a batch of new documents as it indexes them one at a time", async () => {
    type Play = { _id: string; userId: string; playedAt: Date; title: string };
    const dir = freshDir();
    const store = new EmbeddedStore(dir);
    const plays = store.collection<Play>("plays");
    await plays.createIndex({ name: "by_time", key: { userId: 1, playedAt: -1 } });
    await plays.createIndex({ name: "unique_title", key: { userId: 1, title: 1 }, unique: true });
    const play = (id: number, userId: string): Play => ({
      _id: `p${id}`,
      userId,
      playedAt: new Date(Date.UTC(2024, 0, 1, 0, id)),
      title: `t${id}`,
    });
    await plays.insertMany([play(5, "u1"), play(1, "u2")]);
    // Sorted buckets exist now: a later batch must join them, whatever order its listeners come in.
    expect((await plays.find({ userId: "u1" }, { sort: { playedAt: -1 } })).map((each) => each._id)).toEqual(["p5"]);
    const batch = [play(3, "u1"), play(9, "u2"), play(7, "u1"), play(2, "u3"), play(8, "u1"), play(4, "u2")];
    expect(await plays.insertMany(batch)).toEqual({ insertedCount: 6, duplicateIndexes: [] });

    const ids = async (userId: string) => (await plays.find({ userId }, { sort: { playedAt: -1 } })).map((each) => each._id);
    expect(await ids("u1")).toEqual(["p8", "p7", "p5", "p3"]);
    expect(await ids("u2")).toEqual(["p9", "p4", "p1"]);
    expect(await ids("u3")).toEqual(["p2"]);
    expect(await plays.countDocuments({ userId: "u1" })).toBe(4);
    const range = { $gte: new Date(Date.UTC(2024, 0, 1, 0, 4)), $lt: new Date(Date.UTC(2024, 0, 1, 0, 9)) };
    expect((await plays.find({ userId: "u1", playedAt: range }, { sort: { playedAt: 1 } })).map((each) => each._id)).toEqual([
      "p5",
      "p7",
      "p8",
    ]);
    // The unique index knows every document of the batch.
    await expect(plays.insertOne({ ...play(10, "u1"), title: "t7" })).rejects.toThrow(/unique_title/);
    expect(await plays.insertMany([{ ...play(11, "u2"), title: "t4" }, play(12, "u2")])).toEqual({
      insertedCount: 1,
      duplicateIndexes: [0],
    });
    await plays.deleteOne({ _id: "p7" });
    expect(await ids("u1")).toEqual(["p8", "p5", "p3"]);
    await plays.insertOne({ ...play(13, "u1"), title: "t7" });
    await store.close();
  });

  it("compacts the journal into a snapshot without losing anything", async () => {
    const dir = freshDir();
    const store = new EmbeddedStore(dir);
    const items = store.collection<{ _id: string; n: number }>("items");
    await items.insertMany(Array.from({ length: 1_000 }, (_, index) => ({ _id: `i${index}`, n: index })));
    store.compact();
    await items.updateMany({ n: { $lt: 10 } }, { $inc: { n: 1_000 } });
    await store.close();
    expect(readdirSync(join(dir, "store")).sort()).toEqual(["journal-1.jsonl", "snapshot.jsonl"]);

    const reopened = new EmbeddedStore(dir);
    expect(await reopened.collection("items").countDocuments()).toBe(1_000);
    expect(await reopened.collection("items").countDocuments({ n: { $gte: 1_000 } })).toBe(10);
    await reopened.close();
  });

  it("opens a snapshot and journal written before batches became tables, and writes tables itself", async () => {
    const dir = freshDir();
    const folder = join(dir, "store");
    mkdirSync(folder, { recursive: true });
    // Lines as the store wrote them when every put and bulk held a plain list of documents.
    writeFileSync(
      join(folder, "snapshot.jsonl"),
      [
        '{"t":"snapshot","gen":3,"at":"2026-01-01T00:00:00.000Z"}',
        '{"t":"idx","c":"plays","spec":{"name":"plays_user_time","key":{"userId":1,"playedAt":1}}}',
        '{"t":"put","c":"plays","d":[{"_id":"a","userId":"u","playedAt":{"$date":1000},"importId":"i"},{"_id":"b","userId":"u","playedAt":{"$date":2000},"importId":"i"}]}',
      ].join("\n") + "\n",
    );
    writeFileSync(
      join(folder, "journal-3.jsonl"),
      [
        '{"t":"put","c":"plays","d":[{"_id":"c","userId":"u","playedAt":{"$date":3000},"importId":"i"},{"_id":"d","userId":"u","playedAt":{"$date":4000},"importId":"i"}]}',
        '{"t":"bulk","c":"plays","del":["a"],"d":[{"_id":"e","userId":"u","playedAt":{"$date":5000},"importId":"j"},{"_id":"f","userId":"u","playedAt":{"$date":6000},"importId":"j"}]}',
      ].join("\n") + "\n",
    );
    const old = new EmbeddedStore(dir);
    const plays = old.collection<{ _id: string; userId: string; playedAt: Date; importId: string }>("plays");
    const expected = ["b", "c", "d", "e", "f"].map((id, index) => ({
      _id: id,
      userId: "u",
      playedAt: new Date((index + 2) * 1000),
      importId: index < 3 ? "i" : "j",
    }));
    expect(await plays.find({ userId: "u" }, { sort: { playedAt: 1 } })).toEqual(expected);
    await plays.insertMany([
      { _id: "g", userId: "u", playedAt: new Date(7000), importId: "k" },
      { _id: "h", userId: "u", playedAt: new Date(8000), importId: "k" },
    ]);
    await old.close();
    const written = readFileSync(join(folder, "journal-3.jsonl"), "utf8").trim().split("\n").at(-1) ?? "";
    expect(JSON.parse(written)).toMatchObject({ t: "put", c: "plays", tab: { keys: ["_id", "userId", "playedAt", "importId"] } });

    const reopened = new EmbeddedStore(dir);
    const after = await reopened.collection("plays").find({ userId: "u" }, { sort: { playedAt: 1 } });
    expect(after).toEqual([
      ...expected,
      { _id: "g", userId: "u", playedAt: new Date(7000), importId: "k" },
      { _id: "h", userId: "u", playedAt: new Date(8000), importId: "k" },
    ]);
    reopened.compact();
    await reopened.close();
    const again = new EmbeddedStore(dir);
    expect(await again.collection("plays").find({ userId: "u" }, { sort: { playedAt: 1 } })).toEqual(after);
    await again.close();
  });

  it("cuts a torn last line left by a crash and keeps working", async () => {
    const dir = freshDir();
    const store = new EmbeddedStore(dir);
    await store.collection("items").insertOne({ _id: "kept" });
    await store.close();
    appendFileSync(join(dir, "store", "journal-0.jsonl"), '{"t":"put","c":"items","d":[{"_id":"torn","title":"hal');

    const reopened = new EmbeddedStore(dir);
    expect(reopened.repairedLines).toBe(1);
    expect((await reopened.collection("items").find({})).map((item) => item._id)).toEqual(["kept"]);
    await reopened.collection("items").insertOne({ _id: "after" });
    await reopened.close();

    const again = new EmbeddedStore(dir);
    expect(again.repairedLines).toBe(0);
    expect((await again.collection("items").find({}, { sort: { _id: 1 } })).map((item) => item._id)).toEqual(["after", "kept"]);
    await again.close();
  });

  it("refuses a journal corrupted in the middle, saying what to do", async () => {
    const dir = freshDir();
    const store = new EmbeddedStore(dir);
    await store.collection("items").insertOne({ _id: "a" });
    await store.collection("items").insertOne({ _id: "b" });
    await store.close();
    const path = join(dir, "store", "journal-0.jsonl");
    const [first = "", second = ""] = readFileSync(path, "utf8").split("\n");
    writeFileSync(path, `${first}\n{garbage\n${second}\n`);
    expect(() => new EmbeddedStore(dir)).toThrow(/line 2 is corrupt.*Move the folder aside/);
  });

  it("refuses one aggregation the FerretDB v1 subset cannot run", async () => {
    const store = new EmbeddedStore(freshDir());
    const items = store.collection("items");
    await expect(items.aggregate([{ $lookup: { from: "x", localField: "a", foreignField: "b", as: "c" } }])).rejects.toThrow(
      /\$lookup is not supported/,
    );
    await expect(items.aggregate([{ $group: { _id: "$a", n: { $sum: 1 }, m: { $sum: "$b" } } }])).rejects.toThrow(/one accumulator/);
    await expect(items.aggregate([{ $group: { _id: "$a", n: { $avg: "$b" } } }])).rejects.toThrow(/only \$sum/);
    await expect(items.aggregate([{ $project: { name: "$_id" } }])).rejects.toThrow(/must be 0 or 1/);
    await expect(items.updateOne({ _id: "x" }, { $rename: { a: "b" } } as never)).rejects.toThrow(/\$rename is not supported/);
    await store.close();
  });
});

describe("embedded store: one process at a time", () => {
  it("tells a second process who holds the store, and takes over once it is gone", async () => {
    const dir = freshDir();
    const holder = startWriter(dir, "hold");
    await holder.waitFor((line) => line === "open");
    expect(() => new EmbeddedStore(dir)).toThrow(EmbeddedStoreError);
    expect(() => new EmbeddedStore(dir)).toThrow(new RegExp(`in use by another process \\(pid ${holder.child.pid}\\).*DATA_DIR`));

    holder.child.kill("SIGKILL");
    await killed(holder.child);
    const store = new EmbeddedStore(dir);
    await store.close();
  });
});

describe("embedded store: SIGKILL mid-batch", () => {
  it("loads after a kill at an arbitrary moment with only whole batches and whole documents", async () => {
    const dir = freshDir();
    const writer = startWriter(dir, "write");
    // Let a few batches land, then kill at a moment that falls inside a later write.
    await writer.waitFor((line) => line === "batch 3");
    await new Promise((resolve) => setTimeout(resolve, 25 + Math.floor(Math.random() * 40)));
    writer.child.kill("SIGKILL");
    await killed(writer.child);
    const reported = writer.lines.filter((line) => line.startsWith("batch ")).length;

    const store = new EmbeddedStore(dir);
    await ensureIndexes(store);
    const plays = store.collection<PlayDocument>("plays");
    const count = await plays.countDocuments();
    // Every batch the writer reported as done survived; at most the one in flight is missing.
    expect(count % 500).toBe(0);
    expect(count / 500).toBeGreaterThanOrEqual(reported);
    expect(count / 500).toBeLessThanOrEqual(reported + 1);
    for (const play of await plays.find({ userId: "crash-test" })) {
      expect(play.playedAt).toBeInstanceOf(Date);
      expect(play.trackName).toMatch(/^Track \d+-\d+ x{200}$/);
      expect(typeof play.msPlayed).toBe("number");
      expect(play.importId).toMatch(/^batch-\d+$/);
    }
    // The batches in the store are exactly 0..n-1, none half-written.
    const batches = await plays.aggregate<{ _id: string; n: number }>([{ $group: { _id: "$importId", n: { $sum: 1 } } }]);
    expect(batches.every((batch) => batch.n === 500)).toBe(true);
    await store.close();
  });
});

describe("embedded store durability under concurrent and failing writes", () => {
  interface Note {
    _id: string;
    chat: string;
    text: string;
  }

  it("keeps every document of concurrent bulk writes after a restart", async () => {
    const dir = freshDir();
    const store = new EmbeddedStore(dir);
    const notes = store.collection<Note>("notes");
    // Forty callers at once, as forty chat tails saved together: none may lose another's record.
    await Promise.all(
      Array.from({ length: 40 }, (_, index) =>
        notes.bulkWrite([
          { insertOne: { document: { _id: `n${index}`, chat: `c${index % 2}`, text: "first" } } },
          { updateOne: { filter: { _id: `n${index}` }, update: { $set: { text: `note ${index}` } } } },
        ]),
      ),
    );
    expect(await notes.countDocuments()).toBe(40);
    await store.close();

    const reopened = new EmbeddedStore(dir);
    const after = await reopened.collection<Note>("notes").find({}, { sort: { _id: 1 } });
    expect(after).toHaveLength(40);
    expect(after.every((note) => note.text === `note ${note._id.slice(1)}`)).toBe(true);
    await reopened.close();
  });

  it("keeps MongoDB's ordered semantics: writes before a failing operation stay, in memory and on disk", async () => {
    const dir = freshDir();
    const store = new EmbeddedStore(dir);
    const notes = store.collection<Note>("notes");
    await expect(
      notes.bulkWrite([
        { insertOne: { document: { _id: "kept", chat: "c", text: "a" } } },
        { updateOne: { filter: { _id: "kept" }, update: { $bogus: { text: 1 } } as never } },
      ]),
    ).rejects.toThrow();
    expect(await notes.countDocuments()).toBe(1);
    await store.close();
    const reopened = new EmbeddedStore(dir);
    expect(await reopened.collection<Note>("notes").countDocuments()).toBe(1);
    await reopened.close();
  });

  /** A write(2) that fails once, after putting half its bytes on disk, like a disk that fills up. */
  function fullDiskOnce() {
    let armed = false;
    return {
      arm: () => (armed = true),
      write: (fd: number, bytes: Uint8Array) => {
        if (!armed) return writeSync(fd, bytes);
        armed = false;
        writeSync(fd, bytes, 0, Math.floor(bytes.length / 2));
        throw Object.assign(new Error("ENOSPC: no space left on device, write"), { code: "ENOSPC" });
      },
    };
  }

  it("cuts a torn write back so the next acknowledged write survives a restart", async () => {
    const dir = freshDir();
    const disk = fullDiskOnce();
    const store = new EmbeddedStore(dir, { write: disk.write });
    const notes = store.collection<Note>("notes");
    await notes.insertOne({ _id: "before", chat: "c", text: "saved" });

    disk.arm();
    const failure = await notes.insertOne({ _id: "lost", chat: "c", text: "not saved" }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(EmbeddedStoreError);
    expect((failure as Error).message).toMatch(/ENOSPC.*not saved.*disk is full/);
    expect(await notes.findOne({ _id: "lost" })).toBeNull();

    disk.arm();
    await expect(
      notes.bulkWrite([
        { insertOne: { document: { _id: "bulk-lost", chat: "c", text: "x" } } },
        { deleteOne: { filter: { _id: "before" } } },
      ]),
    ).rejects.toBeInstanceOf(EmbeddedStoreError);
    // The failed bulk is undone in memory too: nothing unsaved is visible.
    expect((await notes.find({}, { sort: { _id: 1 } })).map((note) => note._id)).toEqual(["before"]);

    // So is a failed insertMany, whether the journal refuses its line or a document cannot be copied.
    disk.arm();
    await expect(
      notes.insertMany([
        { _id: "many-lost", chat: "c", text: "x" },
        { _id: "many-lost", chat: "c", text: "its duplicate" },
      ]),
    ).rejects.toBeInstanceOf(EmbeddedStoreError);
    const uncopyable = { _id: "no-copy", chat: "c", text: (() => "x") as unknown as string };
    await expect(notes.insertMany([{ _id: "copied", chat: "c", text: "x" }, uncopyable])).rejects.toThrow();
    expect((await notes.find({}, { sort: { _id: 1 } })).map((note) => note._id)).toEqual(["before"]);
    expect(await notes.countDocuments({ chat: "c" })).toBe(1);

    await notes.insertOne({ _id: "after", chat: "c", text: "saved" });
    await store.close();

    const reopened = new EmbeddedStore(dir);
    expect(reopened.repairedLines).toBe(0);
    expect((await reopened.collection<Note>("notes").find({}, { sort: { _id: 1 } })).map((note) => note._id)).toEqual(["after", "before"]);
    await reopened.close();
  });

  it("finishes short writes and keeps text outside Latin-1 exact, in lines of every size", async () => {
    const dir = freshDir();
    // A write(2) that takes at most 1,000 bytes at a time, as a file system under pressure may.
    const store = new EmbeddedStore(dir, { write: (fd, bytes) => writeSync(fd, bytes, 0, Math.min(bytes.length, 1_000)) });
    const notes = store.collection<Note>("notes");
    const texts = ["Ça ira — 東京", "🎧 ".repeat(5_000), "x".repeat(300_000), "é", 'Anthology 1988–2001 \u2028 "quoted"'];
    for (const [index, text] of texts.entries()) await notes.insertOne({ _id: `n${index}`, chat: "c", text });
    await notes.insertMany(texts.map((text, index) => ({ _id: `m${index}`, chat: "c", text })));
    await store.close();

    const reopened = new EmbeddedStore(dir);
    expect(reopened.repairedLines).toBe(0);
    const back = await reopened.collection<Note>("notes").find({}, { sort: { _id: 1 } });
    expect(back.map((note) => note.text)).toEqual([...texts, ...texts]);
    await reopened.close();
  });

  it("creates its files for the owner only and fsyncs each write with DATA_SYNC=fsync", async () => {
    const dir = freshDir();
    const store = new EmbeddedStore(dir, { sync: "fsync" });
    await store.collection<Note>("notes").insertOne({ _id: "n", chat: "c", text: "t" });
    store.compact();
    await store.collection<Note>("notes").insertOne({ _id: "m", chat: "c", text: "t" });
    for (const file of readdirSync(join(dir, "store"))) {
      expect({ file, mode: statSync(join(dir, "store", file)).mode & 0o777 }).toEqual({ file, mode: 0o600 });
    }
    await store.close();
    const reopened = new EmbeddedStore(dir);
    expect(await reopened.collection<Note>("notes").countDocuments()).toBe(2);
    await reopened.close();
  });
});

describe("embedded store lock: a lease with a heartbeat", () => {
  function writeLock(dir: string, holder: Record<string, unknown>, ageSeconds: number) {
    mkdirSync(join(dir, "store"), { recursive: true });
    const path = join(dir, "store", "LOCK");
    writeFileSync(path, JSON.stringify(holder));
    const at = new Date(Date.now() - ageSeconds * 1000);
    utimesSync(path, at, at);
  }

  it("never breaks a live lock held from another host, or by another container's process with our pid", async () => {
    const dir = freshDir();
    writeLock(dir, { pid: 12345, host: "another-host", token: "theirs" }, 1);
    expect(() => new EmbeddedStore(dir)).toThrow(/in use by another process \(pid 12345 on another-host\)/);
    writeLock(dir, { pid: process.pid, host: hostname(), token: "other-container" }, 1);
    expect(() => new EmbeddedStore(dir)).toThrow(new RegExp(`in use by another process \\(pid ${process.pid}\\)`));
  });

  it("takes over a lock whose lease ran out, and renews its own", async () => {
    const dir = freshDir();
    writeLock(dir, { pid: 12345, host: "another-host", token: "theirs" }, 60);
    const store = new EmbeddedStore(dir);
    const lock = join(dir, "store", "LOCK");
    expect(JSON.parse(readFileSync(lock, "utf8")).pid).toBe(process.pid);
    const old = new Date(Date.now() - 60_000);
    utimesSync(lock, old, old);
    await new Promise((resolve) => setTimeout(resolve, 2_500));
    expect(Date.now() - statSync(lock).mtimeMs).toBeLessThan(5_000);
    await store.close();
    expect(existsSync(lock)).toBe(false);
  });
});
