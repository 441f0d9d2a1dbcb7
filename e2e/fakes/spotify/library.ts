/**
 * What the fake listener changes: plays after the generated history, saved items, playlists,
 * devices and the player. Starts from the same state after every reset; the first use after a
 * reset derives the saved tracks and playlists from the listener's history.
 */
import { randomBytes } from "node:crypto";
import { createRandom } from "@/lib/demo";
import { fakeWorld, LISTEN_MS, rankListens, TIME_RANGES, type FakePlay } from "./world";

export interface FakeDevice {
  id: string;
  name: string;
  type: string;
  is_active: boolean;
  is_private_session: boolean;
  is_restricted: boolean;
  volume_percent: number | null;
  supports_volume: boolean;
}

export interface PlaylistEntry {
  uri: string;
  addedAt: number;
  /** A user id; "" is the fake's own listener. */
  addedBy: string;
}

export interface FakePlaylist {
  id: string;
  name: string;
  description: string;
  public: boolean;
  collaborative: boolean;
  /** "" is the fake's own listener (whose id tests may change); anything else another user. */
  ownerId: string;
  ownerName: string;
  /** Bumped on every change; the snapshot_id is derived from it. */
  version: number;
  entries: PlaylistEntry[];
}

export interface PlayerState {
  trackId: string | null;
  /** `spotify:album:…`, `spotify:playlist:…` or `spotify:artist:…`; null when playing bare URIs. */
  contextUri: string | null;
  /** Track ids that follow the current one in the context (or URI list). */
  upNext: string[];
  /** Track ids added with POST /me/player/queue, played before `upNext`. */
  queue: string[];
  isPlaying: boolean;
  progressMs: number;
  /** When playback last changed (ms): progress moves on from here while playing. */
  changedAt: number;
  shuffle: boolean;
  repeat: "off" | "track" | "context";
}

export interface SavedItem {
  addedAt: number;
  /** Order among items saved in the same request. */
  sequence: number;
}

const BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

/** A fresh 22-character base62 id, like Spotify's. */
export function newBase62Id(): string {
  return Array.from(randomBytes(22), (byte) => BASE62[byte % 62]).join("");
}

function seededBase62Id(label: string): string {
  const random = createRandom(`fake-spotify:${label}`);
  return Array.from({ length: 22 }, () => BASE62[Math.floor(random.next() * 62)]).join("");
}

export const FRIEND = { id: "mira-k", name: "Mira K" } as const;

export function defaultDevices(): FakeDevice[] {
  return [
    {
      id: "5fbb3ba6aa454b5534c4ba43a8c7e8e45a63ad0e",
      name: "Nova's MacBook",
      type: "Computer",
      is_active: false,
      is_private_session: false,
      is_restricted: false,
      volume_percent: 64,
      supports_volume: true,
    },
    {
      id: "c2a8e8f0b6d24f1e9a3b7c5d4e6f8a0b1c2d3e4f",
      name: "Nova's Pixel",
      type: "Smartphone",
      is_active: false,
      is_private_session: false,
      is_restricted: false,
      volume_percent: 100,
      supports_volume: false,
    },
  ];
}

const idlePlayer = (): PlayerState => ({
  trackId: null,
  contextUri: null,
  upNext: [],
  queue: [],
  isPlaying: false,
  progressMs: 0,
  changedAt: Date.now(),
  shuffle: false,
  repeat: "off",
});

export class FakeLibrary {
  /** Plays recorded after the generated history (admin hook, tests). */
  extraPlays: FakePlay[] = [];
  devices: FakeDevice[] = defaultDevices();
  player: PlayerState = idlePlayer();
  private savedItems: Map<string, SavedItem> | undefined;
  private playlistList: FakePlaylist[] | undefined;
  private sequence = 0;

  reset(): void {
    this.extraPlays = [];
    this.devices = defaultDevices();
    this.player = idlePlayer();
    this.savedItems = undefined;
    this.playlistList = undefined;
    this.sequence = 0;
  }

  /** Every track play, generated and recorded, oldest first. */
  plays(): FakePlay[] {
    const { history } = fakeWorld();
    if (this.extraPlays.length === 0) return history as FakePlay[];
    return [...history, ...this.extraPlays].sort((a, b) => a.playedAt - b.playedAt);
  }

