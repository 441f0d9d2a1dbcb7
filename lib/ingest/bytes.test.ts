/**
 * `parseExportBytes` against the plain way (decode the UTF-8, then `parseExportFile`): the same
 * result for every file, whatever its bytes, and the fast way taken for the files exports are.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { generateListeningHistory, getDemoCatalog, writeExtendedHistory } from "@/lib/demo";
import { propertyParameters } from "@/lib/http/testing/property";
import { parseExportBytes, parsesAsLatin1 } from "./bytes";
import { parseExportFile } from "./parse";
import { ACCOUNT_KEYS, accountRowArb, EXTENDED_KEYS, extendedRowArb, fileTextArb, rowsArb } from "./testing/export-arbitraries";

// After any generated play, so none is turned away as from the future.
const now = new Date("2030-01-01T00:00:00Z");
const utf8 = (text: string) => new TextEncoder().encode(text);
const EXTENDED = "Streaming_History_Audio_2024_3.json";
const ACCOUNT = "StreamingHistory_music_0.json";

/** Both ways agree on these bytes. */
function expectSame(name: string, bytes: Uint8Array) {
  const plain = parseExportFile(name, Buffer.from(bytes).toString("utf8"), { now });
  expect(parseExportBytes(name, bytes, { now })).toEqual(plain);
  return plain;
}

const ROW_START = `{"ts":"2024-03-01T10:00:00Z","platform":"android","ms_played":215000,"conn_country":"DE","master_metadata_track_name":`;
const ROW_END =
  `,"master_metadata_album_artist_name":"Ärzte","master_metadata_album_album_name":"Album",` +
  `"spotify_track_uri":"spotify:track:4uLU6hMCjMI75M1A2tKUQC","reason_start":"trackdone","reason_end":"trackdone",` +
  `"shuffle":false,"skipped":false,"offline":false,"incognito_mode":false`;

/** One extended-history row whose track name is `title` as raw JSON text (already quoted and escaped). */
const rowWithTitle = (title: string, extra = "") => `${ROW_START}${title}${ROW_END}${extra}}`;

const bytesOf = (...parts: Array<string | number[]>) =>
  Uint8Array.from(parts.flatMap((part) => (typeof part === "string" ? [...utf8(part)] : part)));

/** A file of one row whose title's raw bytes are `title` (quotes included). */
const fileWithRawTitle = (...title: Array<string | number[]>) => bytesOf(`[${ROW_START}`, ...title, `${ROW_END}}]`);

