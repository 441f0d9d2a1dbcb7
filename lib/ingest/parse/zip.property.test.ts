/**
 * The zip reader against generated archives: real exports, the same zips with a flipped byte, a
 * wrong CRC, a lying size or cut short, nested folders, wrong entries, bombs and bytes that are no
 * zip at all. It never throws, never hands over more text than its limits, and a bomb is refused
 * by those limits long before it could fill memory.
 */
import fc from "fast-check";
import { zipSync, type Zippable } from "fflate";
import { describe, expect, it } from "vitest";
import { propertyParameters } from "@/lib/http/testing/property";
import { extendedRowArb, rowJson } from "../testing/export-arbitraries";
import { parseExportEntry } from "./parse";
import { readExportZip, type ZipLimits } from "./zip";

const LIMITS: Required<ZipLimits> = { maxEntryBytes: 64 * 1024, maxTotalBytes: 160 * 1024 };
/** The reader pushes 2 KB at a time, and DEFLATE expands at most about 1,032 times. */
const MOST_PAST_LIMIT = 2 * 1024 * 1032;
const NOW = new Date("2026-01-01T00:00:00Z");
const encoder = new TextEncoder();

/**
 * Bombs, compressed once and reused by every case: 256 KB of zeros (about 300 bytes zipped) and
 * 8 MB of a short repeated pattern. The reader pushes 2 KB at a time, so the pattern keeps each
 * case's overshoot (and time) small; zip.test.ts has the 50 MB one.
 */
const BOMB_SIZES = [256 * 1024, 8 * 1024 * 1024];
const bombBytes = (size: number) => {
  const bytes = new Uint8Array(size);
  if (size > 1024 * 1024) for (let index = 0; index < size; index++) bytes[index] = (index * 7919) % 251;
  return bytes;
};

const FOLDER = "Spotify Extended Streaming History/";
const entryNameArb = fc.oneof(
  fc.constantFrom(
    `${FOLDER}Streaming_History_Audio_2019-2021_0.json`,
    `${FOLDER}Streaming_History_Video_2020.json`,
    `${FOLDER}ReadMeFirst_ExtendedStreamingHistory.pdf`,
    "MyData/StreamingHistory_music_0.json",
    "MyData/Userdata.json",
    "deep/er/and/deeper/still/endsong_3.json",
    "../../etc/passwd.json",
    "photo.png",
    "notes.txt",
    "__MACOSX/._Streaming_History_Audio_2023.json",
  ),
  fc.string({ unit: "grapheme", minLength: 1, maxLength: 20 }).map((name) => `${FOLDER}${name}.json`),
);

const contentArb = fc.oneof(
  fc.array(extendedRowArb, { maxLength: 2 }).map((rows) => `[${rows.map((entries) => rowJson({ entries, mutated: null })).join(",")}]`),
  fc.string({ maxLength: 100 }),
  fc.constant(""),
);

const archiveArb = fc
  .array(fc.record({ name: entryNameArb, content: contentArb, level: fc.constantFrom(0 as const, 6 as const) }), { maxLength: 3 })
  .map((entries) => {
    const files: Zippable = {};
    const contents = new Map<string, string>();
    for (const entry of entries) {
      files[entry.name] = [encoder.encode(entry.content), { level: entry.level }];
      contents.set(entry.name, entry.content);
    }
    return { contents, bytes: zipSync(files) };
  });

/** Offsets of every local file header in a zip that fflate wrote (no data descriptors). */
function localHeaders(bytes: Uint8Array): number[] {
  const offsets: number[] = [];
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (let offset = 0; offset + 30 <= bytes.length;) {
    if (view.getUint32(offset, true) !== 0x04034b50) break;
    offsets.push(offset);
    offset += 30 + view.getUint16(offset + 26, true) + view.getUint16(offset + 28, true) + view.getUint32(offset + 18, true);
  }
  return offsets;
}

/** Where the first local entry (header, name, extra field, data) of a zip ends. */
function entryEnd(bytes: Uint8Array): number {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return 30 + view.getUint16(26, true) + view.getUint16(28, true) + view.getUint32(18, true);
}

type Damage =
  | { kind: "flip"; at: number; bits: number }
  | { kind: "cut"; at: number }
  | { kind: "crc"; entry: number }
  | { kind: "size"; entry: number; size: number }
  | { kind: "prefix"; junk: Uint8Array };

const damageArb: fc.Arbitrary<Damage> = fc.oneof(
  fc.record({ kind: fc.constant("flip" as const), at: fc.nat(), bits: fc.integer({ min: 1, max: 255 }) }),
  fc.record({ kind: fc.constant("cut" as const), at: fc.nat() }),
  fc.record({ kind: fc.constant("crc" as const), entry: fc.nat() }),
  fc.record({ kind: fc.constant("size" as const), entry: fc.nat(), size: fc.constantFrom(0, 1, 0x7fffffff, 0xffffffff) }),
  fc.record({ kind: fc.constant("prefix" as const), junk: fc.uint8Array({ minLength: 1, maxLength: 16 }) }),
);

