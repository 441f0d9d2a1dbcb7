/**
 * Crash-safe persistence for the embedded store: a snapshot plus an append-only journal.
 *
 * Every write operation appends one line (one JSON record) to `journal-<gen>.jsonl` with a single
 * write(2) before the change is visible in memory, so a process killed at any instant loses at most
 * the operation in flight: a torn last line is detected on load (a strict prefix of a JSON object
 * never parses) and cut off. Compaction writes `snapshot.tmp`, fsyncs it and renames it over
 * `snapshot.jsonl` (atomic), then starts the journal of the next generation; the snapshot names its
 * generation, so a crash at any step leaves a snapshot and journal that belong together.
 */
import {
  closeSync,
  existsSync,
  fdatasyncSync,
  fsyncSync,
  ftruncateSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  readSync,
  renameSync,
  rmSync,
  statSync,
  utimesSync,
  writeSync,
} from "node:fs";
import { randomUUID } from "node:crypto";
import { hostname } from "node:os";
import { join } from "node:path";
import { perProcess } from "@/lib/process-state";
import { EmbeddedStoreError } from "../errors";
import type { IndexSpec } from "../port";
import { decode, encode } from "./codec";
import { tabulate, untabulate, type Table } from "./table";

export type JournalRecord =
  | { t: "put"; c: string; d: Record<string, unknown>[] }
  | { t: "del"; c: string; ids: string[] }
  /** A bulk write: its deletions, then its puts, in one line. */
  | { t: "bulk"; c: string; del: string[]; d: Record<string, unknown>[] }
  | { t: "idx"; c: string; spec: IndexSpec };

/**
 * A record as a line holds it: the documents of a put or a bulk may be a table instead of a list
 * (see `table.ts`). Lines written before tables existed have only lists, and still load.
 */
type StoredRecord = JournalRecord | { t: "put"; c: string; tab: Table } | { t: "bulk"; c: string; del: string[]; tab: Table };

/** The line form of a record: its documents as a table when they make one. */
function toStored(record: JournalRecord): StoredRecord {
  if (record.t !== "put" && record.t !== "bulk") return record;
  const table = tabulate(record.d);
  if (!table) return record;
  return record.t === "put" ? { t: "put", c: record.c, tab: table } : { t: "bulk", c: record.c, del: record.del, tab: table };
}

function fromStored(record: StoredRecord): JournalRecord {
  if (!("tab" in record)) return record;
  return record.t === "put"
    ? { t: "put", c: record.c, d: untabulate(record.tab) }
    : { t: "bulk", c: record.c, del: record.del, d: untabulate(record.tab) };
}

interface SnapshotHeader {
  t: "snapshot";
  gen: number;
  at: string;
}

export interface LoadedState {
  collections: Map<string, { documents: Map<string, Record<string, unknown>>; indexes: IndexSpec[] }>;
  /** Lines cut from a torn journal tail (0 or 1 after a crash). */
  repairedLines: number;
}

const COMPACT_AFTER_BYTES = 256 * 1024 * 1024;
/** The lock's heartbeat, and how long a lock without one is still held to be alive. */
const HEARTBEAT_MS = 2_000;
const LEASE_MS = 15_000;

// One exit hook for every open journal: a process that ends without closing its store still
// leaves no lock behind.
const exitHook = perProcess("db.openJournals", () => ({ journals: new Set<Journal>(), installed: false }));
const openJournals = exitHook.journals;
function trackForExit(journal: Journal) {
  openJournals.add(journal);
  if (exitHook.installed) return;
  exitHook.installed = true;
  process.once("exit", () => {
    for (const each of openJournals) each.releaseLock();
  });
}

