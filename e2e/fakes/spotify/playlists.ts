/**
 * Playlists: the listener's own and followed ones, creation, and items (the February 2026
 * `/items` paths). Items are readable and writable only for playlists the listener owns or
 * collaborates on; others answer 403, as Spotify does for a development-mode app.
 */
import { sendApiError, sendEmpty, sendJson, type RequestContext } from "./http";
import { newBase62Id, snapshotId, type FakePlaylist, type PlaylistEntry } from "./library";
import { images, isoSeconds, ownerRef, paging, trackObject, urlsOf, userRef, type Json, type Urls } from "./objects";
import { idParam, jsonBody, limitParam, offsetParam, parseUri } from "./params";
import { fakeWorld } from "./world";

function ownerOf(context: RequestContext, playlist: FakePlaylist): { id: string; name: string } {
  return playlist.ownerId === ""
    ? { id: context.state.user.id, name: context.state.user.display_name }
    : { id: playlist.ownerId, name: playlist.ownerName };
}

function coverOf(urls: Urls, playlist: FakePlaylist) {
  const first = playlist.entries[0];
  const track = first ? fakeWorld().catalog.tracksById.get(first.uri.slice("spotify:track:".length)) : undefined;
  return track ? images(urls, "album", track.albumId) : [];
}

function playlistBase(context: RequestContext, playlist: FakePlaylist): Json {
  const urls = urlsOf(context);
  const owner = ownerOf(context, playlist);
  return {
    collaborative: playlist.collaborative,
    description: playlist.description,
    external_urls: { spotify: `https://open.spotify.com/playlist/${playlist.id}` },
    href: `${urls.api}/playlists/${playlist.id}`,
    id: playlist.id,
    images: coverOf(urls, playlist),
    name: playlist.name,
    owner: ownerRef(urls, owner.id, owner.name),
    public: playlist.public,
    snapshot_id: snapshotId(playlist),
    type: "playlist",
    uri: `spotify:playlist:${playlist.id}`,
  };
}

/** SimplifiedPlaylistObject: `items: {href, total}`, with the deprecated `tracks` twin still sent. */
function simplifiedPlaylist(context: RequestContext, playlist: FakePlaylist): Json {
  const { api } = urlsOf(context);
  const ref = { href: `${api}/playlists/${playlist.id}/items`, total: playlist.entries.length };
  return { ...playlistBase(context, playlist), items: ref, tracks: ref };
}

function playlistTrack(context: RequestContext, entry: PlaylistEntry): Json {
  const urls = urlsOf(context);
  const track = fakeWorld().catalog.tracksById.get(entry.uri.slice("spotify:track:".length));
  const item = track ? trackObject(urls, track) : null;
  // "" stands for the fake's own listener, as in library.ts.
  const adder = entry.addedBy === "" ? context.state.user.id : entry.addedBy;
  // `track` is the deprecated twin of `item`; both are sent while clients move over.
  return { added_at: isoSeconds(entry.addedAt), added_by: userRef(urls, adder), is_local: false, item, track: item };
}

const canEdit = (context: RequestContext, playlist: FakePlaylist) =>
  playlist.collaborative || context.state.library.owns(playlist, context.state.user.id);

/** The full PlaylistObject; `items` (a page of up to 100) only where the listener may read them. */
function fullPlaylist(context: RequestContext, playlist: FakePlaylist): Json {
  const body: Json = { ...playlistBase(context, playlist), followers: { href: null, total: playlist.public ? 3 : 0 } };
  if (canEdit(context, playlist)) {
    const { api } = urlsOf(context);
    const page = {
      href: `${api}/playlists/${playlist.id}/items?offset=0&limit=100`,
      items: playlist.entries.slice(0, 100).map((entry) => playlistTrack(context, entry)),
      limit: 100,
      next: playlist.entries.length > 100 ? `${api}/playlists/${playlist.id}/items?offset=100&limit=100` : null,
      offset: 0,
      previous: null,
      total: playlist.entries.length,
    };
    body.items = page;
    body.tracks = page;
  }
  return body;
}

function findPlaylist(context: RequestContext, rawId: string): FakePlaylist | undefined {
  const id = idParam(context, rawId);
  if (id === undefined) return undefined;
  const playlist = context.state.library.playlists.find((candidate) => candidate.id === id);
  if (!playlist) sendApiError(context, 404, "Resource not found");
  return playlist;
}

