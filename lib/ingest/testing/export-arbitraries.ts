/**
 * fast-check arbitraries for Spotify privacy exports: realistic rows of both formats, and the same
 * rows broken one field at a time in the ways real files and hostile uploads break them. Rows are
 * kept as ordered key/value entries and written as JSON by hand, so keys such as `__proto__` stay
 * plain keys and a key may appear twice, as they can in a file.
 */
import fc from "fast-check";

export type RowEntries = Array<[string, unknown]>;

/** One generated row: its entries, and which key was broken (null for an untouched row). */
export interface GeneratedRow {
  entries: RowEntries;
  mutated: string | null;
}

export const EXTENDED_KEYS = [
  "ts",
  "username",
  "platform",
  "ms_played",
  "conn_country",
  "ip_addr",
  "ip_addr_decrypted",
  "user_agent_decrypted",
  "master_metadata_track_name",
  "master_metadata_album_artist_name",
  "master_metadata_album_album_name",
  "spotify_track_uri",
  "episode_name",
  "episode_show_name",
  "spotify_episode_uri",
  "audiobook_title",
  "audiobook_uri",
  "audiobook_chapter_uri",
  "audiobook_chapter_title",
  "reason_start",
  "reason_end",
  "shuffle",
  "skipped",
  "offline",
  "offline_timestamp",
  "incognito_mode",
] as const;

export const ACCOUNT_KEYS = ["endTime", "artistName", "trackName", "msPlayed"] as const;

/** Keys no export has, some of them dangerous for code that copies keys onto objects. */
const HOSTILE_KEYS = ["__proto__", "constructor", "prototype", "toString", "hasOwnProperty", "valueOf", "", " ts", "TS"];

const BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".split("");
export const trackIdArb = fc.string({ unit: fc.constantFrom(...BASE62), minLength: 22, maxLength: 22 });

/** Names as they are: mostly plain, some in other scripts, with emoji, right-to-left or combining marks. */
export const nameArb = fc
  .oneof(
    {
      weight: 4,
      arbitrary: fc.constantFrom("Glass", "Esja", "Hania Rani", "Σκιά", "שיר השירים", "أغنية", "🎵 Dance 💃", "Ünïcødé", "日本語の歌"),
    },
    { weight: 2, arbitrary: fc.string({ minLength: 1, maxLength: 24 }) },
    { weight: 1, arbitrary: fc.string({ unit: "grapheme", minLength: 1, maxLength: 12 }) },
    { weight: 1, arbitrary: fc.string({ unit: "binary", minLength: 1, maxLength: 12 }) },
  )
  .filter((name) => name.trim().length > 0);

const PLATFORMS = ["android", "ios", "windows", "osx", "Android OS 12 API 32 (Google, Pixel 5)", "iOS 13.4 (iPhone11,8)", "web_player"];
const REASONS_START = ["trackdone", "fwdbtn", "clickrow", "playbtn", "appload", "remote", "backbtn", "trackerror", "unknown"];
const REASONS_END = ["endplay", "trackdone", "fwdbtn", "logout", "backbtn", "remote", "unexpected-exit-while-paused", "unexpected-exit"];

/** Ends of streams between 2012 and 2025, whole seconds, as the export writes them. */
const FIRST_MS = Date.UTC(2012, 0, 1);
const LAST_MS = Date.UTC(2025, 11, 31);
export const instantArb = fc.integer({ min: FIRST_MS / 1000, max: LAST_MS / 1000 }).map((seconds) => seconds * 1000);
const isoSeconds = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, "Z");
const minuteOf = (ms: number) => new Date(ms).toISOString().slice(0, 16).replace("T", " ");

const ipArb = fc.oneof(
  fc.ipV4(),
  fc.ipV4().map((ip) => ip.replace(/\d+$/, "x")),
  fc.ipV6(),
);

export const extendedRowArb: fc.Arbitrary<RowEntries> = fc
  .record({
    ended: instantArb,
    platform: fc.constantFrom(...PLATFORMS),
    msPlayed: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 600_000 })),
    country: fc.constantFrom("DE", "US", "BR", "JP", "ZZ"),
    ip: ipArb,
    older: fc.boolean(),
    track: nameArb,
    artist: nameArb,
    album: fc.option(nameArb),
    trackId: fc.option(trackIdArb, { freq: 8 }),
    reasonStart: fc.constantFrom(...REASONS_START),
    reasonEnd: fc.constantFrom(...REASONS_END),
    shuffle: fc.option(fc.boolean(), { freq: 6 }),
    skipped: fc.option(fc.boolean(), { freq: 6 }),
    offline: fc.option(fc.boolean(), { freq: 6 }),
    offlineTimestamp: fc.option(fc.oneof(fc.integer({ min: 1_300_000_000, max: 1_760_000_000 }), fc.constant(1_677_323_975_000))),
    incognito: fc.boolean(),
  })
  .map((row): RowEntries => [
    ["ts", isoSeconds(row.ended)],
    ...(row.older ? ([["username", "listener-7731"]] as RowEntries) : []),
    ["platform", row.platform],
    ["ms_played", row.msPlayed],
    ["conn_country", row.country],
    [row.older ? "ip_addr_decrypted" : "ip_addr", row.ip],
    ...(row.older ? ([["user_agent_decrypted", "unknown; Mozilla/5.0 (X11; Linux x86_64)"]] as RowEntries) : []),
    ["master_metadata_track_name", row.track],
    ["master_metadata_album_artist_name", row.artist],
    ["master_metadata_album_album_name", row.album],
    ["spotify_track_uri", row.trackId === null ? null : `spotify:track:${row.trackId}`],
    ["episode_name", null],
    ["episode_show_name", null],
    ["spotify_episode_uri", null],
    ["audiobook_title", null],
    ["audiobook_uri", null],
    ["audiobook_chapter_uri", null],
    ["audiobook_chapter_title", null],
    ["reason_start", row.reasonStart],
    ["reason_end", row.reasonEnd],
    ["shuffle", row.shuffle],
    ["skipped", row.skipped],
    ["offline", row.offline],
    ["offline_timestamp", row.offlineTimestamp],
    ["incognito_mode", row.incognito],
  ]);

