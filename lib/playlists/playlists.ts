import "server-only";
import { createHash, randomBytes } from "node:crypto";
import type { Listener } from "@/lib/auth";
import {
  DuplicateKeyError,
  getStore,
  playlistsRepository,
  type PlaylistDocument,
  type PlaylistOrigin,
  type PlaylistVersionDocument,
  type SpotifySync,
} from "@/lib/db";
import { AppError } from "@/lib/errors";
import { applyEdit, PlaylistEditError, toPlaylistTrack, uniqueTracks, type PlaylistContent } from "./edit";
import { playlistDescription, playlistName, type PlaylistEdit, type PlaylistTrackInput } from "./limits";
import type { Playlist, PlaylistSummary, PlaylistVersionSummary } from "./types";

/**
 * The listener's stored playlists: every function takes the listener first and only ever reads or
 * writes their documents (another listener's playlist is "not found"). Every change is a new
 * version; the head moves by a conditional update on the version the caller saw, so an edit made
 * from a stale view is refused with a conflict instead of overwriting the other window's change.
 */

/** An edit made from a version that is no longer the head (409). */
export class ConflictError extends AppError {
  static override readonly brand = "PlaylistConflictError";

  constructor(current: number | null) {
    super("conflict", {
      detail: "This playlist changed in another window; reload to see it.",
      extensions: current === null ? {} : { currentVersion: current },
    });
    this.name = "ConflictError";
  }
}

const notFound = () => new AppError("not_found", { detail: "This playlist does not exist, or it was deleted. Go back to your playlists." });

function invalid(error: PlaylistEditError, prefix: string): AppError {
  return new AppError("validation_failed", {
    detail: error.message,
    errors: [{ field: `${prefix}.${error.field}`, message: error.message }],
  });
}

/** A document as callers see it: no owner field, `id` for `_id`. */
export function toPlaylist(document: PlaylistDocument): Playlist {
  const { _id, userId: _owner, ...rest } = document;
  return { id: _id, ...rest };
}

function summaryOf(document: PlaylistDocument): PlaylistSummary {
  const { _id, userId: _owner, tracks, ...rest } = document;
  const images = [...new Set(tracks.map((track) => track.imageUrl).filter((url): url is string => url !== null))].slice(0, 4);
  return {
    id: _id,
    ...rest,
    trackCount: tracks.length,
    durationMs: tracks.reduce((sum, track) => sum + (track.durationMs ?? 0), 0),
    imageUrls: images,
  };
}

function versionSummaryOf(document: PlaylistVersionDocument, head: number): PlaylistVersionSummary {
  return {
    version: document.version,
    label: document.label,
    name: document.name,
    trackCount: document.tracks.length,
    createdAt: document.createdAt,
    current: document.version === head,
  };
}

async function repository() {
  return playlistsRepository(await getStore());
}

/** The id a create with this client request id gets: the same request retried finds its playlist. */
function idFor(listener: Listener, requestId: string | undefined): string {
  if (!requestId) return randomBytes(12).toString("base64url");
  return createHash("sha256").update(`${listener.id}\n${requestId}`).digest("base64url").slice(0, 16);
}

/** The listener's playlists, most recently changed first, without their tracks. */
export async function listPlaylists(listener: Listener): Promise<PlaylistSummary[]> {
  return (await (await repository()).list(listener.id)).map(summaryOf);
}

/** One playlist of the listener, or null when it is not theirs or not there. */
export async function getPlaylist(listener: Listener, id: string): Promise<Playlist | null> {
  const document = await (await repository()).find(listener.id, id);
  return document ? toPlaylist(document) : null;
}

/** The playlist a create with this request id made, or null: a retry answers without doing the work again. */
export async function playlistForRequest(listener: Listener, requestId: string): Promise<Playlist | null> {
  const document = await (await repository()).find(listener.id, idFor(listener, requestId));
  return document ? toPlaylist(document) : null;
}