describe("parseExportBytes", () => {
  it("reads a generated export's files the fast way, with the rows the text gives", () => {
    const files = writeExtendedHistory(generateListeningHistory({ seed: 8, plays: 2_000, years: 3 }), getDemoCatalog(8), {
      maxBytesPerFile: 500_000,
    });
    expect(files.length).toBeGreaterThan(1);
    let rows = 0;
    for (const file of files) {
      const bytes = utf8(file.content);
      // Titles outside ASCII, as every real history has.
      expect(bytes.some((byte) => byte > 0x7f)).toBe(true);
      expect(parsesAsLatin1(bytes)).toBe(true);
      rows += expectSame(file.name, bytes).rows.length;
    }
    expect(rows).toBeGreaterThan(1_500);
  });

  it("keeps titles in every script, emoji and combining marks byte for byte", () => {
    const titles = ["日本語の歌", "🎵 Dance 💃", "Ünïcødé", "שיר", "e\u0301te\u0301", "a\u00a0b", "x\u2028y", "😀".repeat(300)];
    const bytes = utf8(`\uFEFF[${titles.map((title) => rowWithTitle(JSON.stringify(title))).join(",\n")}]`);
    expect(parsesAsLatin1(bytes)).toBe(true);
    const file = expectSame(EXTENDED, bytes);
    expect(file.rows.map((row) => row.trackName)).toEqual(titles.map((title) => title.trim()));
  });

  it("turns broken UTF-8 inside a string into U+FFFD as decoding the whole file does", () => {
    for (const broken of [[0xff], [0xe2, 0x82], [0xc0, 0xaf], [0xf0, 0x9f, 0x98], [0xed, 0xa0, 0x80], [0x80, 0x80]]) {
      const bytes = fileWithRawTitle(`"x`, broken, `"`);
      expect(parsesAsLatin1(bytes)).toBe(true);
      const file = expectSame(EXTENDED, bytes);
      expect(file.rows[0]?.trackName).toMatch(/^x\uFFFD+$/);
    }
    // Next to escapes: an unfinished character before `\n` ends there, in both.
    // An escaped backslash before a "u" is no \u escape.
    const backslash = fileWithRawTitle(`"C:\\\\users é"`);
    expect(parsesAsLatin1(backslash)).toBe(true);
    expect(expectSame(EXTENDED, backslash).rows[0]?.trackName).toBe("C:\\users é");
    const escaped = fileWithRawTitle(`"a`, [0xc3], `\\n`, [0xc3, 0xa9], `\\"b"`);
    expect(parsesAsLatin1(escaped)).toBe(true);
    expect(expectSame(EXTENDED, escaped).rows[0]?.trackName).toBe('a\uFFFD\né"b');
  });

  it("leaves files it cannot read exactly that way to the text, with the same result", () => {
    const cases: Array<[string, Uint8Array]> = [
      // A \u escape: its character is not the file's bytes.
      ["escape", utf8(`[${rowWithTitle(`"caf\\u00e9 and café"`)}]`)],
      ["escape after an escaped backslash", utf8(`[${rowWithTitle(`"a\\\\\\u00e9 é"`)}]`)],
      // A key outside ASCII, and a __proto__ key whose value needs decoding.
      ["key", utf8(`[${rowWithTitle(`"t"`, `,"clé":"é"`)}]`)],
      ["proto", utf8(`[${rowWithTitle(`"t"`, `,"__proto__":"é"`)}]`)],
      // Broken JSON, with characters outside ASCII before the fault (the message counts characters).
      ["malformed", utf8(`[${rowWithTitle(`"日本語"`)},{"ts": ]`)],
      ["truncated", bytesOf(`\uFEFF[${rowWithTitle(`"日本語"`)},${ROW_START}"x`)],
      // A no-break space or a lone BOM byte before the list: not the preamble stripPreamble takes off.
      ["nbsp", bytesOf([0xc2, 0xa0], `[${rowWithTitle(`"é"`)}]`)],
      ["half bom", bytesOf([0xef, 0xbb], `[${rowWithTitle(`"é"`)}]`)],
      ["nothing", bytesOf([0xef, 0xbb, 0xbf, 0x00], " \n")],
    ];
    for (const [label, bytes] of cases) {
      expect(parsesAsLatin1(bytes), label).toBe(false);
      expectSame(EXTENDED, bytes);
    }
    // Files whose name or head says they hold no plays, and one too large to read.
    expectSame("ReadMeFirst_ExtendedStreamingHistory.pdf", utf8("%PDF-1.4 é"));
    expectSame("Userdata.json", utf8(`{"username": "ünïcødé"}`));
    expectSame(EXTENDED, utf8(`{"name": "é"}`));
    const big = utf8(`[${rowWithTitle(`"é"`)}]`);
    expect(parseExportBytes(EXTENDED, big, { now, maxBytes: 100 })).toEqual(
      parseExportFile(EXTENDED, Buffer.from(big).toString("utf8"), { now, maxBytes: 100 }),
    );
  });

  it("agrees with the text on generated files of both formats, damaged ones included", () => {
    const files = fc.oneof(
      fc.record({ name: fc.constant(EXTENDED), file: fileTextArb(rowsArb(extendedRowArb, EXTENDED_KEYS)) }),
      fc.record({ name: fc.constant(ACCOUNT), file: fileTextArb(rowsArb(accountRowArb, ACCOUNT_KEYS)) }),
    );
    fc.assert(
      fc.property(files, ({ name, file }) => {
        expectSame(name, utf8(file.text));
      }),
      propertyParameters(),
    );
  });

  it("agrees with the text whatever bytes are put into a file", () => {
    const file = utf8(`\uFEFF[${rowWithTitle(`"Σκιά 🎵"`)},\n${rowWithTitle(`"plain"`)}]`);
    fc.assert(
      fc.property(
        fc.array(fc.record({ at: fc.nat({ max: file.length }), bytes: fc.uint8Array({ minLength: 1, maxLength: 4 }) }), {
          minLength: 1,
          maxLength: 3,
        }),
        (insertions) => {
          let bytes = file;
          for (const { at, bytes: inserted } of insertions)
            bytes = Uint8Array.from([...bytes.subarray(0, at), ...inserted, ...bytes.subarray(at)]);
          expectSame(EXTENDED, bytes);
        },
      ),
      propertyParameters(),
    );
  });
});