export const accountRowArb: fc.Arbitrary<RowEntries> = fc
  .record({ ended: instantArb, track: nameArb, artist: nameArb, msPlayed: fc.integer({ min: 0, max: 600_000 }) })
  .map((row): RowEntries => [
    ["endTime", minuteOf(row.ended)],
    ["artistName", row.artist],
    ["trackName", row.track],
    ["msPlayed", row.msPlayed],
  ]);

/** Dates a parser must not believe, or must not choke on. */
const BAD_DATES = [
  "2023-02-30T10:00:00Z",
  "2023-13-01T10:00:00Z",
  "2023-02-25T24:00:00Z",
  "2023-02-25T11:60:37Z",
  "0000-01-01T00:00:00Z",
  "9999-12-31T23:59:59Z",
  "275760-09-13T00:00:00Z",
  "2023-02-25 11:20:37",
  "2023-02-25T11:20:37",
  "2023-02-25",
  "2024-01-10 20:57",
  "１２３４-01-01T00:00:00Z",
  "NaN",
  "Infinity",
  "-1",
  "",
  " ",
];

/** Values of every kind, weighted towards the ones that break parsers. */
export const hostileValueArb: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(
    null,
    true,
    false,
    0,
    -1,
    -0,
    1.5,
    1e308,
    -1e308,
    Number.MAX_SAFE_INTEGER + 2,
    86_400_001,
    "",
    " ",
    "null",
    "NaN",
    "Infinity",
  ),
  fc.constantFrom(...BAD_DATES),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.string({ maxLength: 16 }),
  fc.string({ unit: "grapheme", maxLength: 8 }),
  fc.nat({ max: 12_000 }).map((length) => "𝄞".repeat(length)),
  fc.nat({ max: 9_000 }).map((length) => "\u202Ex".repeat(length)),
  fc.constantFrom("spotify:track:", "spotify:track:0000000000000000000000x", "spotify:episode:4rOoJ6Egrf8K2IrywzwOMk"),
  fc.array(fc.jsonValue({ maxDepth: 1 }), { maxLength: 3 }),
  fc.dictionary(fc.constantFrom("__proto__", "constructor", "a", "ts"), fc.jsonValue({ maxDepth: 1 }), { maxKeys: 3 }),
);

export const DELETE = Symbol("delete");

/** One key of a row changed to a hostile value, removed, repeated, or a hostile key added. */
export function mutatedRowArb(validArb: fc.Arbitrary<RowEntries>, keys: readonly string[]): fc.Arbitrary<GeneratedRow> {
  return fc
    .tuple(
      validArb,
      fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...keys) }, { weight: 1, arbitrary: fc.constantFrom(...HOSTILE_KEYS) }),
      fc.oneof({ weight: 6, arbitrary: hostileValueArb }, { weight: 1, arbitrary: fc.constant<typeof DELETE>(DELETE) }),
      fc.boolean(),
    )
    .map(([entries, key, value, repeat]) => {
      if (value === DELETE) return { entries: entries.filter(([name]) => name !== key), mutated: key };
      // A repeated key: JSON.parse keeps the last one, as a parser reading the file must.
      if (repeat || !entries.some(([name]) => name === key)) return { entries: [...entries, [key, value]], mutated: key };
      return { entries: entries.map(([name, old]): [string, unknown] => [name, name === key ? value : old]), mutated: key };
    });
}

/** A file's rows: untouched and broken ones mixed, at most `maxRows`. */
export function rowsArb(validArb: fc.Arbitrary<RowEntries>, keys: readonly string[], maxRows = 8): fc.Arbitrary<GeneratedRow[]> {
  return fc.array(
    fc.oneof(
      { weight: 3, arbitrary: validArb.map((entries): GeneratedRow => ({ entries, mutated: null })) },
      { weight: 2, arbitrary: mutatedRowArb(validArb, keys) },
      {
        weight: 1,
        arbitrary: fc.jsonValue({ maxDepth: 2 }).map((value): GeneratedRow => ({ entries: [["", value]], mutated: "(row)" })),
      },
    ),
    { maxLength: maxRows },
  );
}

/** A row written as JSON; a `(row)` row is the value itself, not an object. */
export function rowJson(row: GeneratedRow, spacing = false): string {
  if (row.mutated === "(row)") return JSON.stringify(row.entries[0]?.[1]) ?? "null";
  const colon = spacing ? " : " : ":";
  return `{${row.entries.map(([key, value]) => `${JSON.stringify(key)}${colon}${JSON.stringify(value) ?? "null"}`).join(",")}}`;
}

/** A file as Spotify (or a damaged copy) may write it: a BOM or NUL bytes first, Jackson spacing. */
export const fileTextArb = (rows: fc.Arbitrary<GeneratedRow[]>) =>
  fc
    .record({ rows, preamble: fc.constantFrom("", "\uFEFF", "\u0000", "\uFEFF\u0000", "\n  "), spacing: fc.boolean() })
    .map(({ rows, preamble, spacing }) => ({ rows, text: `${preamble}[${rows.map((row) => rowJson(row, spacing)).join(",\n")}]` }));