function damaged(bytes: Uint8Array, damage: Damage): Uint8Array {
  const copy = bytes.slice();
  const headers = localHeaders(copy);
  const view = new DataView(copy.buffer);
  switch (damage.kind) {
    case "flip":
      if (copy.length > 0) copy[damage.at % copy.length]! ^= damage.bits;
      return copy;
    case "cut":
      return copy.slice(0, copy.length === 0 ? 0 : damage.at % copy.length);
    case "crc": {
      const header = headers[damage.entry % Math.max(1, headers.length)];
      if (header !== undefined) view.setUint32(header + 14, view.getUint32(header + 14, true) ^ 0xdeadbeef, true);
      return copy;
    }
    case "size": {
      const header = headers[damage.entry % Math.max(1, headers.length)];
      if (header !== undefined) view.setUint32(header + 22, damage.size, true);
      return copy;
    }
    case "prefix":
      return new Uint8Array([...damage.junk, ...copy]);
  }
}

/** Whatever came out stays within the limits, and every entry parses to a typed result. */
function expectWithinLimits(entries: ReturnType<typeof readExportZip>) {
  let total = 0;
  for (const entry of entries) {
    expect(entry.text.length).toBeLessThanOrEqual(LIMITS.maxEntryBytes);
    total += entry.text.length;
    if (entry.tooLarge) expect(entry.text).toBe("");
    const parsed = parseExportEntry(entry, { now: NOW });
    expect(parsed.rows.length + Object.values(parsed.rejected).reduce((sum, count) => sum + count, 0)).toBe(parsed.rowsRead);
  }
  expect(total).toBeLessThanOrEqual(LIMITS.maxTotalBytes);
}

const baseName = (name: string) => name.split("/").pop() ?? name;
const wanted = (name: string) => /\.(json|pdf)$/i.test(name);

describe("the export zip reader, on generated archives", { timeout: 60_000 }, () => {
  const bombs = BOMB_SIZES.map((size) => zipSync({ [`${FOLDER}Streaming_History_Audio_2024.json`]: [bombBytes(size), { level: 9 }] }));

  it("reads every .json and .pdf entry of a sound zip, folders and all, and nothing else", () => {
    fc.assert(
      fc.property(archiveArb, ({ contents, bytes }) => {
        const entries = readExportZip("my_spotify_data.zip", bytes, LIMITS);
        expectWithinLimits(entries);
        const expected = [...contents]
          .filter(([name]) => wanted(name))
          .map(([name, content]) => ({ name: baseName(name), text: /\.json$/i.test(name) ? content : "" }));
        if (expected.length > 0) {
          expect(entries.map(({ name, text }) => ({ name, text }))).toEqual(expected);
        } else {
          expect(entries).toHaveLength(1);
          expect(entries[0]?.zip?.problem).toBe(contents.size === 0 ? "empty" : "no-export-files");
        }
      }),
      propertyParameters(),
    );
  });

  it("survives flipped bytes, wrong CRCs, lying sizes, cut-short and prefixed zips, and stays within its limits", () => {
    fc.assert(
      fc.property(archiveArb, damageArb, ({ bytes }, damage) => {
        expectWithinLimits(readExportZip("my_spotify_data.zip", damaged(bytes, damage), LIMITS));
      }),
      propertyParameters(),
    );
  });

  it("refuses a bomb by its limits, whatever size it declares, after inflating little more than the limit", () => {
    const bombArb = fc.record({
      bomb: fc.constantFrom(...bombs),
      declared: fc.constantFrom(undefined, 0, 1, 1_000, LIMITS.maxEntryBytes, 0xffffffff),
      archive: archiveArb,
    });
    fc.assert(
      fc.property(bombArb, ({ bomb, declared, archive }) => {
        // The bomb's entry first, then a whole archive: a streaming reader meets the bomb before the rest.
        const entry = bomb.subarray(0, entryEnd(bomb));
        const bytes = new Uint8Array(entry.length + archive.bytes.length);
        bytes.set(entry);
        bytes.set(archive.bytes, entry.length);
        if (declared !== undefined) new DataView(bytes.buffer).setUint32(22, declared, true);
        const entries = readExportZip("bomb.zip", bytes, LIMITS);
        expectWithinLimits(entries);
        const refused = entries[0];
        expect(refused?.name).toBe("Streaming_History_Audio_2024.json");
        expect(refused?.tooLarge, "a bomb was inflated").toBeDefined();
        const lied = declared !== undefined && declared <= LIMITS.maxEntryBytes;
        if (lied) expect(refused?.tooLarge?.bytes).toBeLessThanOrEqual(LIMITS.maxEntryBytes + MOST_PAST_LIMIT);
        else expect(refused?.tooLarge?.bytes).toBe(declared ?? BOMB_SIZES[bombs.indexOf(bomb)]);
      }),
      propertyParameters(),
    );
  });

  it("answers bytes that are no zip at all with one entry saying so", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        const entries = readExportZip("photo.zip", bytes, LIMITS);
        expectWithinLimits(entries);
        const isZip = bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b;
        if (!isZip)
          expect(entries).toEqual([
            { name: "photo.zip", text: "", zip: { problem: bytes.length === 0 ? "empty" : "not-a-zip", files: [] } },
          ]);
      }),
      propertyParameters(),
    );
  });
});
