/**
 * A small data set in the HetRec 2011 Last.fm 2K file format, made from generated demo listeners
 * (a cohort over the demo catalogue), so the HetRec evaluation runs end to end where the real data
 * set is absent. It exercises the loader, the protocol and the fold files; its metrics say nothing
 * about the real data.
 *
 * The files are byte-for-byte in the real set's layout, as `hetrec.ts` reads it:
 *  - `user_artists.dat`: header `userID\tartistID\tweight`, CRLF, each user's top 50 artists by
 *    plays, users ascending, artists ascending within a user;
 *  - `artists.dat`: header `id\tname\turl\tpictureURL`, LF, ISO-8859-1;
 *  - `tags.dat`: header `tagID\ttagValue`, LF, ISO-8859-1 (the demo genres);
 *  - `user_taggedartists.dat`: header `userID\tartistID\ttagID\tday\tmonth\tyear`, LF (listeners tag
 *    some of their artists with the artist's genres, dated at their first play);
 *  - `user_friends.dat`: no header, CRLF, `userID\tfriendID`, both directions listed.
 * A pure function of its options: the same seed gives the same bytes on every machine.
 */
import { createRandom, DEFAULT_HISTORY_END, DEMO_LISTENER, generateListeningHistory, getDemoCatalog } from "@/lib/demo";

export interface SyntheticHetrecOptions {
  /** Generated listeners (HetRec has 1,892). */
  users?: number;
  /** Plays generated per listener before counting artists. */
  playsEach?: number;
  seed?: number;
}

/** File name to bytes, the names of the real data set. */
export type SyntheticHetrecFiles = Record<
  "user_artists.dat" | "artists.dat" | "tags.dat" | "user_taggedartists.dat" | "user_friends.dat",
  Uint8Array
>;

/** The real data set keeps each user's 50 most played artists. */
const TOP_ARTISTS = 50;
const FIRST_USER_ID = 2;

/** ISO-8859-1 bytes; a character outside it becomes "?". */
function latin1(text: string): Uint8Array {
  const out = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    out[i] = code < 256 ? code : 0x3f;
  }
  return out;
}

const ascii = (text: string): Uint8Array => new TextEncoder().encode(text);
const lines = (rows: string[], eol: string): string => rows.map((row) => row + eol).join("");

export function generateSyntheticHetrec(options: SyntheticHetrecOptions = {}): SyntheticHetrecFiles {
  const users = options.users ?? 120;
  const playsEach = options.playsEach ?? 1_500;
  const seed = options.seed ?? 7;
  if (!Number.isInteger(users) || users < 2) throw new RangeError("users must be a whole number, 2 or more");
  const catalog = getDemoCatalog(DEMO_LISTENER.seed);
  const random = createRandom(`synthetic-hetrec:${seed}`);

  // Artist and tag ids in catalogue order, from 1 as in the real files.
  const artistId = new Map(catalog.artists.map((artist, index) => [artist.id, index + 1]));
  const tagId = new Map(catalog.genres.map((genre, index) => [genre.id, index + 1]));

  const userArtists: string[] = ["userID\tartistID\tweight"];
  const tagged: string[] = ["userID\tartistID\ttagID\tday\tmonth\tyear"];
  for (let member = 0; member < users; member++) {
    const userId = FIRST_USER_ID + member;
    const streams = generateListeningHistory({
      seed: 10_000 * seed + member,
      catalogSeed: DEMO_LISTENER.seed,
      plays: playsEach,
      years: 2,
      // A fixed end: the synthetic dataset is the same whenever it is made.
      end: new Date(DEFAULT_HISTORY_END),
    });
    const plays = new Map<number, { count: number; first: Date; artist: string }>();
    for (const stream of streams) {
      const track = stream.trackId ? catalog.tracksById.get(stream.trackId) : undefined;
      const artist = track?.artistIds[0];
      const id = artist === undefined ? undefined : artistId.get(artist);
      if (id === undefined || artist === undefined) continue;
      const entry = plays.get(id);
      if (entry) entry.count++;
      else plays.set(id, { count: 1, first: stream.ts, artist });
    }
    const top = [...plays].sort(([a, x], [b, y]) => y.count - x.count || a - b).slice(0, TOP_ARTISTS);
    top.sort(([a], [b]) => a - b);
    const tagRandom = random.fork(`tags:${member}`);
    for (const [id, { count, first, artist }] of top) {
      userArtists.push(`${userId}\t${id}\t${count}`);
      // About a third of a listener's artists get tagged with their genres, as Last.fm users did.
      if (!tagRandom.chance(0.35)) continue;
      for (const genre of catalog.artistsById.get(artist)?.genres ?? []) {
        const tag = tagId.get(genre);
        if (tag !== undefined)
          tagged.push(`${userId}\t${id}\t${tag}\t${first.getUTCDate()}\t${first.getUTCMonth() + 1}\t${first.getUTCFullYear()}`);
      }
    }
  }

  // A sparse friendship graph: each listener befriends two or three others; both directions listed.
  const friends = new Map<number, Set<number>>();
  const befriend = (a: number, b: number) => {
    if (a === b) return;
    (friends.get(a) ?? friends.set(a, new Set()).get(a)!).add(b);
    (friends.get(b) ?? friends.set(b, new Set()).get(b)!).add(a);
  };
  const friendRandom = random.fork("friends");
  for (let member = 0; member < users; member++) {
    const count = friendRandom.int(2, 3);
    for (let k = 0; k < count; k++) befriend(FIRST_USER_ID + member, FIRST_USER_ID + friendRandom.int(0, users - 1));
  }
  const friendRows = [...friends]
    .sort(([a], [b]) => a - b)
    .flatMap(([user, set]) => [...set].sort((a, b) => a - b).map((friend) => `${user}\t${friend}`));

  const artistRows = ["id\tname\turl\tpictureURL", ...catalog.artists.map((artist, index) => `${index + 1}\t${artist.name}\t\t`)];
  const tagRows = ["tagID\ttagValue", ...catalog.genres.map((genre, index) => `${index + 1}\t${genre.id}`)];

  return {
    "user_artists.dat": ascii(lines(userArtists, "\r\n")),
    "artists.dat": latin1(lines(artistRows, "\n")),
    "tags.dat": latin1(lines(tagRows, "\n")),
    "user_taggedartists.dat": ascii(lines(tagged, "\n")),
    "user_friends.dat": ascii(lines(friendRows, "\r\n")),
  };
}