export function myPlaylists(context: RequestContext): void {
  const limit = limitParam(context, 50, 20);
  if (limit === undefined) return;
  const offset = offsetParam(context, 100_000);
  if (offset === undefined) return;
  return sendJson(
    context,
    200,
    paging(context, context.state.library.playlists, offset, limit, (playlist) => simplifiedPlaylist(context, playlist)),
  );
}

export function createPlaylist(context: RequestContext): void {
  const body = jsonBody(context);
  if (body === undefined) return;
  if (typeof body.name !== "string" || body.name.trim() === "") return sendApiError(context, 400, "Missing required field: name");
  if (body.public !== undefined && typeof body.public !== "boolean") return sendApiError(context, 400, "Invalid value for field: public");
  if (body.collaborative !== undefined && typeof body.collaborative !== "boolean")
    return sendApiError(context, 400, "Invalid value for field: collaborative");
  if (body.description !== undefined && typeof body.description !== "string")
    return sendApiError(context, 400, "Invalid value for field: description");
  const isPublic = body.public ?? true;
  const collaborative = body.collaborative ?? false;
  if (collaborative && isPublic) return sendApiError(context, 400, "Collaborative playlists can only be private.");
  const playlist: FakePlaylist = {
    id: newBase62Id(),
    name: body.name,
    description: body.description ?? "",
    public: isPublic,
    collaborative,
    ownerId: "",
    ownerName: "",
    version: 1,
    entries: [],
  };
  context.state.library.playlists.unshift(playlist);
  return sendJson(context, 201, fullPlaylist(context, playlist));
}

export function getPlaylist(context: RequestContext, rawId: string): void {
  const playlist = findPlaylist(context, rawId);
  if (playlist) sendJson(context, 200, fullPlaylist(context, playlist));
}

export function playlistItems(context: RequestContext, rawId: string): void {
  const playlist = findPlaylist(context, rawId);
  if (!playlist) return;
  if (!canEdit(context, playlist)) return sendApiError(context, 403, "Forbidden");
  const limit = limitParam(context, 50, 20);
  if (limit === undefined) return;
  const offset = offsetParam(context);
  if (offset === undefined) return;
  return sendJson(
    context,
    200,
    paging(context, playlist.entries, offset, limit, (entry) => playlistTrack(context, entry)),
  );
}

/**
 * The track URIs of an add or replace request (a `uris` query parameter overrides the body), at
 * most 100, each an existing track; undefined after answering with Spotify's 400.
 */
function itemUris(context: RequestContext, body: Record<string, unknown>, allowEmpty: boolean): string[] | undefined {
  const fromQuery = context.url.searchParams.get("uris");
  const uris: unknown =
    fromQuery !== null
      ? fromQuery
          .split(",")
          .map((uri) => uri.trim())
          .filter((uri) => uri !== "")
      : body.uris;
  if (!Array.isArray(uris) || (!allowEmpty && uris.length === 0) || !uris.every((uri) => typeof uri === "string")) {
    sendApiError(context, 400, "No uris provided");
    return undefined;
  }
  if (uris.length > 100) {
    sendApiError(context, 400, "Too many items requested: the maximum is 100");
    return undefined;
  }
  const { tracksById } = fakeWorld().catalog;
  for (const uri of uris as string[]) {
    const parsed = parseUri(uri);
    if (!parsed || (parsed.type !== "track" && parsed.type !== "episode")) {
      sendApiError(context, 400, `Invalid track uri: ${uri}`);
      return undefined;
    }
    // The fake's catalog has no episodes to put in a playlist.
    if (parsed.type === "episode" || !tracksById.has(parsed.id)) {
      sendApiError(context, 400, "Payload contains a non-existing ID");
      return undefined;
    }
  }
  return uris as string[];
}

