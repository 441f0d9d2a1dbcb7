/**
 * Loader for HetRec 2011 Last.fm 2K (`npm run data:hetrec` puts it in `data/hetrec2011-lastfm-2k`). The files are
 * tab-separated with an optional header line, CRLF or LF line ends and no guaranteed final newline;
 * `artists.dat` and `tags.dat` are documented as ISO-8859-1, but the released `artists.dat` is valid
 * UTF-8 (read as Latin-1, "Sigur Rós" would become "Sigur RÃ³s"), so each is read as UTF-8 when it
 * decodes cleanly and as ISO-8859-1 otherwise. Parsing is pure (`parseHetrec` over the raw bytes);
 * `loadHetrec` reads a directory.
 *
 * Index spaces: users are the userIDs of `user_artists.dat` in order of first appearance; items are
 * the artists of `artists.dat` in file order, then any artist only seen in `user_artists.dat`.
 * Tag assignments and friend pairs naming unknown users or artists are dropped (and counted).
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { csrFromTriples, type Csr } from "../cf/sparse";

export interface HetrecDataset {
  /** Original userID per user index. */
  userIds: string[];
  /** Original artistID per item index. */
  artistIds: string[];
  /** Artist name per item index ("" when unknown). */
  artistNames: string[];
  /** `user_artists.dat` rows in file order (row i is data row i, header excluded). */
  plays: { user: Int32Array; item: Int32Array; count: Float64Array };
  /** `user_taggedartists.dat` rows with known user and artist. */
  tagAssignments: { user: Int32Array; item: Int32Array; tag: Int32Array };
  /** Tag value per tag index; `tagIds[k]` is the original tagID. */
  tagIds: string[];
  tagNames: string[];
  /** Friend pairs as listed (the file lists both directions). */
  friends: { a: Int32Array; b: Int32Array };
  /** Rows dropped because they named an unknown user/artist/tag or were malformed, per file. */
  dropped: Record<string, number>;
}

export interface HetrecFiles {
  userArtists: Uint8Array;
  artists?: Uint8Array;
  tags?: Uint8Array;
  userTaggedArtists?: Uint8Array;
  userFriends?: Uint8Array;
}

const FILES = {
  userArtists: "user_artists.dat",
  artists: "artists.dat",
  tags: "tags.dat",
  userTaggedArtists: "user_taggedartists.dat",
  userFriends: "user_friends.dat",
} as const;

/** ISO-8859-1: every byte is the code point of the same value. */
export function decodeLatin1(bytes: Uint8Array): string {
  let out = "";
  const CHUNK = 8192;
  for (let i = 0; i < bytes.length; i += CHUNK) out += String.fromCharCode(...bytes.subarray(i, Math.min(bytes.length, i + CHUNK)));
  return out;
}

/** UTF-8 when the bytes are valid UTF-8, else ISO-8859-1 (see the header). */
export function decodeUtf8OrLatin1(bytes: Uint8Array): string {
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return decodeLatin1(bytes);
  }
}

export function decodeUtf8(bytes: Uint8Array): string {
  return new TextDecoder("utf-8").decode(bytes);
}

/**
 * Tab-separated records: splits on LF, strips a trailing CR and a leading BOM, skips blank lines
 * and a header (a first line whose first field is not an integer).
 */
export function parseTsv(text: string): string[][] {
  const lines = text.split("\n");
  const out: string[][] = [];
  let first = true;
  for (let line of lines) {
    if (line.endsWith("\r")) line = line.slice(0, -1);
    if (first && line.charCodeAt(0) === 0xfeff) line = line.slice(1);
    if (line.trim() === "") continue;
    const fields = line.split("\t");
    if (first) {
      first = false;
      if (!/^\s*-?\d+\s*$/.test(fields[0] ?? "")) continue;
    }
    out.push(fields);
  }
  return out;
}

const isId = (s: string | undefined): s is string => s !== undefined && /^\d+$/.test(s.trim());