/** Makes a rename in `dir` durable: the directory entry itself is flushed. */
function syncDirectory(dir: string): void {
  const fd = openSync(dir, "r");
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

export interface JournalOptions {
  /**
   * "fsync": every append is flushed to the disk before it is acknowledged, and the folder after a
   * snapshot is renamed, so acknowledged writes survive a power loss, not only a killed process.
   */
  sync?: "none" | "fsync";
  /**
   * The write(2) the journal appends a record's bytes with (UTF-8, newline included), returning
   * the bytes written; tests pass one that fails like a full disk.
   */
  write?: (fd: number, bytes: Uint8Array) => number;
}

/**
 * The largest line the journal encodes into its reusable buffer (which is kept for the process's
 * life): a larger record gets a buffer of its own, freed with it.
 */
const MAX_SCRATCH_BYTES = 32 * 1024 * 1024;

export class Journal {
  readonly dir: string;
  private generation = 0;
  private fd: number | undefined;
  /** The journal's length after the last whole record: where a failed append is cut back to. */
  private bytes = 0;
  private snapshotBytes = 0;
  private readonly lockPath: string;
  private readonly sync: boolean;
  private readonly write: NonNullable<JournalOptions["write"]>;
  /** Where each record's UTF-8 bytes are put before the write (see `append`). */
  private scratch: Buffer = Buffer.allocUnsafe(0);
  /** Set when the journal could not be brought back to a whole record: every write is refused. */
  private broken: string | undefined;
  /** Names this process's lock: pids repeat across hosts and containers, tokens do not. */
  private readonly lockToken = randomUUID();
  private heartbeat: NodeJS.Timeout | undefined;

  constructor(dir: string, options: JournalOptions = {}) {
    this.dir = dir;
    this.lockPath = join(dir, "LOCK");
    this.sync = options.sync === "fsync";
    this.write = options.write ?? ((fd, bytes) => writeSync(fd, bytes));
  }

  /**
   * Takes the single-process lock, a lease kept fresh by a heartbeat (the lock file's mtime).
   * A lock is taken over only when it is certainly abandoned: its holder was a process on this
   * host that is gone, or its lease has not been renewed for LEASE_MS (the holder may be on
   * another host or in another container sharing the volume, where its pid means nothing here).
   * A live lock is never broken.
   */
  acquireLock(): void {
    mkdirSync(this.dir, { recursive: true, mode: 0o700 });
    for (let attempt = 0; attempt < 3; attempt += 1) {
      try {
        const fd = openSync(this.lockPath, "wx", 0o600);
        writeSync(fd, JSON.stringify({ pid: process.pid, host: hostname(), token: this.lockToken, since: new Date().toISOString() }));
        closeSync(fd);
        trackForExit(this);
        this.heartbeat = setInterval(() => this.renewLease(), HEARTBEAT_MS);
        this.heartbeat.unref();
        return;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
        const { text, holder, ageMs } = this.readLock();
        if (text === undefined) continue;
        const abandoned =
          ageMs > LEASE_MS ||
          // A process of this host that no longer runs (not us: in containers, pids repeat).
          (holder.host === hostname() && typeof holder.pid === "number" && holder.pid !== process.pid && !isAlive(holder.pid));
        if (!abandoned) {
          const who = holder.pid
            ? `another process (pid ${holder.pid}${holder.host && holder.host !== hostname() ? ` on ${holder.host}` : ""})`
            : "another process";
          throw new EmbeddedStoreError(
            `The embedded store in ${this.dir} is in use by ${who}. ` +
              "Only one process may open it: stop that process, point DATA_DIR at another folder, or set MONGODB_URI to use MongoDB. " +
              `A lock whose holder stopped without releasing it is taken over ${Math.round(LEASE_MS / 1000)} s after its last heartbeat.`,
          );
        }
        // Take over only the abandoned lock we read, not one another taker wrote meanwhile.
        if (this.readLock().text === text) rmSync(this.lockPath, { force: true });
      }
    }
    throw new EmbeddedStoreError(`Could not take the lock ${this.lockPath}: another process keeps taking it.`);
  }

  private readLock(): { text: string | undefined; holder: { pid?: number; host?: string; token?: string }; ageMs: number } {
    try {
      const text = readFileSync(this.lockPath, "utf8");
      const ageMs = Date.now() - statSync(this.lockPath).mtimeMs;
      try {
        return { text, holder: JSON.parse(text) as { pid?: number; host?: string; token?: string }, ageMs };
      } catch {
        // An empty or torn lock file: its writer died before finishing it, or is writing it now.
        return { text, holder: {}, ageMs };
      }
    } catch {
      return { text: undefined, holder: {}, ageMs: 0 };
    }
  }

  private ownsLock(): boolean {
    return this.readLock().holder.token === this.lockToken;
  }

  private renewLease(): void {
    try {
      if (this.ownsLock()) {
        const now = new Date();
        utimesSync(this.lockPath, now, now);
      }
    } catch {
      // A missed heartbeat is retried by the next one; the lease outlives several.
    }
  }

  releaseLock(): void {
    openJournals.delete(this);
    if (this.heartbeat) clearInterval(this.heartbeat);
    this.heartbeat = undefined;
    try {
      if (this.ownsLock()) rmSync(this.lockPath, { force: true });
    } catch {
      // Already gone.
    }
  }

  private journalPath(generation: number) {
    return join(this.dir, `journal-${generation}.jsonl`);
  }

  /** Reads the snapshot and replays the journal, repairing a torn tail. */
  load(): LoadedState {
    const state: LoadedState = { collections: new Map(), repairedLines: 0 };
    const collection = (name: string) => {
      let entry = state.collections.get(name);
      if (!entry) {
        entry = { documents: new Map(), indexes: [] };
        state.collections.set(name, entry);
      }
      return entry;
    };
    const apply = (record: JournalRecord) => {
      const entry = collection(record.c);
      if (record.t === "put") for (const document of record.d) entry.documents.set(String(document._id), document);
      else if (record.t === "del") for (const id of record.ids) entry.documents.delete(id);
      else if (record.t === "bulk") {
        for (const id of record.del) entry.documents.delete(id);
        for (const document of record.d) entry.documents.set(String(document._id), document);
      } else if (!entry.indexes.some((index) => index.name === record.spec.name)) entry.indexes.push(record.spec);
    };

    const snapshotPath = join(this.dir, "snapshot.jsonl");
    if (existsSync(snapshotPath)) {
      this.snapshotBytes = statSync(snapshotPath).size;
      const lines = readFileSync(snapshotPath, "utf8").split("\n");
      const header = decode<SnapshotHeader>(lines[0] ?? "");
      if (header.t !== "snapshot") throw new EmbeddedStoreError(`${snapshotPath} is not an EchoTune snapshot.`);
      this.generation = header.gen;
      for (let index = 1; index < lines.length; index += 1) {
        const line = lines[index];
        if (line) apply(fromStored(decode<StoredRecord>(line)));
      }
    }

    // Journals of older generations are leftovers of an interrupted compaction: already in the snapshot.
    for (const file of readdirSync(this.dir)) {
      const match = /^journal-(\d+)\.jsonl$/.exec(file);
      if (match && Number(match[1]) < this.generation) rmSync(join(this.dir, file), { force: true });
    }

    const path = this.journalPath(this.generation);
    if (existsSync(path)) {
      const text = readFileSync(path, "utf8");
      let offset = 0;
      let lineNumber = 0;
      while (offset < text.length) {
        const end = text.indexOf("\n", offset);
        const line = end === -1 ? text.slice(offset) : text.slice(offset, end);
        lineNumber += 1;
        const isLast = end === -1 || end === text.length - 1;
        try {
          if (line) apply(fromStored(decode<StoredRecord>(line)));
        } catch (error) {
          if (!isLast) {
            throw new EmbeddedStoreError(
              `${path} line ${lineNumber} is corrupt (${(error as Error).message}). ` +
                "Move the folder aside to start with an empty store, or restore it from a backup.",
              { cause: error },
            );
          }
          // A write torn by a crash: cut it off so the next append starts on a clean line.
          const fd = openSync(path, "r+");
          ftruncateSync(fd, Buffer.byteLength(text.slice(0, offset)));
          closeSync(fd);
          state.repairedLines += 1;
          break;
        }
        offset = end === -1 ? text.length : end + 1;
      }
    }
    this.openJournal();
    return state;
  }

  private openJournal() {
    const path = this.journalPath(this.generation);
    this.fd = openSync(path, "a", 0o600);
    this.bytes = statSync(path).size;
    if (this.bytes > 0) {
      // A complete record whose newline was lost: end the line so the next record starts clean.
      const last = Buffer.alloc(1);
      const reader = openSync(path, "r");
      readSync(reader, last, 0, 1, this.bytes - 1);
      closeSync(reader);
      if (last[0] !== 0x0a) this.bytes += writeSync(this.fd, "\n");
    }
  }

  /**
   * Appends one record; returns true when the journal has grown enough to compact. A write that
   * fails partway (a full disk) is cut back to the last whole record, so the next acknowledged
   * write starts a clean line; if even that fails, the store refuses every write until restart.
   */
  append(record: JournalRecord): boolean {
    if (this.fd === undefined) throw new EmbeddedStoreError("The embedded store is closed.");
    if (this.broken) throw new EmbeddedStoreError(this.broken);
    const bytes = this.lineBytes(encode(toStored(record)));
    const length = bytes.length;
    try {
      let written = this.write(this.fd, bytes);
      // A short write (rare on a file): the rest of the bytes, from where it stopped.
      while (written < length) written += writeSync(this.fd, bytes, written, length - written);
      if (this.sync) fdatasyncSync(this.fd);
    } catch (error) {
      const path = this.journalPath(this.generation);
      const code = (error as NodeJS.ErrnoException).code ?? "write error";
      try {
        ftruncateSync(this.fd, this.bytes);
      } catch (truncateError) {
        this.broken =
          `The embedded store's journal ${path} could not be repaired after a failed write (${(truncateError as NodeJS.ErrnoException).code ?? truncateError}). ` +
          "It refuses writes until the app restarts; free disk space first. Everything acknowledged before is safe.";
      }
      throw new EmbeddedStoreError(
        `Could not write to the embedded store's journal ${path} (${code}): this change was not saved. ` +
          (code === "ENOSPC" ? "The disk is full: free some space and retry." : "Check the folder's disk and permissions, then retry."),
        { cause: error },
      );
    }
    this.bytes += length;
    // Compacting once the journal outgrows the snapshot keeps the rewriting linear in what is written.
    return this.bytes > Math.max(COMPACT_AFTER_BYTES, this.snapshotBytes);
  }

  /**
   * A record's line as UTF-8 bytes, newline included. Encoded straight into a buffer reused from
   * record to record: no `text + "\n"` (a second string the encoder would first flatten) and no
   * Buffer.byteLength pass over it, which cost as much as the write itself once a title outside
   * Latin-1 made the line a two-byte string. The bytes are valid until the next call.
   */
  private lineBytes(text: string): Buffer {
    // UTF-8 takes at most 3 bytes per UTF-16 unit (a surrogate pair is 4 bytes for 2 units).
    const capacity = text.length * 3 + 1;
    if (capacity > MAX_SCRATCH_BYTES) return Buffer.from(`${text}\n`);
    if (this.scratch.length < capacity)
      this.scratch = Buffer.allocUnsafe(Math.max(capacity, Math.min(2 * this.scratch.length, MAX_SCRATCH_BYTES)));
    const length = this.scratch.write(text, 0);
    this.scratch[length] = 0x0a;
    return this.scratch.subarray(0, length + 1);
  }

  /** Writes a fresh snapshot of `state` and starts an empty journal of the next generation. */
  compact(collections: Iterable<[string, { documents: Iterable<Record<string, unknown>>; indexes: IndexSpec[] }]>): void {
    const next = this.generation + 1;
    const temporary = join(this.dir, "snapshot.tmp");
    const fd = openSync(temporary, "w", 0o600);
    try {
      const header: SnapshotHeader = { t: "snapshot", gen: next, at: new Date().toISOString() };
      let pending: string[] = [encode(header)];
      const flush = () => {
        if (pending.length === 0) return;
        writeSync(fd, `${pending.join("\n")}\n`);
        pending = [];
      };
      for (const [name, { documents, indexes }] of collections) {
        for (const spec of indexes) pending.push(encode({ t: "idx", c: name, spec } satisfies JournalRecord));
        let batch: Record<string, unknown>[] = [];
        for (const document of documents) {
          batch.push(document);
          if (batch.length === 500) {
            pending.push(encode(toStored({ t: "put", c: name, d: batch })));
            batch = [];
          }
        }
        if (batch.length > 0) pending.push(encode(toStored({ t: "put", c: name, d: batch })));
        if (pending.length > 64) flush();
      }
      flush();
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    this.snapshotBytes = statSync(temporary).size;
    renameSync(temporary, join(this.dir, "snapshot.jsonl"));
    if (this.sync) syncDirectory(this.dir);
    const previous = this.generation;
    this.generation = next;
    if (this.fd !== undefined) closeSync(this.fd);
    this.openJournal();
    rmSync(this.journalPath(previous), { force: true });
  }

  close(): void {
    if (this.fd !== undefined) {
      fsyncSync(this.fd);
      closeSync(this.fd);
      this.fd = undefined;
    }
    this.releaseLock();
  }
}