export interface NewPlaylist {
  name: string;
  description?: string;
  origin: PlaylistOrigin;
  tracks: PlaylistTrackInput[];
  blendId?: string | null;
  /** The client's id for this create: sending it again returns the playlist the first one made. */
  requestId?: string;
  /** Version 1's label ("Created from your Discover picks"); "Created" by default. */
  label?: string;
}

/** Creates a playlist at version 1. Tracks are kept in order, each key once. */
export async function createPlaylist(listener: Listener, input: NewPlaylist): Promise<Playlist> {
  const name = playlistName.safeParse(input.name);
  if (!name.success) throw new AppError("validation_failed", { errors: [{ field: "body.name", message: name.error.issues[0]!.message }] });
  const description = playlistDescription.safeParse(input.description ?? "");
  if (!description.success)
    throw new AppError("validation_failed", { errors: [{ field: "body.description", message: description.error.issues[0]!.message }] });
  let tracks;
  try {
    tracks = uniqueTracks(input.tracks.map(toPlaylistTrack));
  } catch (error) {
    if (error instanceof PlaylistEditError) throw invalid(error, "body");
    throw error;
  }
  const repo = await repository();
  const id = idFor(listener, input.requestId);
  if (input.requestId) {
    const existing = await repo.find(listener.id, id);
    if (existing) return toPlaylist(existing);
  }
  const now = new Date();
  const document: PlaylistDocument = {
    _id: id,
    userId: listener.id,
    name: name.data,
    description: description.data,
    origin: input.origin,
    tracks,
    version: 1,
    latestVersion: 1,
    createdAt: now,
    updatedAt: now,
    spotify: null,
    blendId: input.blendId ?? null,
  };
  try {
    await repo.insert(document, input.label ?? "Created");
  } catch (error) {
    if (!(error instanceof DuplicateKeyError)) throw error;
    // The same request raced itself (a retry while the first was still writing): the first won.
    const winner = await repo.find(listener.id, id);
    if (!winner) throw error;
    return toPlaylist(winner);
  }
  return toPlaylist(document);
}

/**
 * Writes `content` as the version after `current`'s head, dropping any redo tail, and returns the
 * new head. Throws ConflictError when the head moved since `current` was read.
 */
async function commit(
  repo: Awaited<ReturnType<typeof repository>>,
  current: PlaylistDocument,
  content: PlaylistContent,
  label: string,
): Promise<Playlist> {
  const now = new Date();
  const next = current.version + 1;
  // The redo tail goes first: a redo racing this edit then finds its version missing and is refused.
  if (current.latestVersion > current.version)
    await repo.dropVersionsAbove(current.userId, current._id, current.version, current.latestVersion);
  await repo.putVersion({ _id: current._id, userId: current.userId, version: next }, content, label, now);
  const head = { ...content, version: next, latestVersion: next, updatedAt: now };
  if (!(await repo.moveHead(current.userId, current._id, current, head))) {
    // Another write won. If it made the same version number, its content is the head: put it back
    // into that version's document, which this attempt overwrote.
    const winner = await repo.find(current.userId, current._id);
    if (!winner) throw notFound();
    if (winner.version === next)
      await repo.putVersion(winner, winner, (await repo.version(winner.userId, winner._id, next))?.label ?? label);
    throw new ConflictError(winner.version);
  }
  return toPlaylist({ ...current, ...head });
}

async function headAt(
  repo: Awaited<ReturnType<typeof repository>>,
  listener: Listener,
  id: string,
  baseVersion: number,
): Promise<PlaylistDocument> {
  const current = await repo.find(listener.id, id);
  if (!current) throw notFound();
  if (current.version !== baseVersion) throw new ConflictError(current.version);
  return current;
}

/**
 * Applies one edit to the version the listener saw (`baseVersion`) and returns the new head. An
 * edit that changes nothing returns the playlist as it is, without a version. A stale
 * `baseVersion` is a ConflictError (409); an edit the playlist cannot take is a 400 saying why.
 */
