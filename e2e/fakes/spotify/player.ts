/**
 * The player: playback state, devices and the commands EchoTune sends. Commands need a Premium
 * listener (403 PREMIUM_REQUIRED) and a target device: `device_id`, or else the active one
 * (404 NO_ACTIVE_DEVICE). Bodies are those of reference 3.4, exactly.
 */
import type { DemoTrack } from "@/lib/demo";
import { sendApiError, sendEmpty, sendJson, type RequestContext } from "./http";
import type { FakeDevice, FakeLibrary } from "./library";
import { contextFor, trackObject, urlsOf, type Json } from "./objects";
import { jsonBody, parseUri } from "./params";
import { fakeWorld, rankListens, TIME_RANGES } from "./world";

const deviceObject = (device: FakeDevice): Json => ({ ...device });

/** The track to resume when nothing was started yet: the listener's latest play. */
function lastPlayedTrack(library: FakeLibrary): string | null {
  const plays = library.plays();
  return plays[plays.length - 1]?.trackId ?? null;
}

function trackById(id: string | null): DemoTrack | undefined {
  return id === null ? undefined : fakeWorld().catalog.tracksById.get(id);
}

/** 204 when no device is active; otherwise the CurrentlyPlayingContextObject. */
export function playbackState(context: RequestContext): void {
  const { library } = context.state;
  const device = library.activeDevice();
  if (!device) return sendEmpty(context, 204);
  const { player } = library;
  player.trackId ??= lastPlayedTrack(library);
  const track = trackById(player.trackId);
  if (!track) return sendEmpty(context, 204);
  const urls = urlsOf(context);
  const body: Json = {
    device: deviceObject(device),
    repeat_state: player.repeat,
    shuffle_state: player.shuffle,
    timestamp: player.changedAt,
    progress_ms: library.progress(track.durationMs),
    is_playing: player.isPlaying,
    item: trackObject(urls, track),
    currently_playing_type: "track",
    // What the listener cannot do right now (a DisallowsObject: true means disallowed).
    actions: player.isPlaying ? { resuming: true } : { pausing: true },
  };
  // Spotify sends `context: null` for bare-URI playback; the spec's ContextObject is not
  // nullable, so the fake leaves the field out then.
  if (player.contextUri) body.context = contextFor(urls, player.contextUri);
  return sendJson(context, 200, body);
}

export function devices(context: RequestContext): void {
  return sendJson(context, 200, { devices: context.state.library.devices.map(deviceObject) });
}

/** The device a command goes to, or undefined after answering with Spotify's error. */
function targetDevice(context: RequestContext): FakeDevice | undefined {
  const { state } = context;
  if (state.user.product !== "premium") {
    sendApiError(context, 403, "Player command failed: Premium required", { reason: "PREMIUM_REQUIRED" });
    return undefined;
  }
  const deviceId = context.url.searchParams.get("device_id");
  const device = deviceId ? state.library.devices.find((candidate) => candidate.id === deviceId) : state.library.activeDevice();
  if (!device) {
    if (deviceId) sendApiError(context, 404, "Device not found");
    else sendApiError(context, 404, "Player command failed: No active device found", { reason: "NO_ACTIVE_DEVICE" });
    return undefined;
  }
  if (device.is_restricted) {
    sendApiError(context, 403, "Player command failed: Restriction violated", { reason: "DEVICE_NOT_CONTROLLABLE" });
    return undefined;
  }
  return device;
}

/** The tracks of an album, playlist or artist context, or undefined when there is no such context. */
function contextTracks(context: RequestContext, uri: string): string[] | undefined {
  const parsed = parseUri(uri);
  const { catalog } = fakeWorld();
  if (parsed?.type === "album") return catalog.tracksByAlbum.get(parsed.id)?.map((track) => track.id);
  if (parsed?.type === "playlist") {
    return context.state.library.playlists
      .find((playlist) => playlist.id === parsed.id)
      ?.entries.map((entry) => entry.uri.slice("spotify:track:".length));
  }
  if (parsed?.type === "artist") {
    const albums = catalog.albumsByArtist.get(parsed.id);
    return albums
      ? [...albums].reverse().flatMap((album) => (catalog.tracksByAlbum.get(album.id) ?? []).map((track) => track.id))
      : undefined;
  }
  return undefined;
}

/** Where to start in a context or URI list: `offset.position` or `offset.uri`; undefined if invalid. */
function startIndex(offset: unknown, ids: readonly string[]): number | undefined {
  if (offset === undefined || offset === null) return 0;
  if (typeof offset !== "object") return undefined;
  const { position, uri } = offset as { position?: unknown; uri?: unknown };
  if (position !== undefined)
    return Number.isInteger(position) && (position as number) >= 0 && (position as number) < ids.length ? (position as number) : undefined;
  if (typeof uri === "string") {
    const index = ids.indexOf(uri.slice("spotify:track:".length));
    return uri.startsWith("spotify:track:") && index >= 0 ? index : undefined;
  }
  return 0;
}

