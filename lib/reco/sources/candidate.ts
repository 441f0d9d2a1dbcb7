import { normaliseName, type ListeningIndex } from "@/lib/listening";
import type { TrackProfile } from "../profile";
import type { CatalogTrack, CollaborativeSignal, RecoRequest, RecoSource } from "../types";

export const DAY_MS = 86_400_000;

/** One track a source proposes, with the source's own strength and the evidence for it. */
export interface Candidate {
  key: string;
  trackId: string | null;
  name: string;
  artist: string;
  album: string | null;
  source: RecoSource;
  /** The source's own strength, 0 to 1. */
  strength: number;
  evidence: string;
  familiar: boolean;
  facts?: CatalogTrack;
  /** The normalised artist name (set once the pool is built). */
  artistKey?: string;
  /** 0 known track, 0.5 unheard track by a known artist, 1 unknown artist (set once the pool is built). */
  newness?: number;
}

/** What every source reads: the listener's history and profile, the request and the catalogue. */
export interface SourceInput {
  index: ListeningIndex;
  profile: TrackProfile;
  request: RecoRequest;
  collaborative?: CollaborativeSignal;
  /** Track ids of the index by track key and by normalised `artist|title`. */
  heard: ReadonlyMap<string, number>;
  /** A known Spotify track id per artist of the index. */
  knownTrackOfArtist: ReadonlyMap<number, string>;
  /** An artist's catalogue tracks; empty when the catalogue fails (the pool is then not kept). */
  artistTracksOf(name: string, knownTrackId: string | null): Promise<CatalogTrack[]>;
}

/** A track of the listener's own history as a candidate. */
export function historyCandidate(index: ListeningIndex, id: number, source: RecoSource, strength: number, evidence: string): Candidate {
  const track = index.tracks[id]!;
  return {
    key: track.key,
    trackId: track.trackId,
    name: track.name,
    artist: index.artists[track.artist]?.name ?? "",
    album: track.album >= 0 ? (index.albums[track.album]?.name ?? null) : null,
    source,
    strength,
    evidence,
    familiar: true,
  };
}

/** Whether the listener has played a catalogue track (by id, or by artist and title). */
export function hasHeard(heard: ReadonlyMap<string, number>, track: CatalogTrack): boolean {
  return heard.has(`spotify:track:${track.trackId}`) || heard.has(`${normaliseName(track.artist)}|${normaliseName(track.name)}`);
}
