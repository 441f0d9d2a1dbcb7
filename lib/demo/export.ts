/**
 * Spotify privacy-export files made from a demo history, exactly as the two packages arrive
 * (as Spotify documents it): the extended streaming history, quirks included, and the
 * account data with its year of short history. They feed the importer's tests, benchmarks and the
 * demo's "try an import" path, so every file a real listener might upload has a demo twin.
 *
 * One file: both export formats share the quirk rules (what real exports get wrong), and the
 * writers must apply them in the same order to stay deterministic.
 */
import type { DemoCatalog, DemoEpisode, DemoTrack } from "./catalog";
import { legacyPlatformName, legacyUserAgent, isPhone } from "./devices";
import type { DemoStream } from "./history";
import { frame, joinRows, rowSerialiser, serialiseRow, utf8Length, type JsonLayout, type JsonRow } from "./json-layout";
import { createRandom, hashString, type Random } from "./random";

export interface ExportFile {
  name: string;
  content: string;
  /** Entries of the file's JSON array; 1 for the single-object files (Userdata.json, Identity.json). */
  records: number;
}

export interface ExtendedHistoryOptions {
  /** Upper bound for each file's UTF-8 size; Spotify's files stop at about 10.5–12.8 MB. */
  maxBytesPerFile?: number;
  /**
   * The irregularities of real exports (default on): rows out of order within and across files,
   * a few exact duplicates, Jackson-style `"key" : value` spacing in the first file, a UTF-8 BOM
   * before the last file's `[`, and the older field set (`username`, `ip_addr_decrypted`,
   * `user_agent_decrypted`, long platform names, millisecond offline timestamps, null `skipped`)
   * on rows before 2019. Off: one clean, sorted, current-format export.
   */
  quirks?: boolean;
}

export interface AccountDataOptions {
  /** First instant included; by default the year before the last stream, as Spotify delivers. */
  since?: Date;
}

export const EXTENDED_HISTORY_FOLDER = "Spotify Extended Streaming History";
export const ACCOUNT_DATA_FOLDER = "Spotify Account Data";
export const DEFAULT_MAX_BYTES_PER_FILE = 12_000_000;
export const ACCOUNT_DATA_ROWS_PER_FILE = 10_000;

