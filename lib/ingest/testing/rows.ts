/** Parsed rows for tests, as the parser would produce them. */
import type { ImportRow } from "../rows";

export const extendedRow = (endedAt: string, trackId: string, overrides: Partial<ImportRow> = {}): ImportRow => ({
  kind: "extended",
  endedAt,
  trackId,
  trackName: `Song ${trackId.slice(0, 4)}`,
  artistName: "Hania Rani",
  albumName: "Esja",
  msPlayed: 200_000,
  platform: "android",
  reasonStart: "trackdone",
  reasonEnd: "trackdone",
  shuffle: false,
  skipped: false,
  offline: false,
  incognito: false,
  country: "DE",
  ...overrides,
});

/** An account-data row: minute precision, no track id, names only. */
export const accountRow = (minute: string, trackName: string, artistName = "Hania Rani", msPlayed = 200_000): ImportRow => ({
  kind: "account",
  endedAt: `${minute}:00.000Z`,
  trackId: null,
  trackName,
  artistName,
  albumName: null,
  msPlayed,
  platform: null,
  reasonStart: null,
  reasonEnd: null,
  shuffle: null,
  skipped: null,
  offline: null,
  incognito: null,
  country: null,
});
