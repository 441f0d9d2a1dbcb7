/**
 * The export parser against generated files of both formats: realistic rows, the same rows broken
 * one field at a time, truncated and garbage JSON. Whatever comes in, the parser answers with rows
 * the upload schema accepts, rejections that name the field at fault, and never a play that is not
 * in the file.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { propertyParameters } from "@/lib/http/testing/property";
import { importRowSchema } from "../rows";
import {
  ACCOUNT_KEYS,
  accountRowArb,
  EXTENDED_KEYS,
  extendedRowArb,
  fileTextArb,
  rowsArb,
  type GeneratedRow,
} from "../testing/export-arbitraries";
import { parseExportFile, type ParsedFile, type ParseErrorCode } from "./parse";

const NOW = new Date("2026-01-01T00:00:00Z");
const ERROR_CODES: ParseErrorCode[] = ["empty_file", "not_a_zip", "malformed_json", "truncated", "unknown_shape", "too_large"];
/** Reasons that come from one field of a row (the rest concern the row as a whole). */
const FIELD_REASONS = new Set([
  "invalid_value",
  "missing_fields",
  "malformed_timestamp",
  "future_timestamp",
  "podcast_episode",
  "audiobook",
]);

const sumRejected = (file: ParsedFile) => Object.values(file.rejected).reduce((sum, count) => sum + count, 0);

/** The play a row is, read the way JSON.parse reads the file (the last of a repeated key wins). */
function truthOf(row: GeneratedRow): Record<string, unknown> {
  const object: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
  for (const [key, value] of row.entries) object[key] = value;
  return object;
}

/** A field as the parser keeps it: strings trimmed, anything else as its JSON. */
const asKept = (value: unknown) => (typeof value === "string" ? value.trim() : JSON.stringify(value));

const samePlay = (a: { endedAt: string; trackName: string; artistName: string; msPlayed: number; trackId: string | null }) =>
  `${a.endedAt}|${a.trackId}|${a.trackName}|${a.artistName}|${a.msPlayed}`;

function expectWellFormed(file: ParsedFile) {
  if (file.error) {
    expect(ERROR_CODES).toContain(file.error.code);
    expect(file.error.message.length).toBeGreaterThan(0);
    expect(file.rows).toEqual([]);
  }
  expect(file.rows.length + sumRejected(file)).toBe(file.rowsRead);
  for (const row of file.rows) expect(importRowSchema.safeParse(row).success, JSON.stringify(row)).toBe(true);
}

function checkRows(
  format: "extended" | "account",
  rows: GeneratedRow[],
  file: ParsedFile,
  fields: { ended: string; track: string; artist: string; ms: string },
) {
  expectWellFormed(file);
  if (file.error) {
    // Only a file whose entries are all not plays may be refused as a whole.
    expect(file.error.code).toBe("unknown_shape");
    expect(rows.every((row) => row.mutated !== null)).toBe(true);
    return;
  }
  expect(file.rowsRead).toBe(rows.length);
  const truths = rows.map(truthOf);

  // Never a play that is not in the file: each kept row is one row of the file, read faithfully.
  const candidates = new Map<string, number>();
  truths.forEach((truth) => {
    const ended = typeof truth[fields.ended] === "string" ? (truth[fields.ended] as string) : "";
    // Account data: minutes, seconds tolerated.
    const iso = format === "account" ? `${ended.replace(" ", "T")}${ended.length === 16 ? ":00" : ""}Z` : ended;
    const ms = Date.parse(iso);
    if (Number.isNaN(ms)) return;
    const key = `${new Date(ms).toISOString()}|${asKept(truth[fields.track])}|${asKept(truth[fields.artist])}|${asKept(truth[fields.ms])}`;
    candidates.set(key, (candidates.get(key) ?? 0) + 1);
  });
  for (const row of file.rows) {
    const key = `${row.endedAt}|${row.trackName}|${row.artistName}|${row.msPlayed}`;
    const left = candidates.get(key) ?? 0;
    expect(left, `kept a play the file does not hold: ${key}`).toBeGreaterThan(0);
    candidates.set(key, left - 1);
    expect(row.kind).toBe(format);
  }

  // Every untouched row is kept (or is the exact repeat of a kept one).
  const kept = new Set(file.rows.map(samePlay));
  rows.forEach((row, index) => {
    if (row.mutated !== null) return;
    const truth = truths[index] as Record<string, unknown>;
    const uri = truth.spotify_track_uri;
    const play = samePlay({
      endedAt:
        format === "account"
          ? new Date(`${String(truth.endTime).replace(" ", "T")}:00Z`).toISOString()
          : new Date(String(truth.ts)).toISOString(),
      trackId: typeof uri === "string" ? uri.slice("spotify:track:".length) : null,
      trackName: asKept(truth[fields.track]),
      artistName: asKept(truth[fields.artist]),
      msPlayed: truth[fields.ms] as number,
    });
    expect(kept.has(play), `dropped a good row: ${play}`).toBe(true);
  });

  // A row broken in one field, and refused for it, is refused with that field's name.
  for (const sample of file.rejectedSamples) {
    const row = rows[sample.index] as GeneratedRow;
    // An exact repeat of a kept stream is refused whatever its fields.
    if (sample.reason === "duplicate_in_file") continue;
    expect(row.mutated, `refused a good row (${sample.reason} at ${sample.field})`).not.toBeNull();
    if (row.mutated === "(row)") {
      // A value that is not an object is refused as a whole; an object of other keys misses a field.
      const value = row.entries[0]?.[1];
      if (typeof value !== "object" || value === null || Array.isArray(value)) expect(sample.field).toBeNull();
    } else if (FIELD_REASONS.has(sample.reason)) {
      expect(sample.field).toBe(row.mutated);
    }
  }
}

