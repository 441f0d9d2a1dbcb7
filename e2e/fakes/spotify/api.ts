/**
 * The Web API half of the fake: bearer-token checks, scripted faults, and the endpoints a
 * development-mode app may call (February 2026 rules), backed by the demo catalog and the fake
 * listener's history and library. Removed endpoints answer as Spotify does for new apps (1.4).
 *
 * One file: the route table of the fake Web API, endpoint by endpoint, as the contract
 * test checks it.
 */
import { sendApiError, sendEmpty, sendJson, type RequestContext } from "./http";
import {
  albumContext,
  artistObject,
  discographyAlbum,
  isoSeconds,
  paging,
  simplifiedAlbum,
  simplifiedTrack,
  trackObject,
  urlsOf,
  type AlbumGroup,
  type Json,
} from "./objects";
import { idParam, limitParam, offsetParam, parseUri } from "./params";
import {
  addPlaylistItems,
  changePlaylistDetails,
  createPlaylist,
  getPlaylist,
  myPlaylists,
  playlistItems,
  updatePlaylistItems,
} from "./playlists";
import { devices, next, pause, play, playbackState, queue } from "./player";
import {
  albumOf,
  fakeWorld,
  LISTEN_MS,
  parseSearchQuery,
  rankListens,
  searchAlbums,
  searchArtists,
  searchTracks,
  TIME_RANGES,
  type FakePlay,
  type TimeRange,
} from "./world";
import type { DemoAlbum } from "@/lib/demo";

interface Removed {
  pattern: RegExp;
  methods?: readonly string[];
  status: 403 | 404;
}