/** Field order of today's extended history rows (2023–2026). */
export const EXTENDED_FIELDS = [
  "ts",
  "platform",
  "ms_played",
  "conn_country",
  "ip_addr",
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

/** Field order of older exports, still met in files from listeners who downloaded years ago. */
export const LEGACY_EXTENDED_FIELDS = [
  "ts",
  "username",
  "platform",
  "ms_played",
  "conn_country",
  "ip_addr_decrypted",
  "user_agent_decrypted",
  "master_metadata_track_name",
  "master_metadata_album_artist_name",
  "master_metadata_album_album_name",
  "spotify_track_uri",
  "episode_name",
  "episode_show_name",
  "spotify_episode_uri",
  "reason_start",
  "reason_end",
  "shuffle",
  "skipped",
  "offline",
  "offline_timestamp",
  "incognito_mode",
] as const;

/** Rows before this instant use the older field set when quirks are on. */
export const LEGACY_ROWS_BEFORE = Date.UTC(2019, 0, 1);

const BOM = "\uFEFF";
const BOM_BYTES = 3;

/** `2023-02-25T11:20:37Z`: whole seconds, as the export writes them. */
const exportTs = (ms: number): string => new Date(Math.floor(ms / 1000) * 1000).toISOString().slice(0, 19) + "Z";

/** `2024-01-10 20:57`: the account data's minute precision. */
const endTime = (ms: number): string => {
  const iso = new Date(ms).toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)}`;
};

export const demoUsername = (seed: number): string => `echotune-demo-${seed}`;

interface Resolved {
  track: DemoTrack | undefined;
  episode: DemoEpisode | undefined;
  artistName: string | null;
  albumName: string | null;
  showName: string | null;
}

function resolver(catalog: DemoCatalog) {
  return (stream: DemoStream): Resolved => {
    if (stream.episodeId !== null) {
      const episode = catalog.episodesById.get(stream.episodeId);
      if (!episode) throw new Error(`Episode ${stream.episodeId} is not in the demo catalog (seed ${catalog.seed}).`);
      return {
        track: undefined,
        episode,
        artistName: null,
        albumName: null,
        showName: catalog.showsById.get(episode.showId)?.name ?? null,
      };
    }
    const track = stream.trackId === null ? undefined : catalog.tracksById.get(stream.trackId);
    if (!track) throw new Error(`Track ${stream.trackId} is not in the demo catalog (seed ${catalog.seed}).`);
    const album = catalog.albumsById.get(track.albumId);
    const albumArtist = catalog.artistsById.get(album?.artistIds[0] ?? track.artistIds[0] ?? "");
    return { track, episode: undefined, artistName: albumArtist?.name ?? null, albumName: album?.name ?? null, showName: null };
  };
}

/**
 * Documentation-only address blocks (RFC 5737), one per kind of connection, so the demo never
 * carries a real person's address: home Wi-Fi, mobile data, and networks abroad.
 */
function ipPrefix(stream: DemoStream, homeCountry: string): string {
  if (stream.connCountry !== homeCountry) return "192.0.2";
  // Phones are on mobile data part of the time; the hour decides, so a session keeps one address.
  return isPhone(stream.platform) && Math.floor(stream.ts.getTime() / 3_600_000) % 3 === 0 ? "198.51.100" : "203.0.113";
}

function currentRow(stream: DemoStream, item: Resolved, homeCountry: string): JsonRow {
  const { track, episode } = item;
  return {
    ts: exportTs(stream.ts.getTime()),
    platform: stream.platform,
    ms_played: stream.msPlayed,
    conn_country: stream.connCountry,
    ip_addr: `${ipPrefix(stream, homeCountry)}.x`,
    master_metadata_track_name: track?.name ?? null,
    master_metadata_album_artist_name: track ? item.artistName : null,
    master_metadata_album_album_name: track ? item.albumName : null,
    spotify_track_uri: track ? `spotify:track:${track.id}` : null,
    episode_name: episode?.name ?? null,
    episode_show_name: episode ? item.showName : null,
    spotify_episode_uri: episode ? `spotify:episode:${episode.id}` : null,
    audiobook_title: null,
    audiobook_uri: null,
    audiobook_chapter_uri: null,
    audiobook_chapter_title: null,
    reason_start: stream.reasonStart,
    reason_end: stream.reasonEnd,
    shuffle: stream.shuffle,
    skipped: stream.skipped,
    offline: stream.offline,
    offline_timestamp: stream.offlineTimestamp,
    incognito_mode: stream.incognito,
  };
}

function legacyRow(stream: DemoStream, item: Resolved, homeCountry: string, username: string): JsonRow {
  const { track, episode } = item;
  const year = stream.ts.getUTCFullYear();
  const host = 2 + (hashString(`${username}:${year}:${stream.ts.getUTCMonth()}:${stream.connCountry}`) % 250);
  return {
    ts: exportTs(stream.ts.getTime()),
    username,
    platform: legacyPlatformName(stream.platform, year),
    ms_played: stream.msPlayed,
    conn_country: stream.connCountry,
    ip_addr_decrypted: `${ipPrefix(stream, homeCountry)}.${host}`,
    user_agent_decrypted: legacyUserAgent(stream.platform, year),
    master_metadata_track_name: track?.name ?? null,
    master_metadata_album_artist_name: track ? item.artistName : null,
    master_metadata_album_album_name: track ? item.albumName : null,
    spotify_track_uri: track ? `spotify:track:${track.id}` : null,
    episode_name: episode?.name ?? null,
    episode_show_name: episode ? item.showName : null,
    spotify_episode_uri: episode ? `spotify:episode:${episode.id}` : null,
    reason_start: stream.reasonStart,
    reason_end: stream.reasonEnd,
    shuffle: stream.shuffle,
    // Older exports often left `skipped` empty and counted offline time in milliseconds.
    skipped: null,
    offline: stream.offline,
    offline_timestamp: stream.offlineTimestamp === null ? null : stream.offlineTimestamp * 1000 + (stream.ts.getTime() % 1000),
    incognito_mode: stream.incognito,
  };
}

/** The country most streams come from: the listener's home, for addresses and Userdata.json. */
function homeCountryOf(streams: readonly DemoStream[]): string {
  const counts = new Map<string, number>();
  for (const stream of streams) counts.set(stream.connCountry, (counts.get(stream.connCountry) ?? 0) + 1);
  let best = "DE";
  let most = -1;
  for (const [country, count] of counts) {
    if (count > most || (count === most && country < best)) {
      best = country;
      most = count;
    }
  }
  return best;
}

/**
 * The order rows appear in a quirky export: mostly chronological, with shuffled pockets, a few
 * rows far from their time (so files overlap), and a few streams written twice.
 */
function quirkyOrder(count: number, reach: number, random: Random): number[] {
  const order: number[] = [];
  for (let windowStart = 0; windowStart < count;) {
    const windowEnd = Math.min(count, windowStart + random.int(200, 1_200));
    const blocks: number[][] = [];
    for (let blockStart = windowStart; blockStart < windowEnd;) {
      const blockEnd = Math.min(windowEnd, blockStart + random.int(5, 60));
      const block: number[] = [];
      for (let index = blockStart; index < blockEnd; index++) block.push(index);
      blocks.push(block);
      blockStart = blockEnd;
    }
    for (const block of random.shuffle(blocks)) order.push(...block);
    windowStart = windowEnd;
  }
  // Strays land up to a file or so away from their time, so neighbouring files overlap.
  const strays = count < 2 ? 0 : Math.max(1, Math.round(count * 0.0003));
  for (let moved = 0; moved < strays; moved++) {
    const from = random.int(0, order.length - 1);
    const [row] = order.splice(from, 1);
    const to = Math.min(order.length, Math.max(0, from + random.int(-reach, reach)));
    if (row !== undefined) order.splice(to, 0, row);
  }
  const duplicates = count === 0 ? 0 : Math.max(1, Math.round(count * 0.0005));
  for (let copy = 0; copy < duplicates; copy++) {
    const at = random.int(0, order.length - 1);
    const row = order[at] as number;
    const distance = random.chance(0.7) ? 200 : reach;
    const target = Math.min(order.length, Math.max(0, at + random.int(-distance, distance)));
    order.splice(target, 0, row);
  }
  return order;
}

/**
 * The extended streaming history package's JSON files, from a history in time order (as the
 * generator returns it): `Streaming_History_Audio_<years>_<n>.json`, each at most
 * `maxBytesPerFile`, and one small `Streaming_History_Video_<year>_0.json`.
 */
export function writeExtendedHistory(
  streams: readonly DemoStream[],
  catalog: DemoCatalog,
  options: ExtendedHistoryOptions = {},
): ExportFile[] {
  const maxBytes = options.maxBytesPerFile ?? DEFAULT_MAX_BYTES_PER_FILE;
  const quirks = options.quirks ?? true;
  if (!(maxBytes >= 4_096)) throw new RangeError("maxBytesPerFile must be at least 4096 bytes: one row alone takes about 800.");
  if (streams.length === 0) return [];
  const random = createRandom(`export:${catalog.seed}:${streams.length}:${streams[streams.length - 1]?.ts.getTime()}`);
  const resolve = resolver(catalog);
  const homeCountry = homeCountryOf(streams);
  const username = demoUsername(catalog.seed);
  // Rows are built as they are packed, so a long history never holds two copies of itself.
  const isLegacy = (stream: DemoStream) => quirks && stream.ts.getTime() < LEGACY_ROWS_BEFORE;
  const rowAt = (stream: DemoStream): JsonRow =>
    isLegacy(stream) ? legacyRow(stream, resolve(stream), homeCountry, username) : currentRow(stream, resolve(stream), homeCountry);
  const serialisers = new Map<string, (row: JsonRow) => { text: string; bytes: number }>();
  const serialise = (row: JsonRow, legacy: boolean, layout: JsonLayout) => {
    const key = `${layout}:${legacy}`;
    let serialiser = serialisers.get(key);
    if (!serialiser) {
      serialiser = rowSerialiser(legacy ? LEGACY_EXTENDED_FIELDS : EXTENDED_FIELDS, layout);
      serialisers.set(key, serialiser);
    }
    return serialiser(row);
  };
  // About one file's worth of rows: how far a stray row may land from its time.
  const reach = Math.max(50, Math.round(maxBytes / 800));
  const order = quirks ? quirkyOrder(streams.length, reach, random) : streams.map((_, index) => index);

  // Fill each file up to the budget; the first one is Jackson-spaced, the last one gets a BOM.
  const budget = maxBytes - (quirks ? BOM_BYTES : 0);
  const files: Array<{ layout: JsonLayout; rows: string[]; from: number; to: number }> = [];
  let current: (typeof files)[number] | undefined;
  let used = 0;
  let separatorBytes = 0;
  for (const index of order) {
    const stream = streams[index] as DemoStream;
    const row = rowAt(stream);
    const legacy = isLegacy(stream);
    const year = stream.ts.getUTCFullYear();
    for (;;) {
      if (!current) {
        current = { layout: quirks && files.length === 0 ? "jackson" : "spotify", rows: [], from: year, to: year };
        files.push(current);
        const { open, close, separator } = frame(current.layout);
        used = utf8Length(open) + utf8Length(close);
        separatorBytes = utf8Length(separator);
      }
      const { text, bytes } = serialise(row, legacy, current.layout);
      const cost = bytes + (current.rows.length > 0 ? separatorBytes : 0);
      if (used + cost <= budget) {
        current.rows.push(text);
        current.from = Math.min(current.from, year);
        current.to = Math.max(current.to, year);
        used += cost;
        break;
      }
      if (current.rows.length === 0) throw new RangeError(`One row needs ${cost} bytes, more than maxBytesPerFile allows.`);
      current = undefined;
    }
  }

  const audio = files.map((file, index) => ({
    name: `Streaming_History_Audio_${file.from === file.to ? file.from : `${file.from}-${file.to}`}_${index}.json`,
    content: (quirks && index === files.length - 1 ? BOM : "") + joinRows(file.rows, file.layout),
    records: file.rows.length,
  }));
  return [...audio, videoHistory(streams, catalog, random, homeCountry)];
}

/**
 * A small video history: importers must recognise and skip it. Video rows carry no offline
 * information, like Spotify's own.
 */
function videoHistory(streams: readonly DemoStream[], catalog: DemoCatalog, random: Random, homeCountry: string): ExportFile {
  const last = (streams[streams.length - 1] as DemoStream).ts.getTime();
  const year = new Date(last).getUTCFullYear();
  const from = Math.max(Date.UTC(year, 0, 1), (streams[0] as DemoStream).ts.getTime());
  const count = random.int(6, 24);
  const times = Array.from({ length: count }, () => Math.floor(random.float(from, last))).sort((a, b) => a - b);
  const rows = times.map((time): JsonRow => {
    const episode = random.pick(catalog.episodes);
    const msPlayed = random.chance(0.3) ? random.int(0, 29_999) : random.int(60_000, episode.durationMs);
    const stream: DemoStream = {
      ts: new Date(time),
      trackId: null,
      episodeId: episode.id,
      msPlayed,
      reasonStart: random.pick(["clickrow", "playbtn", "trackdone"] as const),
      reasonEnd: msPlayed < 30_000 ? "fwdbtn" : random.pick(["endplay", "trackdone"] as const),
      shuffle: false,
      skipped: msPlayed < 30_000,
      platform: random.pick(["ios", "web_player", "osx"] as const),
      offline: false,
      offlineTimestamp: null,
      incognito: false,
      connCountry: homeCountry,
    };
    return { ...currentRow(stream, resolver(catalog)(stream), homeCountry), offline: null, offline_timestamp: null };
  });
  return {
    name: `Streaming_History_Video_${year}_0.json`,
    content: joinRows(
      rows.map((row) => serialiseRow(row, "spotify")),
      "spotify",
    ),
    records: rows.length,
  };
}

/**
 * The account data package's files: `StreamingHistory_music_<n>.json` (at most 10,000 records
 * each), `StreamingHistory_podcast_<n>.json` when podcasts were played, `Userdata.json` and
 * `Identity.json`, the files that tell an importer it was given the wrong package.
 */
export function writeAccountData(streams: readonly DemoStream[], catalog: DemoCatalog, options: AccountDataOptions = {}): ExportFile[] {
  const resolve = resolver(catalog);
  const lastMs = streams[streams.length - 1]?.ts.getTime() ?? 0;
  const since = options.since?.getTime() ?? lastMs - 365 * 86_400_000;
  const music: JsonRow[] = [];
  const podcasts: JsonRow[] = [];
  for (const stream of streams) {
    const ms = stream.ts.getTime();
    if (ms < since) continue;
    const item = resolve(stream);
    if (item.episode) {
      podcasts.push({ endTime: endTime(ms), podcastName: item.showName, episodeName: item.episode.name, msPlayed: stream.msPlayed });
    } else if (item.track) {
      // The short history names the track's own (first) artist, which may differ from the album's.
      const artist = catalog.artistsById.get(item.track.artistIds[0] ?? "");
      music.push({
        endTime: endTime(ms),
        artistName: artist?.name ?? item.artistName,
        trackName: item.track.name,
        msPlayed: stream.msPlayed,
      });
    }
  }
  // The account package is sorted, unlike the extended one; ties keep the stream order.
  const byTime = (a: JsonRow, b: JsonRow) =>
    (a.endTime as string) < (b.endTime as string) ? -1 : (a.endTime as string) > (b.endTime as string) ? 1 : 0;
  music.sort(byTime);
  podcasts.sort(byTime);

  const files: ExportFile[] = [];
  const chunked = (prefix: string, rows: JsonRow[]) => {
    for (let start = 0, index = 0; start < rows.length || index === 0; start += ACCOUNT_DATA_ROWS_PER_FILE, index++) {
      const chunk = rows.slice(start, start + ACCOUNT_DATA_ROWS_PER_FILE);
      if (chunk.length === 0 && index > 0) break;
      files.push({
        name: `${prefix}_${index}.json`,
        content: joinRows(
          chunk.map((row) => serialiseRow(row, "account")),
          "account",
        ),
        records: chunk.length,
      });
    }
  };
  chunked("StreamingHistory_music", music);
  if (podcasts.length > 0) chunked("StreamingHistory_podcast", podcasts);

  const firstMs = streams[0]?.ts.getTime() ?? lastMs;
  const created = new Date(firstMs - 40 * 86_400_000).toISOString().slice(0, 10);
  const username = demoUsername(catalog.seed);
  files.push({
    name: "Userdata.json",
    content: JSON.stringify(
      {
        username,
        email: `${username}@example.com`,
        country: homeCountryOf(streams),
        createdFromFacebook: false,
        facebookUid: null,
        birthdate: "1990-04-12",
        gender: "neutral",
        postalCode: null,
        mobileNumber: null,
        mobileOperator: null,
        mobileBrand: null,
        creationTime: created,
      },
      null,
      2,
    ),
    records: 1,
  });
  files.push({
    name: "Identity.json",
    content: JSON.stringify(
      { displayName: "Demo Listener", firstName: "Demo", lastName: "Listener", tasteMaker: false, imageUrl: "", verified: false },
      null,
      2,
    ),
    records: 1,
  });
  return files;
}
