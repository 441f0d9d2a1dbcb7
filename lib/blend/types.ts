/**
 * What the Blend capability hands out, as it travels over JSON (dates are ISO strings). Only what
 * a Blend shows: shared items with their places in each list, the score and the viewer's own copy
 * of the playlist; never a member's whole top lists or their play counts.
 */

/** The ranges a Blend compares over, as Spotify's own. */
export type BlendRange = "4w" | "6m" | "all";

/** A Blend or an open invite, in the listener's list. */
export interface BlendSummary {
  id: string;
  status: "invited" | "active";
  /** The other member; null for an invite nobody accepted yet. */
  partner: { name: string; demoFriend: boolean } | null;
  createdAt: string;
  /** When an open invite stops working. */
  inviteExpiresAt: string | null;
  /** The listener's own copy of the Blend playlist, when there is one. */
  playlistId: string | null;
}

/** A generated demo listener a demo visitor can blend with, and their Blend with them if any. */
export interface DemoFriendSummary {
  slug: string;
  name: string;
  about: string;
  blendId: string | null;
}

export interface BlendList {
  blends: BlendSummary[];
  /** Only for demo visitors: the demo friends. */
  friends: DemoFriendSummary[];
  /** How many invites a listener may have open at once. */
  maxOpenInvites: number;
}

/** A new invite: the link is shown once (only its hash is kept). */
export interface InviteCreated {
  id: string;
  /** `/blend/join/<token>` */
  path: string;
  /** The full link to share. */
  url: string;
  expiresAt: string;
}

/**
 * What an invite link shows the listener who opens it: who invited them, until when, and whether
 * they can accept it ("open") or why not; `blendId` when it leads to a Blend of theirs.
 */
export interface InvitePreview {
  inviterName: string;
  expiresAt: string | null;
  state: "open" | "expired" | "used" | "own" | "already" | "member";
  blendId: string | null;
}

/** Whose taste a pick of the viewer's copy comes from. */
export type PickWho = "you" | "partner" | "both";

export interface BlendTrack {
  key: string;
  name: string;
  artistName: string;
  albumName: string | null;
  imageUrl: string | null;
  durationMs: number | null;
  /** The name(s) whose taste it comes from, as stored. */
  from: string | null;
  /** The same, from the viewer's side; null when the name is not one of the members' now (renamed). */
  who: PickWho | null;
  reason: string | null;
  pinned: boolean;
}

/** A shared artist or track with its place in each top list (1 = most played). */
export interface SharedEntry {
  name: string;
  artist?: string;
  /** [the viewer's rank, the partner's rank]. */
  ranks: [number, number];
}

export interface BlendView {
  id: string;
  you: { name: string };
  partner: { name: string; demoFriend: { about: string } | null };
  range: BlendRange;
  /** "Last 4 weeks", "Last 6 months", "All time". */
  rangeLabel: string;
  match: {
    /** Weighted Jaccard, 0 to 1. */
    value: number;
    percent: number;
    /** Top artists compared: [the viewer's, the partner's]. */
    compared: [number, number];
    sharedArtists: number;
    /** The computation in words ("Weighted Jaccard of your top 50 artists by listening time …"). */
    explanation: string;
  };
  sharedArtists: SharedEntry[];
  sharedTracks: SharedEntry[];
  /** Both are demo visitors reading the demo's one shared history (neither imported their own): a full match, explained. */
  sharedDemoHistory: boolean;
  /** The viewer's own copy; null when they deleted it (Refresh draws a new one) or there were no picks. */
  playlist: { id: string; name: string; version: number; tracks: BlendTrack[] } | null;
  generatedAt: string | null;
}