/** Endpoints a new development-mode app can no longer call, and what Spotify answers (reference 1.4). */
const REMOVED_FOR_DEV_MODE: readonly Removed[] = [
  { pattern: /^\/v1\/recommendations/, status: 404 },
  { pattern: /^\/v1\/audio-features/, status: 403 },
  { pattern: /^\/v1\/audio-analysis/, status: 403 },
  { pattern: /^\/v1\/artists\/[^/]+\/related-artists/, status: 403 },
  { pattern: /^\/v1\/artists\/[^/]+\/top-tracks/, status: 403 },
  { pattern: /^\/v1\/browse\//, status: 403 },
  { pattern: /^\/v1\/markets\/?$/, status: 403 },
  // The old playlist path, multi-gets, other users' profiles and playlists (February 2026).
  { pattern: /^\/v1\/playlists\/[^/]+\/tracks\/?$/, status: 403 },
  { pattern: /^\/v1\/(tracks|albums|artists|episodes|shows|audiobooks|chapters)\/?$/, status: 403 },
  { pattern: /^\/v1\/users\/[^/]+(\/playlists)?\/?$/, status: 403 },
  // Per-type library writes and their checks moved to /me/library.
  { pattern: /^\/v1\/me\/(tracks|albums|episodes|shows|audiobooks|following)\/?$/, methods: ["PUT", "DELETE"], status: 403 },
  { pattern: /^\/v1\/me\/(tracks|albums|episodes|shows|audiobooks|following)\/contains\/?$/, status: 403 },
  { pattern: /^\/v1\/playlists\/[^/]+\/followers(\/contains)?\/?$/, status: 403 },
];

function privateUser(context: RequestContext) {
  const { user } = context.state;
  const base = context.baseUrl;
  return {
    account_id: user.id,
    country: user.country,
    display_name: user.display_name,
    email: user.email,
    explicit_content: { filter_enabled: false, filter_locked: false },
    external_urls: { spotify: `https://open.spotify.com/user/${user.id}` },
    href: `${base}/v1/users/${user.id}`,
    id: user.id,
    images: [],
    product: user.product,
    type: "user",
    uri: `spotify:user:${user.id}`,
  };
}

function topItems(context: RequestContext, kind: "tracks" | "artists"): void {
  const range = context.url.searchParams.get("time_range") ?? "medium_term";
  if (!Object.hasOwn(TIME_RANGES, range)) return sendApiError(context, 400, "Invalid time range");
  const limit = limitParam(context, 50, 20);
  if (limit === undefined) return;
  const offset = offsetParam(context);
  if (offset === undefined) return;
  const { catalog } = fakeWorld();
  const since = Date.now() - TIME_RANGES[range as TimeRange];
  const plays = context.state.library.plays();
  const urls = urlsOf(context);
  if (kind === "tracks") {
    const ranked = rankListens(plays, since, (play) => [play.trackId]);
    return sendJson(
      context,
      200,
      paging(context, ranked, offset, limit, (id) => trackObject(urls, catalog.tracksById.get(id) ?? fail(id))),
    );
  }
  const ranked = rankListens(plays, since, (play) => catalog.tracksById.get(play.trackId)?.artistIds ?? []);
  return sendJson(
    context,
    200,
    paging(context, ranked, offset, limit, (id) => artistObject(urls, catalog.artistsById.get(id) ?? fail(id))),
  );
}

function fail(id: string): never {
  throw new Error(`The demo catalog has no item ${id}`);
}

/**
 * The last 50 listens (30 s or more; never episodes), newest first. `after` gives the oldest
 * `limit` plays after the cursor so a poller following `cursors.after` misses none; `before`
 * (or neither) gives the newest `limit` plays before it.
 */
function recentlyPlayed(context: RequestContext): void {
  const params = context.url.searchParams;
  const limit = limitParam(context, 50, 20);
  if (limit === undefined) return;
  const after = params.get("after");
  const before = params.get("before");
  if (after !== null && before !== null) return sendApiError(context, 400, "Only one of after or before may be specified");
  const cursor = after ?? before;
  if (cursor !== null && !/^\d+$/.test(cursor)) return sendApiError(context, 400, `Invalid ${after !== null ? "after" : "before"} cursor`);
  const window = context.state.library
    .plays()
    .filter((play) => play.msPlayed >= LISTEN_MS)
    .slice(-50);
  let matching: FakePlay[];
  let page: FakePlay[];
  if (after !== null) {
    matching = window.filter((play) => play.playedAt > Number(after));
    page = matching.slice(0, limit);
  } else {
    matching = before !== null ? window.filter((play) => play.playedAt < Number(before)) : window;
    page = matching.slice(-limit);
  }
  const items = [...page].reverse();
  const { catalog } = fakeWorld();
  const urls = urlsOf(context);
  const link = (extra: Record<string, string>) => {
    const url = new URL(`${context.baseUrl}${context.url.pathname}`);
    url.searchParams.set("limit", String(limit));
    for (const [key, value] of Object.entries(extra)) url.searchParams.set(key, value);
    return url.toString();
  };
  const newest = items[0];
  const oldest = items[items.length - 1];
  const body: Json = {
    href: link(after !== null ? { after } : before !== null ? { before } : {}),
    items: items.map((play) => {
      const track = catalog.tracksById.get(play.trackId) ?? fail(play.trackId);
      return {
        track: trackObject(urls, track),
        played_at: new Date(play.playedAt).toISOString(),
        context: albumContext(urls, albumOf(track)),
      };
    }),
    limit,
    total: matching.length,
  };
  // Spotify sends `next: null` and `cursors: null` when there is nothing more; the spec types
  // both as non-nullable, so the fake leaves them out instead (a client reading either as
  // optional handles both).
  if (matching.length > page.length && newest && oldest)
    body.next = after !== null ? link({ after: String(newest.playedAt) }) : link({ before: String(oldest.playedAt) });
  if (newest && oldest) body.cursors = { after: String(newest.playedAt), before: String(oldest.playedAt) };
  return sendJson(context, 200, body);
}

function savedTracks(context: RequestContext): void {
  const limit = limitParam(context, 50, 20);
  if (limit === undefined) return;
  const offset = offsetParam(context);
  if (offset === undefined) return;
  const { catalog } = fakeWorld();
  const urls = urlsOf(context);
  const saved = [...context.state.library.saved.entries()]
    .map(([uri, item]) => ({ ...item, track: uri.startsWith("spotify:track:") ? catalog.tracksById.get(uri.slice(14)) : undefined }))
    .filter((item) => item.track !== undefined)
    .sort((a, b) => b.addedAt - a.addedAt || b.sequence - a.sequence);
  return sendJson(
    context,
    200,
    paging(context, saved, offset, limit, (item) => ({
      added_at: isoSeconds(item.addedAt),
      track: trackObject(urls, item.track ?? fail("track")),
    })),
  );
}

/** PUT/DELETE /me/library?uris=: at most 40 well-formed URIs; 200 with an empty body. */
function changeLibrary(context: RequestContext, save: boolean): void {
  const raw = context.url.searchParams.get("uris");
  const uris = (raw ?? "")
    .split(",")
    .map((uri) => uri.trim())
    .filter((uri) => uri.length > 0);
  if (uris.length === 0) return sendApiError(context, 400, "Missing required parameter: uris");
  if (uris.length > 40) return sendApiError(context, 400, "Too many URIs requested: the maximum is 40");
  const invalid = uris.find((uri) => parseUri(uri) === undefined);
  if (invalid !== undefined) return sendApiError(context, 400, `Invalid URI: ${invalid}`);
  if (save) context.state.library.save(uris);
  else context.state.library.unsave(uris);
  return sendEmpty(context, 200);
}

const SEARCH_TYPES = ["album", "artist", "playlist", "track", "show", "episode", "audiobook"] as const;

function search(context: RequestContext): void {
  const params = context.url.searchParams;
  const q = params.get("q") ?? "";
  if (!q.trim()) return sendApiError(context, 400, "No search query");
  const typeParam = params.get("type");
  if (!typeParam) return sendApiError(context, 400, "Missing parameter type");
  const types = typeParam.split(",").map((type) => type.trim());
  const bad = types.find((type) => !(SEARCH_TYPES as readonly string[]).includes(type));
  if (bad !== undefined) return sendApiError(context, 400, `Bad search type field ${bad}`);
  // Development mode caps search at 10 results per type (default 5).
  const limit = limitParam(context, 10, 5);
  if (limit === undefined) return;
  const offset = offsetParam(context, 1000);
  if (offset === undefined) return;
  const query = parseSearchQuery(q);
  const urls = urlsOf(context);
  const body: Json = {};
  for (const type of SEARCH_TYPES) {
    if (!types.includes(type)) continue;
    if (type === "track") body.tracks = paging(context, searchTracks(query), offset, limit, (track) => trackObject(urls, track));
    else if (type === "artist") body.artists = paging(context, searchArtists(query), offset, limit, (artist) => artistObject(urls, artist));
    else if (type === "album") body.albums = paging(context, searchAlbums(query), offset, limit, (album) => simplifiedAlbum(urls, album));
    // Playlists, shows, episodes and audiobooks are valid types the fake has nothing for.
    else body[`${type}s`] = paging(context, [] as Json[], offset, limit, (item) => item);
  }
  return sendJson(context, 200, body);
}

function oneTrack(context: RequestContext, rawId: string): void {
  const id = idParam(context, rawId);
  if (id === undefined) return;
  const track = fakeWorld().catalog.tracksById.get(id);
  if (!track) return sendApiError(context, 404, "Resource not found");
  return sendJson(context, 200, trackObject(urlsOf(context), track));
}

function oneArtist(context: RequestContext, rawId: string): void {
  const id = idParam(context, rawId);
  if (id === undefined) return;
  const artist = fakeWorld().catalog.artistsById.get(id);
  if (!artist) return sendApiError(context, 404, "Resource not found");
  return sendJson(context, 200, artistObject(urlsOf(context), artist));
}

const ALBUM_GROUPS: readonly AlbumGroup[] = ["album", "single", "compilation", "appears_on"];

function artistAlbums(context: RequestContext, rawId: string): void {
  const id = idParam(context, rawId);
  if (id === undefined) return;
  const world = fakeWorld();
  const artist = world.catalog.artistsById.get(id);
  if (!artist) return sendApiError(context, 404, "Resource not found");
  const groupsParam = context.url.searchParams.get("include_groups");
  const groups = groupsParam ? groupsParam.split(",").map((group) => group.trim()) : [...ALBUM_GROUPS];
  const badGroup = groups.find((group) => !(ALBUM_GROUPS as readonly string[]).includes(group));
  if (badGroup !== undefined) return sendApiError(context, 400, `Invalid include_groups value: ${badGroup}`);
  // The current spec: at most 10 per page, 5 by default.
  const limit = limitParam(context, 10, 5);
  if (limit === undefined) return;
  const offset = offsetParam(context);
  if (offset === undefined) return;
  const newestFirst = (albums: readonly DemoAlbum[]) =>
    [...albums].sort((a, b) => (a.releaseDate < b.releaseDate ? 1 : a.releaseDate > b.releaseDate ? -1 : 0));
  const own = world.catalog.albumsByArtist.get(id) ?? [];
  const all: Array<{ album: DemoAlbum; group: AlbumGroup }> = [];
  for (const group of ALBUM_GROUPS) {
    if (!groups.includes(group)) continue;
    const albums = group === "appears_on" ? (world.appearsOn.get(id) ?? []) : own.filter((album) => album.albumType === group);
    for (const album of newestFirst(albums)) all.push({ album, group });
  }
  const urls = urlsOf(context);
  return sendJson(
    context,
    200,
    paging(context, all, offset, limit, ({ album, group }) => discographyAlbum(urls, album, group)),
  );
}

function albumTracks(context: RequestContext, rawId: string): void {
  const id = idParam(context, rawId);
  if (id === undefined) return;
  const { catalog } = fakeWorld();
  if (!catalog.albumsById.has(id)) return sendApiError(context, 404, "Resource not found");
  const limit = limitParam(context, 50, 20);
  if (limit === undefined) return;
  const offset = offsetParam(context);
  if (offset === undefined) return;
  const urls = urlsOf(context);
  return sendJson(
    context,
    200,
    paging(context, catalog.tracksByAlbum.get(id) ?? [], offset, limit, (track) => simplifiedTrack(urls, track)),
  );
}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

type Handler = (context: RequestContext, ...params: string[]) => void;

const ROUTES: ReadonlyArray<{ pattern: RegExp; methods: Partial<Record<string, Handler>> }> = [
  { pattern: /^\/v1\/me$/, methods: { GET: (context) => sendJson(context, 200, privateUser(context)) } },
  { pattern: /^\/v1\/me\/top\/tracks$/, methods: { GET: (context) => topItems(context, "tracks") } },
  { pattern: /^\/v1\/me\/top\/artists$/, methods: { GET: (context) => topItems(context, "artists") } },
  { pattern: /^\/v1\/me\/player\/recently-played$/, methods: { GET: recentlyPlayed } },
  { pattern: /^\/v1\/me\/tracks$/, methods: { GET: savedTracks } },
  {
    pattern: /^\/v1\/me\/library$/,
    methods: { PUT: (context) => changeLibrary(context, true), DELETE: (context) => changeLibrary(context, false) },
  },
  { pattern: /^\/v1\/search$/, methods: { GET: search } },
  { pattern: /^\/v1\/tracks\/([^/]+)$/, methods: { GET: oneTrack } },
  { pattern: /^\/v1\/artists\/([^/]+)$/, methods: { GET: oneArtist } },
  { pattern: /^\/v1\/artists\/([^/]+)\/albums$/, methods: { GET: artistAlbums } },
  { pattern: /^\/v1\/albums\/([^/]+)\/tracks$/, methods: { GET: albumTracks } },
  { pattern: /^\/v1\/me\/playlists$/, methods: { GET: myPlaylists, POST: createPlaylist } },
  { pattern: /^\/v1\/playlists\/([^/]+)$/, methods: { GET: getPlaylist, PUT: changePlaylistDetails } },
  { pattern: /^\/v1\/playlists\/([^/]+)\/items$/, methods: { GET: playlistItems, POST: addPlaylistItems, PUT: updatePlaylistItems } },
  { pattern: /^\/v1\/me\/player$/, methods: { GET: playbackState } },
  { pattern: /^\/v1\/me\/player\/devices$/, methods: { GET: devices } },
  { pattern: /^\/v1\/me\/player\/play$/, methods: { PUT: play } },
  { pattern: /^\/v1\/me\/player\/pause$/, methods: { PUT: pause } },
  { pattern: /^\/v1\/me\/player\/next$/, methods: { POST: next } },
  { pattern: /^\/v1\/me\/player\/queue$/, methods: { POST: queue } },
];

export async function handleApi(context: RequestContext): Promise<void> {
  const { state, url, request } = context;
  // One lookup per request: "*" faults match every path, so a second lookup would count them twice.
  const fault = state.takeFault(url.pathname, request.method ?? "GET");
  if (fault?.delayMs) await new Promise((resolve) => setTimeout(resolve, fault.delayMs));
  if (fault && fault.status >= 400) {
    const headers: Record<string, string> = fault.retryAfter !== undefined ? { "retry-after": String(fault.retryAfter) } : {};
    const message =
      fault.message ??
      (fault.status === 429 ? (fault.reason === "QUOTA_EXCEEDED" ? "Too many requests" : "API rate limit exceeded") : "Server error");
    return sendApiError(context, fault.status, message, { reason: fault.reason, headers });
  }

  const header = request.headers.authorization;
  if (!header?.startsWith("Bearer ")) return sendApiError(context, 401, "No token provided");
  const token = state.accessTokens.get(header.slice(7));
  if (!token) return sendApiError(context, 401, "Invalid access token");
  if (token.expiresAt <= Date.now()) return sendApiError(context, 401, "The access token expired");

  const method = request.method ?? "GET";
  const removed = REMOVED_FOR_DEV_MODE.find(
    (entry) => entry.pattern.test(url.pathname) && (!entry.methods || entry.methods.includes(method)),
  );
  if (removed) return sendApiError(context, removed.status, removed.status === 404 ? "Not found" : "Forbidden");

  for (const route of ROUTES) {
    const match = route.pattern.exec(url.pathname);
    if (!match) continue;
    const handler = route.methods[method];
    if (!handler) return sendApiError(context, 405, "Method not allowed");
    return handler(context, ...match.slice(1).map(decodeSegment));
  }
  return sendApiError(context, 404, "Service not found");
}