export async function editPlaylist(listener: Listener, id: string, baseVersion: number, edit: PlaylistEdit): Promise<Playlist> {
  const repo = await repository();
  const current = await headAt(repo, listener, id, baseVersion);
  let result;
  try {
    result = applyEdit(current, edit);
  } catch (error) {
    if (error instanceof PlaylistEditError) throw invalid(error, "body.edit");
    throw error;
  }
  if (!result) return toPlaylist(current);
  return commit(repo, current, result.content, result.label);
}

/** Moves the head to another kept version (undo and redo): the versions themselves stay. */
async function moveTo(listener: Listener, id: string, baseVersion: number, step: -1 | 1): Promise<Playlist> {
  const repo = await repository();
  const current = await headAt(repo, listener, id, baseVersion);
  const target = current.version + step;
  if (target < 1 || target > current.latestVersion) {
    const what = step < 0 ? "Nothing to undo: this is the playlist's first version." : "Nothing to redo: this is the newest version.";
    throw new AppError("conflict", { detail: what, extensions: { currentVersion: current.version } });
  }
  const version = await repo.version(listener.id, id, target);
  if (!version) throw new ConflictError(current.version);
  const head = {
    name: version.name,
    description: version.description,
    tracks: version.tracks,
    version: target,
    latestVersion: current.latestVersion,
    updatedAt: new Date(),
  };
  if (!(await repo.moveHead(listener.id, id, current, head))) throw new ConflictError((await repo.find(listener.id, id))?.version ?? null);
  return toPlaylist({ ...current, ...head });
}

/** Steps back one version (the newer ones stay for redo until the next edit). */
export function undoPlaylist(listener: Listener, id: string, baseVersion: number): Promise<Playlist> {
  return moveTo(listener, id, baseVersion, -1);
}

/** Steps forward one version, after an undo. */
export function redoPlaylist(listener: Listener, id: string, baseVersion: number): Promise<Playlist> {
  return moveTo(listener, id, baseVersion, 1);
}

/**
 * Makes an old version the head again, as a NEW version copying it: the history only grows, so a
 * restore can itself be undone. Restoring from a stale view is a conflict when `baseVersion` is given.
 */
export async function restorePlaylistVersion(listener: Listener, id: string, version: number, baseVersion?: number): Promise<Playlist> {
  const repo = await repository();
  const current = await repo.find(listener.id, id);
  if (!current) throw notFound();
  if (baseVersion !== undefined && current.version !== baseVersion) throw new ConflictError(current.version);
  const old = await repo.version(listener.id, id, version);
  if (!old || version > current.latestVersion)
    throw new AppError("not_found", { detail: `Version ${version} of this playlist is not kept; pick one from its history.` });
  if (version === current.version) return toPlaylist(current);
  return commit(repo, current, { name: old.name, description: old.description, tracks: old.tracks }, `Restored version ${version}`);
}

/** The playlist's versions, newest first, each with what changed (null when the playlist is not theirs). */
export async function listPlaylistVersions(listener: Listener, id: string): Promise<PlaylistVersionSummary[] | null> {
  const repo = await repository();
  const current = await repo.find(listener.id, id);
  if (!current) return null;
  return (await repo.versions(listener.id, id)).map((version) => versionSummaryOf(version, current.version));
}

/** Deletes the playlist and its versions (not the copy on Spotify); false when it was not theirs. */
export async function deletePlaylist(listener: Listener, id: string): Promise<boolean> {
  return (await repository()).remove(listener.id, id);
}

/** Records where the playlist stands on Spotify (the save path writes it as it goes). */
export async function setSpotifySync(listener: Listener, id: string, sync: SpotifySync): Promise<void> {
  if (!(await (await repository()).setSpotify(listener.id, id, sync))) throw notFound();
}
