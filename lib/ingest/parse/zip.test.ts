import { deflateSync, strToU8, UnzipInflate, zipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { parseExportEntry } from "./index";
import { readExportZip, readZipEntries, StoppableInflate } from "./zip";

/** 50 MB of spaces: about 50 KB zipped, the shape of a zip bomb. Made once. */
let made: Uint8Array | undefined;
function bomb(): Uint8Array {
  if (made) return made;
  const inflated = new Uint8Array(50_000_000);
  inflated.fill(0x20);
  made = zipSync(
    {
      "Spotify Extended Streaming History/Streaming_History_Audio_2020.json": inflated,
      "Spotify Extended Streaming History/ReadMeFirst.pdf": strToU8("%PDF"),
    },
    { level: 9 },
  );
  return made;
}

/** Rewrites the first entry's local header to claim `size` bytes, as a hostile zip would. */
function lieAboutSize(zip: Uint8Array, size: number): Uint8Array {
  const copy = zip.slice();
  const view = new DataView(copy.buffer);
  expect(view.getUint32(0, true)).toBe(0x04034b50);
  view.setUint32(22, size, true);
  return copy;
}

describe("reading an export zip", () => {
  it("reads .json entries as text and names the .pdf, without folders", () => {
    const zip = zipSync({
      "Spotify Account Data/StreamingHistory_music_0.json": strToU8('[{"endTime":"2024-01-01 10:00"}]'),
      "Spotify Account Data/Read Me First.pdf": strToU8("%PDF"),
      "Spotify Account Data/notes.txt": strToU8("x"),
    });
    expect(readZipEntries(zip)).toEqual([
      { name: "StreamingHistory_music_0.json", text: '[{"endTime":"2024-01-01 10:00"}]' },
      { name: "Read Me First.pdf", text: "" },
    ]);
  });

  it("does not inflate an entry whose declared size is over the limit", () => {
    const zip = bomb();
    const before = process.memoryUsage().arrayBuffers;
    const [entry, pdf] = readZipEntries(zip, { maxEntryBytes: 1_000_000 });
    expect(entry).toEqual({ name: "Streaming_History_Audio_2020.json", text: "", tooLarge: { bytes: 50_000_000, limit: 1_000_000 } });
    expect(pdf?.name).toBe("ReadMeFirst.pdf");
    expect(process.memoryUsage().arrayBuffers - before).toBeLessThan(5_000_000);
  });

  it("stops inflating at the limit when the header lies about the size", () => {
    const [entry] = readZipEntries(lieAboutSize(bomb(), 100), { maxEntryBytes: 1_000_000 });
    expect(entry?.text).toBe("");
    expect(entry?.tooLarge?.limit).toBe(1_000_000);
    // Inflating stopped within one chunk of the limit, not at 50 MB.
    expect(entry?.tooLarge?.bytes).toBeGreaterThan(1_000_000);
    expect(entry?.tooLarge?.bytes).toBeLessThan(1_000_000 + 9_000_000);
  });

  it("caps what the whole zip may inflate to", () => {
    const small = new Uint8Array(600_000).fill(0x20);
    const zip = zipSync({
      "a/Streaming_History_Audio_1.json": small,
      "a/Streaming_History_Audio_2.json": small,
      "a/Streaming_History_Audio_3.json": small,
    });
    const entries = readZipEntries(zip, { maxEntryBytes: 1_000_000, maxTotalBytes: 1_500_000 });
    expect(entries.map((entry) => entry.tooLarge === undefined)).toEqual([true, true, false]);
  });

  it("tells the listener an entry was too large, in the parser's words", () => {
    const [entry] = readZipEntries(bomb(), { maxEntryBytes: 1_000_000 });
    const parsed = parseExportEntry(entry!);
    expect(parsed.error?.code).toBe("too_large");
    expect(parsed.error?.message).toMatch(/Streaming_History_Audio_2020\.json is 50 MB, more than the 1 MB EchoTune reads from one file/);
    expect(parsed.rows).toEqual([]);
  });

  it("stands one entry for a zip with nothing to read, and the parser says why", () => {
    const parse = (bytes: Uint8Array) => readExportZip("my_spotify_data.zip", bytes).map((entry) => parseExportEntry(entry));

    for (const bytes of [new Uint8Array(0), zipSync({}), zipSync({ "Spotify Extended Streaming History/": new Uint8Array(0) })]) {
      const [empty, ...rest] = parse(bytes);
      expect(rest).toEqual([]);
      expect(empty).toMatchObject({ name: "my_spotify_data.zip", rows: [], rowsRead: 0, error: { code: "empty_file" } });
      expect(empty?.error?.message).toMatch(/^my_spotify_data\.zip is an empty zip: .*Export your data again from Spotify's privacy page/);
    }

    const [csv] = parse(strToU8("ts,track\n2024-01-01,Song\n"));
    expect(csv?.error?.code).toBe("not_a_zip");
    expect(csv?.error?.message).toMatch(/^my_spotify_data\.zip is not a zip archive/);

    const [other] = parse(zipSync({ "photos/cat.jpg": strToU8("x"), "notes.txt": strToU8("y"), "history.csv": strToU8("z") }));
    expect(other?.error).toBeUndefined();
    expect(other?.message).toMatch(
      /^my_spotify_data\.zip holds no files from a Spotify privacy export \(only cat\.jpg, notes\.txt, history\.csv\), so nothing was read from it\. .*Streaming_History_Audio_/,
    );

    // A zip with export files reads as before.
    const files = readExportZip("export.zip", zipSync({ "a/Streaming_History_Audio_2024.json": strToU8("[]"), "a/x.txt": strToU8("x") }));
    expect(files).toEqual([{ name: "Streaming_History_Audio_2024.json", text: "[]" }]);
  });
});

describe("StoppableInflate", () => {
  it("inflates until terminated, then skips the rest of the entry", () => {
    const deflated = deflateSync(new Uint8Array(1_000_000));
    const inflate = new StoppableInflate();
    let inflated = 0;
    inflate.ondata = (error, chunk) => {
      if (error) throw error;
      inflated += chunk.length;
    };
    inflate.push(deflated.subarray(0, 64), false);
    const before = inflated;
    expect(before).toBeGreaterThan(0);
    inflate.terminate();
    inflate.push(deflated.subarray(64), true);
    expect(inflated).toBe(before);
  });

  it("stops the reader inflating a bomb that lies about its size soon after its limit", () => {
    const zip = bomb();
    let compressedInflated = 0;
    const original = UnzipInflate.prototype.push;
    UnzipInflate.prototype.push = function (this: UnzipInflate, chunk: Uint8Array, final: boolean) {
      compressedInflated += chunk.length;
      original.call(this, chunk, final);
    };
    try {
      const [entry] = readZipEntries(lieAboutSize(zip, 100), { maxEntryBytes: 1_000_000 });
      expect(entry?.tooLarge?.limit).toBe(1_000_000);
    } finally {
      UnzipInflate.prototype.push = original;
    }
    // About 1 KB of DEFLATE makes the 1 MB limit; the other ~49 KB of the entry are never inflated.
    expect(compressedInflated).toBeGreaterThan(0);
    expect(compressedInflated).toBeLessThan(zip.length / 5);
  });
});