export function parseHetrec(files: HetrecFiles): HetrecDataset {
  const dropped: Record<string, number> = {};
  const drop = (file: string) => (dropped[file] = (dropped[file] ?? 0) + 1);

  const artistIds: string[] = [];
  const artistNames: string[] = [];
  const itemIndex = new Map<string, number>();
  if (files.artists) {
    for (const fields of parseTsv(decodeUtf8OrLatin1(files.artists))) {
      const id = fields[0]?.trim();
      if (!isId(id) || itemIndex.has(id)) {
        drop(FILES.artists);
        continue;
      }
      itemIndex.set(id, artistIds.length);
      artistIds.push(id);
      artistNames.push(fields[1] ?? "");
    }
  }

  const userIds: string[] = [];
  const userIndex = new Map<string, number>();
  const pu: number[] = [];
  const pi: number[] = [];
  const pc: number[] = [];
  for (const fields of parseTsv(decodeUtf8(files.userArtists))) {
    const u = fields[0]?.trim();
    const a = fields[1]?.trim();
    const w = Number(fields[2]);
    if (!isId(u) || !isId(a) || !Number.isFinite(w) || w < 0) {
      drop(FILES.userArtists);
      continue;
    }
    let ui = userIndex.get(u);
    if (ui === undefined) {
      ui = userIds.length;
      userIndex.set(u, ui);
      userIds.push(u);
    }
    let ai = itemIndex.get(a);
    if (ai === undefined) {
      ai = artistIds.length;
      itemIndex.set(a, ai);
      artistIds.push(a);
      artistNames.push("");
    }
    pu.push(ui);
    pi.push(ai);
    pc.push(w);
  }

  const tagIds: string[] = [];
  const tagNames: string[] = [];
  const tagIndex = new Map<string, number>();
  const tagOf = (id: string) => {
    let t = tagIndex.get(id);
    if (t === undefined) {
      t = tagIds.length;
      tagIndex.set(id, t);
      tagIds.push(id);
      tagNames.push("");
    }
    return t;
  };
  if (files.tags) {
    for (const fields of parseTsv(decodeUtf8OrLatin1(files.tags))) {
      const id = fields[0]?.trim();
      if (!isId(id) || tagIndex.has(id)) {
        drop(FILES.tags);
        continue;
      }
      tagNames[tagOf(id)] = fields[1] ?? "";
    }
  }

  const tu: number[] = [];
  const ti: number[] = [];
  const tt: number[] = [];
  if (files.userTaggedArtists) {
    for (const fields of parseTsv(decodeUtf8(files.userTaggedArtists))) {
      const u = fields[0]?.trim();
      const a = fields[1]?.trim();
      const t = fields[2]?.trim();
      const ui = isId(u) ? userIndex.get(u) : undefined;
      const ai = isId(a) ? itemIndex.get(a) : undefined;
      if (ui === undefined || ai === undefined || !isId(t)) {
        drop(FILES.userTaggedArtists);
        continue;
      }
      tu.push(ui);
      ti.push(ai);
      tt.push(tagOf(t));
    }
  }

  const fa: number[] = [];
  const fb: number[] = [];
  if (files.userFriends) {
    for (const fields of parseTsv(decodeUtf8(files.userFriends))) {
      const a = fields[0]?.trim();
      const b = fields[1]?.trim();
      const ai = isId(a) ? userIndex.get(a) : undefined;
      const bi = isId(b) ? userIndex.get(b) : undefined;
      if (ai === undefined || bi === undefined || ai === bi) {
        drop(FILES.userFriends);
        continue;
      }
      fa.push(ai);
      fb.push(bi);
    }
  }

  return {
    userIds,
    artistIds,
    artistNames,
    plays: { user: Int32Array.from(pu), item: Int32Array.from(pi), count: Float64Array.from(pc) },
    tagAssignments: { user: Int32Array.from(tu), item: Int32Array.from(ti), tag: Int32Array.from(tt) },
    tagIds,
    tagNames,
    friends: { a: Int32Array.from(fa), b: Int32Array.from(fb) },
    dropped,
  };
}