  /**
   * Records a play as if the listener had just heard it (or at `playedAt`). Without a track id,
   * the listener's current favourite that was not played last is used.
   */
  recordPlay(input: { trackId?: string; playedAt?: number; msPlayed?: number } = {}): FakePlay {
    const { catalog } = fakeWorld();
    const plays = this.plays();
    let trackId = input.trackId;
    if (trackId === undefined) {
      const last = plays[plays.length - 1]?.trackId;
      const favourites = rankListens(plays, Date.now() - TIME_RANGES.short_term, (play) => [play.trackId]);
      trackId = favourites.find((id) => id !== last) ?? catalog.tracks[this.extraPlays.length % catalog.tracks.length]?.id ?? "";
    }
    const track = catalog.tracksById.get(trackId);
    if (!track) throw new Error(`The demo catalog has no track ${trackId}`);
    const latest = Math.max(0, ...plays.slice(-1).map((play) => play.playedAt));
    // Distinct, increasing timestamps even when several plays are recorded in one millisecond.
    const playedAt = input.playedAt ?? Math.max(Date.now(), latest + 1);
    const play = { trackId, playedAt, msPlayed: input.msPlayed ?? track.durationMs };
    this.extraPlays.push(play);
    return play;
  }

  /** Saved items by URI. At first: the listener's 150 most played tracks, saved around their first listen. */
  get saved(): Map<string, SavedItem> {
    if (!this.savedItems) {
      const plays = fakeWorld().history;
      const firstListen = new Map<string, number>();
      for (const play of plays)
        if (play.msPlayed >= LISTEN_MS && !firstListen.has(play.trackId)) firstListen.set(play.trackId, play.playedAt);
      const favourites = rankListens(plays, 0, (play) => [play.trackId]).slice(0, 150);
      this.savedItems = new Map(
        favourites.map((id, index) => [
          `spotify:track:${id}`,
          { addedAt: Math.floor(((firstListen.get(id) ?? 0) + 600_000) / 1000) * 1000, sequence: index },
        ]),
      );
    }
    return this.savedItems;
  }

  save(uris: readonly string[]): void {
    const now = Math.floor(Date.now() / 1000) * 1000;
    for (const uri of uris) {
      if (this.saved.has(uri)) continue;
      this.sequence += 1;
      this.saved.set(uri, { addedAt: now, sequence: 1_000_000 + this.sequence });
    }
  }

  unsave(uris: readonly string[]): void {
    for (const uri of uris) this.saved.delete(uri);
  }

  /** The listener's playlists, newest first: two of their own, and two of a friend's they follow (one collaborative). */
  get playlists(): FakePlaylist[] {
    if (!this.playlistList) {
      const { history, historyEnd } = fakeWorld();
      const ranked = rankListens(history, 0, (play) => [play.trackId]);
      const recent = rankListens(history, historyEnd - TIME_RANGES.short_term, (play) => [play.trackId]);
      const entries = (ids: string[], addedBy: string, since: number) =>
        ids.map((id, index) => ({ uri: `spotify:track:${id}`, addedAt: since + index * 3_600_000, addedBy }));
      const day = 86_400_000;
      this.playlistList = [
        {
          id: seededBase62Id("playlist:late-night"),
          name: "Late Night Rotation",
          description: "What keeps playing after midnight.",
          public: false,
          collaborative: false,
          ownerId: "",
          ownerName: "",
          version: 1,
          entries: entries(recent.slice(0, 25), "", historyEnd - 20 * day),
        },
        {
          id: seededBase62Id("playlist:all-time"),
          name: "All-Time Heavy Rotation",
          description: "",
          public: true,
          collaborative: false,
          ownerId: "",
          ownerName: "",
          version: 1,
          entries: entries(ranked.slice(0, 60), "", historyEnd - 200 * day),
        },
        {
          id: seededBase62Id("playlist:flat-party"),
          name: "Flat Party",
          description: "Add what you want to hear on Saturday.",
          public: false,
          collaborative: true,
          ownerId: FRIEND.id,
          ownerName: FRIEND.name,
          version: 1,
          entries: entries(ranked.slice(60, 75), FRIEND.id, historyEnd - 40 * day),
        },
        {
          id: seededBase62Id("playlist:mira-finds"),
          name: "Mira's Finds",
          description: "New things I like.",
          public: true,
          collaborative: false,
          ownerId: FRIEND.id,
          ownerName: FRIEND.name,
          version: 1,
          entries: entries(ranked.slice(200, 230), FRIEND.id, historyEnd - 90 * day),
        },
      ];
    }
    return this.playlistList;
  }

  /** The owner id "" stands for the fake's own listener (whose id can change in tests). */
  owns(playlist: FakePlaylist, userId: string): boolean {
    return playlist.ownerId === "" || playlist.ownerId === userId;
  }

  activeDevice(): FakeDevice | undefined {
    return this.devices.find((device) => device.is_active);
  }

  /** Moves playback to this device (only one is active at a time). */
  activate(device: FakeDevice): void {
    for (const other of this.devices) other.is_active = other === device;
  }

  /** Where the current track is now, counting the time it has been playing. */
  progress(durationMs: number): number {
    const { player } = this;
    const moved = player.isPlaying ? Date.now() - player.changedAt : 0;
    return Math.min(durationMs, player.progressMs + moved);
  }
}

export const snapshotId = (playlist: FakePlaylist) => Buffer.from(`${playlist.id}:${playlist.version}:fake`).toString("base64");