/** PUT /me/player/play: a context, a list of track URIs, or (with neither) resume. */
export function play(context: RequestContext): void {
  const device = targetDevice(context);
  if (!device) return;
  const body = jsonBody(context);
  if (body === undefined) return;
  const { library } = context.state;
  const { player } = library;
  const { tracksById } = fakeWorld().catalog;
  let ids: string[] | undefined;
  let contextUri: string | null = null;
  if (body.context_uri !== undefined) {
    const parsed = typeof body.context_uri === "string" ? parseUri(body.context_uri) : undefined;
    if (!parsed || !["album", "playlist", "artist"].includes(parsed.type)) return sendApiError(context, 400, "Invalid context uri");
    ids = contextTracks(context, parsed.uri);
    if (!ids || ids.length === 0) return sendApiError(context, 404, "Context not found");
    contextUri = parsed.uri;
  } else if (Array.isArray(body.uris) && body.uris.length > 0) {
    ids = [];
    for (const uri of body.uris as unknown[]) {
      const parsed = typeof uri === "string" ? parseUri(uri) : undefined;
      if (!parsed || parsed.type !== "track" || !tracksById.has(parsed.id))
        return sendApiError(context, 400, `Invalid track uri: ${String(uri)}`);
      ids.push(parsed.id);
    }
  } else if (body.uris !== undefined && !Array.isArray(body.uris)) {
    return sendApiError(context, 400, "Invalid uris");
  }
  const positionMs = body.position_ms;
  if (positionMs !== undefined && !(Number.isInteger(positionMs) && (positionMs as number) >= 0))
    return sendApiError(context, 400, "Invalid position_ms");

  if (ids) {
    const start = startIndex(body.offset, ids);
    if (start === undefined) return sendApiError(context, 400, "Invalid offset");
    player.trackId = ids[start] ?? null;
    player.upNext = ids.slice(start + 1);
    player.contextUri = contextUri;
    player.progressMs = (positionMs as number | undefined) ?? 0;
  } else {
    // Resume where playback stopped (or, the first time, the listener's latest play).
    const current = trackById(player.trackId);
    player.progressMs = (positionMs as number | undefined) ?? (current ? library.progress(current.durationMs) : 0);
    player.trackId ??= lastPlayedTrack(library);
  }
  library.activate(device);
  player.isPlaying = true;
  player.changedAt = Date.now();
  return sendEmpty(context, 204);
}

export function pause(context: RequestContext): void {
  const device = targetDevice(context);
  if (!device) return;
  const { library } = context.state;
  const { player } = library;
  if (!device.is_active || !player.isPlaying) {
    return sendApiError(context, 403, "Player command failed: Restriction violated", { reason: "ALREADY_PAUSED" });
  }
  player.progressMs = library.progress(trackById(player.trackId)?.durationMs ?? 0);
  player.isPlaying = false;
  player.changedAt = Date.now();
  return sendEmpty(context, 204);
}

/** Skips to the next queued track, else the next in the context, else one of the listener's favourites. */
export function next(context: RequestContext): void {
  const device = targetDevice(context);
  if (!device) return;
  const { library } = context.state;
  const { player } = library;
  let upcoming = player.queue.shift() ?? player.upNext.shift();
  if (upcoming === undefined) {
    const favourites = rankListens(library.plays(), Date.now() - TIME_RANGES.short_term, (play) => [play.trackId]);
    upcoming = favourites.find((id) => id !== player.trackId) ?? fakeWorld().catalog.tracks[0]?.id;
    player.contextUri = null;
  }
  player.trackId = upcoming ?? null;
  player.progressMs = 0;
  player.isPlaying = true;
  player.changedAt = Date.now();
  library.activate(device);
  return sendEmpty(context, 204);
}

/** POST /me/player/queue?uri=: a track to play next. */
export function queue(context: RequestContext): void {
  const device = targetDevice(context);
  if (!device) return;
  const uri = context.url.searchParams.get("uri");
  if (!uri) return sendApiError(context, 400, "Missing required parameter: uri");
  const parsed = parseUri(uri);
  if (!parsed || parsed.type !== "track" || !fakeWorld().catalog.tracksById.has(parsed.id))
    return sendApiError(context, 400, `Invalid track uri: ${uri}`);
  context.state.library.player.queue.push(parsed.id);
  return sendEmpty(context, 204);
}