/** Appends (or inserts at `position`) up to 100 track URIs; a `uris` query parameter overrides the body. */
export function addPlaylistItems(context: RequestContext, rawId: string): void {
  const playlist = findPlaylist(context, rawId);
  if (!playlist) return;
  if (!canEdit(context, playlist)) return sendApiError(context, 403, "Forbidden");
  const body = jsonBody(context);
  if (body === undefined) return;
  const query = context.url.searchParams;
  const uris = itemUris(context, body, false);
  if (uris === undefined) return;
  const rawPosition = query.get("position") ?? body.position;
  let position = playlist.entries.length;
  if (rawPosition !== undefined && rawPosition !== null) {
    position = Number(rawPosition);
    if (!Number.isInteger(position) || position < 0 || position > playlist.entries.length)
      return sendApiError(context, 400, "Index out of bounds");
  }
  const now = Math.floor(Date.now() / 1000) * 1000;
  playlist.entries.splice(position, 0, ...uris.map((uri) => ({ uri, addedAt: now, addedBy: "" })));
  playlist.version += 1;
  return sendJson(context, 201, { snapshot_id: snapshotId(playlist) });
}

const isIndex = (value: unknown): value is number => Number.isInteger(value) && (value as number) >= 0;

/**
 * PUT /playlists/{id}/items: either replace every item with up to 100 URIs (an empty list clears
 * the playlist) or move `range_length` items from `range_start` to before `insert_before`, never
 * both in one request. 200 with the new snapshot_id.
 */
export function updatePlaylistItems(context: RequestContext, rawId: string): void {
  const playlist = findPlaylist(context, rawId);
  if (!playlist) return;
  if (!canEdit(context, playlist)) return sendApiError(context, 403, "Forbidden");
  const body = jsonBody(context);
  if (body === undefined) return;
  const replacing = context.url.searchParams.has("uris") || body.uris !== undefined;
  const reordering = body.range_start !== undefined || body.insert_before !== undefined;
  if (replacing && reordering) return sendApiError(context, 400, "Cannot replace and reorder items in the same request");
  if (replacing) {
    const uris = itemUris(context, body, true);
    if (uris === undefined) return;
    const now = Math.floor(Date.now() / 1000) * 1000;
    playlist.entries = uris.map((uri) => ({ uri, addedAt: now, addedBy: "" }));
  } else {
    const { range_start: start, insert_before: before, range_length: rawLength = 1 } = body;
    const length = rawLength as number;
    if (!isIndex(start) || !isIndex(before) || !Number.isInteger(length) || length < 1)
      return sendApiError(context, 400, "Missing or invalid range_start, insert_before or range_length");
    if (start + length > playlist.entries.length || before > playlist.entries.length)
      return sendApiError(context, 400, "Index out of bounds");
    if (body.snapshot_id !== undefined && body.snapshot_id !== snapshotId(playlist))
      return sendApiError(context, 400, "Invalid snapshot id");
    const moved = playlist.entries.splice(start, length);
    playlist.entries.splice(before > start ? before - length : before, 0, ...moved);
  }
  playlist.version += 1;
  return sendJson(context, 200, { snapshot_id: snapshotId(playlist) });
}

/** PUT /playlists/{id}: name, description, public, collaborative; only the owner may. 200, no body. */
export function changePlaylistDetails(context: RequestContext, rawId: string): void {
  const playlist = findPlaylist(context, rawId);
  if (!playlist) return;
  if (!context.state.library.owns(playlist, context.state.user.id)) return sendApiError(context, 403, "Forbidden");
  const body = jsonBody(context);
  if (body === undefined) return;
  if (body.name !== undefined && (typeof body.name !== "string" || body.name.trim() === ""))
    return sendApiError(context, 400, "Invalid value for field: name");
  for (const field of ["public", "collaborative"] as const)
    if (body[field] !== undefined && typeof body[field] !== "boolean")
      return sendApiError(context, 400, `Invalid value for field: ${field}`);
  if (body.description !== undefined && typeof body.description !== "string")
    return sendApiError(context, 400, "Invalid value for field: description");
  const isPublic = (body.public as boolean | undefined) ?? playlist.public;
  const collaborative = (body.collaborative as boolean | undefined) ?? playlist.collaborative;
  if (collaborative && isPublic) return sendApiError(context, 400, "Collaborative playlists can only be private.");
  if (typeof body.name === "string") playlist.name = body.name;
  if (typeof body.description === "string") playlist.description = body.description;
  playlist.public = isPublic;
  playlist.collaborative = collaborative;
  playlist.version += 1;
  return sendEmpty(context, 200);
}