describe("the export parser, on generated files", { timeout: 60_000 }, () => {
  it("extended streaming history: keeps every good row, names the field of every bad one, invents nothing", () => {
    fc.assert(
      fc.property(fileTextArb(rowsArb(extendedRowArb, EXTENDED_KEYS)), ({ rows, text }) => {
        const file = parseExportFile("Spotify Extended Streaming History/Streaming_History_Audio_2019-2021_3.json", text, { now: NOW });
        checkRows("extended", rows, file, {
          ended: "ts",
          track: "master_metadata_track_name",
          artist: "master_metadata_album_artist_name",
          ms: "ms_played",
        });
      }),
      propertyParameters(),
    );
  });

  it("account data: keeps every good row, names the field of every bad one, invents nothing", () => {
    fc.assert(
      fc.property(fileTextArb(rowsArb(accountRowArb, ACCOUNT_KEYS)), ({ rows, text }) => {
        const file = parseExportFile("MyData/StreamingHistory_music_0.json", text, { now: NOW });
        checkRows("account", rows, file, { ended: "endTime", track: "trackName", artist: "artistName", ms: "msPlayed" });
      }),
      propertyParameters(),
    );
  });

  it("a file cut short anywhere is reported as truncated, with no rows", () => {
    const fileArb = fc
      .oneof(fileTextArb(rowsArb(extendedRowArb, EXTENDED_KEYS, 4)), fileTextArb(rowsArb(accountRowArb, ACCOUNT_KEYS, 4)))
      .filter(({ rows }) => rows.length > 0)
      .chain(({ text }) => fc.record({ text: fc.constant(text), cut: fc.integer({ min: 1, max: text.length - 1 }) }));
    fc.assert(
      fc.property(fileArb, ({ text, cut }) => {
        const head = text.slice(0, cut);
        const file = parseExportFile("Streaming_History_Audio_2023.json", head, { now: NOW });
        expectWellFormed(file);
        // Only the BOM, NUL or whitespace before the list: nothing at all, not a list cut short.
        const expected = head.replace(/^[\uFEFF\u0000\s]+/, "") === "" ? "empty_file" : "truncated";
        expect(file.error?.code).toBe(expected);
      }),
      propertyParameters(),
    );
  });

  it("garbage of any kind, under any name, gets a typed error or a message, never an exception", () => {
    const garbageArb = fc.oneof(
      fc.string({ maxLength: 200 }),
      fc.string({ unit: "binary", maxLength: 200 }),
      fc.jsonValue({ maxDepth: 3 }).map((value) => JSON.stringify(value)),
      fc
        .tuple(fc.nat({ max: 200 }), fc.constantFrom('{"ip_addr":"81.2.69.142","a":nul}', "tru", '"x\u0001"', "]"))
        .map(([depth, tail]) => "[".repeat(depth) + tail),
      fc.uint8Array({ maxLength: 200 }).map((bytes) => new TextDecoder().decode(bytes)),
    );
    const textArb = fc.oneof(
      // Nested past the call stack (1 case in 25), where the engine's own error quotes the file.
      { weight: 1, arbitrary: fc.constant("[".repeat(20_000) + '{"ip_addr":"81.2.69.142","a":nul}') },
      { weight: 24, arbitrary: garbageArb },
    );
    const nameArb = fc.constantFrom(
      "Streaming_History_Audio_2023.json",
      "Streaming_History_Video_2023.json",
      "endsong_0.json",
      "StreamingHistory_podcast_0.json",
      "StreamingHistory0.json",
      "Userdata.json",
      "ReadMeFirst_ExtendedStreamingHistory.pdf",
      "renamed.json",
      "notes.txt",
      "",
    );
    fc.assert(
      fc.property(nameArb, textArb, (name, text) => {
        const file = parseExportFile(name, text, { now: NOW, maxBytes: 100_000 });
        expectWellFormed(file);
        if (file.error || file.message) expect(`${file.error?.message ?? ""}${file.message ?? ""}`).not.toMatch(/81\.2\.69/);
      }),
      propertyParameters(),
    );
  });
});