/** Reads the HetRec files from `dir` (`user_artists.dat` is required, the rest optional). */
export function loadHetrec(dir: string): HetrecDataset {
  const read = (name: string, required: boolean): Uint8Array | undefined => {
    try {
      return readFileSync(join(dir, name));
    } catch (error) {
      if (required) throw new Error(`HetRec: cannot read ${join(dir, name)}: ${(error as Error).message}`);
      return undefined;
    }
  };
  return parseHetrec({
    userArtists: read(FILES.userArtists, true)!,
    artists: read(FILES.artists, false),
    tags: read(FILES.tags, false),
    userTaggedArtists: read(FILES.userTaggedArtists, false),
    userFriends: read(FILES.userFriends, false),
  });
}

/** The README's reference rows for this protocol (5-fold means), for side-by-side printing. */
export const HETREC_REFERENCE: ReadonlyArray<{
  method: string;
  p10: number;
  r10: number;
  ndcg10: number;
  r20?: number;
  ndcg20?: number;
  cov10?: number;
}> = [
  { method: "Most popular", p10: 0.068, r10: 0.069, ndcg10: 0.08, r20: 0.104, ndcg20: 0.099, cov10: 0.002 },
  { method: "User-KNN cosine (k=100)", p10: 0.16, r10: 0.163, ndcg10: 0.197, r20: 0.229, ndcg20: 0.233, cov10: 0.026 },
  { method: "RP3beta (a=0.6, b=0.3, k=300)", p10: 0.171, r10: 0.174, ndcg10: 0.212, r20: 0.246, ndcg20: 0.252, cov10: 0.117 },
  { method: "Item-KNN cosine (k=1000, shrink=5)", p10: 0.182, r10: 0.185, ndcg10: 0.226, r20: 0.259, ndcg20: 0.267, cov10: 0.077 },
  { method: "EASE (lambda=200)", p10: 0.188, r10: 0.191, ndcg10: 0.23, r20: 0.27, ndcg20: 0.273, cov10: 0.047 },
  { method: "EASE on log(1+plays) (lambda=100)", p10: 0.192, r10: 0.195, ndcg10: 0.236, r20: 0.275, ndcg20: 0.28, cov10: 0.05 },
  { method: "LightGCN (published, MHCN paper)", p10: 0.192, r10: 0.195, ndcg10: 0.234 },
  {
    method: "iALS (d=128, unobserved weight 0.05, L2 0.01)",
    p10: 0.209,
    r10: 0.212,
    ndcg10: 0.254,
    r20: 0.293,
    ndcg20: 0.299,
    cov10: 0.086,
  },
];

/**
 * Side information as matrices over the dataset's index spaces:
 *  - `itemTags`: items × tags, how many times each tag was applied to the artist;
 *  - `friends`: users × users, 1 per listed friendship (the file lists both directions).
 * `hidden` (users × items, e.g. a fold's test matrix) removes the tag assignments a user made on
 * a hidden pair, so no trace of a test interaction reaches the models.
 */
export function hetrecSideInformation(
  ds: HetrecDataset,
  hidden?: { indptr: Int32Array; indices: Int32Array },
): { itemTags: Csr; friends: Csr } {
  const items = ds.artistIds.length;
  const users = ds.userIds.length;
  const isHidden = (u: number, i: number) => {
    if (!hidden) return false;
    let lo = hidden.indptr[u]!;
    let hi = hidden.indptr[u + 1]! - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const c = hidden.indices[mid]!;
      if (c === i) return true;
      if (c < i) lo = mid + 1;
      else hi = mid - 1;
    }
    return false;
  };
  const ta = ds.tagAssignments;
  const ti: number[] = [];
  const tt: number[] = [];
  for (let k = 0; k < ta.user.length; k++) {
    if (isHidden(ta.user[k]!, ta.item[k]!)) continue;
    ti.push(ta.item[k]!);
    tt.push(ta.tag[k]!);
  }
  const itemTags = csrFromTriples(items, ds.tagIds.length, ti, tt);
  const friends = csrFromTriples(users, users, ds.friends.a, ds.friends.b);
  friends.data.fill(1);
  return { itemTags, friends };
}
