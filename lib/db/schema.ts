/**
 * Typed documents and their indexes (docs/architecture.md). Ids are natural keys where one exists,
 * so replays of the same write land on the same document.
 */
import type { IndexSpec, StoredDocument } from "./port";

/**
 * Where the stored time zone came from: the built-in default (UTC, until the browser tells us the
 * listener's zone at first sign-in), the browser, the listener's own choice in Settings, or the demo
 * history's home zone. Only a zone still at `default` is replaced by the browser's.
 */
export type TimeZoneSource = "default" | "browser" | "chosen" | "demo";

export interface ListenerSettings {
  /** IANA zone used for every day and hour boundary in insights. */
  timeZone: string;
  /**
   * Missing on accounts made before it existed: read through `timeZoneSourceOf` (lib/db), which
   * takes a zone other than UTC for a deliberate one.
   */
  timeZoneSource?: TimeZoneSource;
  /** A play counts as a listen from this many milliseconds (Spotify's own rule is 30 s). */
  listenThresholdMs: number;
  /** Whether recommendations may include tracks the catalogue marks explicit. */
  allowExplicit: boolean;
  /**
   * Discover leaves out tracks heard in this many days (away from its familiar end, which asks for
   * them). Missing on older accounts: `recentDaysOf` (lib/db) gives the default, 30.
   */
  recentDays?: number;
}

export interface UserDocument extends StoredDocument {
  /** `spotify:<id>` for Spotify accounts, `demo:<random>` for demo visitors, `demo` for the shared demo history. */
  _id: string;
  displayName: string;
  email: string | null;
  imageUrl: string | null;
  spotifyId: string | null;
  country: string | null;
  product: string | null;
  settings: ListenerSettings;
  createdAt: Date;
  updatedAt: Date;
  lastSeenAt: Date;
}

export type PlaySource = "import" | "sync" | "demo";

export interface PlayDocument extends StoredDocument {
  userId: string;
  playedAt: Date;
  /** `spotify:track:<id>` when known, otherwise a normalised `artist|title` key. */
  trackKey: string;
  trackId: string | null;
  trackName: string;
  artistName: string;
  albumName: string | null;
  msPlayed: number;
  skipped: boolean | null;
  reasonStart: string | null;
  reasonEnd: string | null;
  shuffle: boolean | null;
  platform: string | null;
  source: PlaySource;
  importId: string | null;
  /** Normalised `artist|title`, for matching rows that carry no track id. */
  nameKey?: string;
  /** `<importId>/<chunkId>` for imported plays (a retried chunk finds its own by `segmentId`). */
  importChunk?: string | null;
  /** Account-data rows only know the minute; everything else is exact to the second. */
  timePrecision?: "second" | "minute";
  /**
   * The listening segment that holds this play (`<userId>|<source key>`), written with the play and
   * never changed: the stored plays of a batch whose segment was never written are found by it.
   */
  segmentId?: string;
}

/**
 * A rollup's counts. Its `listens` and `skips` use Spotify's fixed 30 s rule, whatever a listener's
 * threshold: insights never read them (they count from the listening index with the listener's
 * `listenThresholdMs`), so changing the threshold needs no re-import and no rollup rebuild.
 */
export interface ListeningTotals {
  plays: number;
  /** Plays of at least 30 s (Spotify's rule). */
  listens: number;
  msPlayed: number;
  /** Plays under 30 s or marked skipped. */
  skips: number;
}

/**
 * Listening totals per UTC day, with the day's hours inside (`hours["13"]`), kept current with
 * $inc as plays arrive, so ten-year views never scan raw plays. One document per day rather than
 * per hour: a decade is 3,650 upserts, not 87,600. UTC hours let any time zone be summed at read time.
 */
export interface RollupDocument extends StoredDocument, ListeningTotals {
  /** `<userId>|day|<YYYY-MM-DD>` */
  userId: string;
  granularity: "day";
  /** `YYYY-MM-DD`, UTC. */
  bucket: string;
  start: Date;
  /** UTC hour ("0" to "23") → that hour's totals; hours without plays are absent. */
  hours: Record<string, ListeningTotals>;
  updatedAt: Date;
}

export type ImportStatus = "receiving" | "completed" | "cancelled" | "failed";

export interface ImportCounts {
  read: number;
  accepted: number;
  duplicate: number;
  short: number;
  rejected: number;
}

export interface ImportDocument extends StoredDocument {
  userId: string;
  status: ImportStatus;
  /** What the browser found in each file; `message` explains skipped ones (wrong package, video). */
  files: Array<{ name: string; kind: string; rows: number; message?: string }>;
  counts: ImportCounts;
  /** Rejected rows by reason, e.g. { "malformed timestamp": 3 }. */
  rejectedReasons: Record<string, number>;
  /** Chunk ids already applied: a replayed chunk changes nothing. */
  chunkIds: string[];
  /**
   * The listener's listen threshold when the import started: its report splits listens from short
   * plays with it (absent on imports made before the setting existed: 30 s).
   */
  listenThresholdMs?: number;
  createdAt: Date;
  updatedAt: Date;
  completedAt: Date | null;
}

export type FeedbackKind = "like" | "dislike" | "not_now";
export type FeedbackTarget = "track" | "artist";

export interface FeedbackDocument extends StoredDocument {
  /** `<userId>|<target>|<itemId>`: one opinion per listener and item. */
  userId: string;
  target: FeedbackTarget;
  itemId: string;
  kind: FeedbackKind;
  /** How the listener saw it when they said it (a track's title, or an artist's name as written): for lists, since the id alone may be a bare Spotify id. */
  name?: string;
  /** The track's artist, as shown. */
  artist?: string;
  createdAt: Date;
  updatedAt: Date;
}

export type AccountStatus = "active" | "reconnect_required";

/** A listener's Spotify connection. Tokens are sealed (AES-GCM) and never leave the server. */
export interface AccountDocument extends StoredDocument {
  /** The user id, `spotify:<id>`: one Spotify account per listener. */
  _id: string;
  provider: "spotify";
  spotifyId: string;
  accessToken: string;
  refreshToken: string;
  expiresAt: Date;
  scope: string;
  status: AccountStatus;
  /** Spotify asked us to back off (a long Retry-After): no calls for this account before then. */
  pausedUntil: Date | null;
  /** Millisecond cursor of the newest recently-played item already synced. */
  syncCursor: number | null;
  lastSyncAt: Date | null;
  /** When the last sync found Spotify down (5xx, unreachable); cleared by the next sync that works. */
  syncFailedAt?: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

/**
 * What a track name and artist from account data turned out to be on Spotify, shared by every
 * listener (the same words resolve the same way). Unresolved is an answer too: never a guess.
 */
export interface ResolutionDocument extends StoredDocument {
  /** The normalised `artist|title` key. */
  _id: string;
  status: "resolved" | "unresolved";
  trackId: string | null;
  /** 0 to 1: how well the best search result matched the title and artist. */
  confidence: number;
  resolvedAt: Date;
}

/**
 * Plays as columns, appended as they arrive (one segment per import chunk or sync run), so the
 * dashboard assembles a listener's whole history from a few dozen documents instead of scanning
 * raw plays. `removed` segments list plays taken out later (`<playedAt ms>|<trackKey>`).
 */
export interface ListeningSegmentDocument extends StoredDocument {
  /** `<userId>|<source key>`: a retried chunk rewrites its own segment. */
  userId: string;
  /**
   * `pending`: a batch's marker as versions before `listening_pending` wrote it here; never read
   * (`npm run repair` covers one a crash left behind then).
   */
  kind: "plays" | "removed" | "pending";
  /** Rows in the segment (plays, or removed keys). */
  count: number;
  /** The encoded rows: opaque to the store (the format is lib/listening/segments.ts). */
  data: string;
  createdAt: Date;
  /**
   * A merged segment: the ids of the segments it replaces (theirs included). Readers skip those,
   * so a merge that stopped before deleting them still counts each play once.
   */
  replaces?: string[];
}

/**
 * A batch's pending marker (`_id` is `<segment id>|pending`): written before its plays and removed
 * once its segment and rollups are written; one left behind is finished by a later batch
 * (lib/listening/batches.ts). Apart from the segments, so that every batch's look for markers reads
 * a handful of small documents instead of every segment's data (FerretDB v1 filters outside its
 * indexes, so there that look read the whole listening collection).
 */
export interface PendingMarkerDocument extends StoredDocument {
  userId: string;
  /** What the batch needs to be finished without its input (the listening layer's encoding). */
  data: string;
  createdAt: Date;
}

/** Whether a listener has shared their year in music, and under which unguessable token. */
export interface ShareDocument extends StoredDocument {
  /** The token in the public URL. */
  _id: string;
  userId: string;
  year: number;
  enabled: boolean;
  createdAt: Date;
  updatedAt: Date;
}

/**
 * A Blend between two listeners, from the invite to the end. While `status` is "invited" only the
 * inviter is a member and the link's token (kept as a SHA-256 hash, never in clear) opens it; the
 * first listener to accept turns it "active", after which the link only says it was used.
 * Leaving deletes the document. A demo visitor's Blend with a generated demo friend is active at
 * once, with the friend's id (`friend:<slug>`) as the second member.
 */
export interface BlendDocument extends StoredDocument {
  /** Random and url-safe: the Blend's address, `/blend/<id>`. */
  _id: string;
  status: "invited" | "active";
  /** Who made the invite: always a member. */
  inviterId: string;
  /**
   * Whoever accepted (or the demo friend's id); null while invited. Two fields rather than an
   * array of members: the embedded store's indexes are on scalar values.
   */
  partnerId: string | null;
  /**
   * `<id>|<id>` of the two members, sorted, once active (a unique index: one Blend per pair);
   * `invite|<_id>` while invited.
   */
  pairKey: string;
  /** SHA-256 (base64url) of the invite link's token (kept once used, so the link can say so); null without an invite. */
  inviteHash: string | null;
  /** When the invite stops working; null once used. */
  inviteExpiresAt: Date | null;
  /** Each member's stored Blend playlist (lib/playlists, origin "blend"), once made. */
  playlists: Array<{ userId: string; playlistId: string }>;
  /** When the Blend playlist was last drawn (accept, or Refresh). */
  generatedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

/** A conversation with the assistant; `_id` is the client's chat id, readable only by its owner. */
export interface ChatDocument extends StoredDocument {
  userId: string;
  title: string;
  createdAt: Date;
  updatedAt: Date;
}

/** One AI SDK UI message of a chat, in order (`_id` is `<chatId>|<messageId>`). */
export interface MessageDocument extends StoredDocument {
  chatId: string;
  userId: string;
  messageId: string;
  position: number;
  role: "user" | "assistant" | "system";
  /** The UI message as JSON (parts, metadata). */
  message: Record<string, unknown>;
  /** Approval requests of this message that the listener has answered: each is answered once. */
  answeredApprovals?: string[];
  createdAt: Date;
}

/** Model tokens and cost per listener and day (`_id` is `<userId>|<day>|<model>`). */
export interface UsageDocument extends StoredDocument {
  userId: string;
  /** "YYYY-MM-DD", UTC. */
  day: string;
  model: string;
  requests: number;
  inputTokens: number;
  outputTokens: number;
  costUsd: number;
  updatedAt: Date;
}

/** Where a stored playlist came from. */
export type PlaylistOrigin = "discover" | "assistant" | "seed" | "prompt" | "blend" | "manual";

/** One track of a stored playlist, as the listener sees it (never a raw Spotify object). */
export interface PlaylistTrack {
  /** `spotify:track:<id>` (the demo catalogue uses the same form); unique within a playlist. */
  key: string;
  name: string;
  artistName: string;
  albumName: string | null;
  imageUrl: string | null;
  durationMs: number | null;
  explicit: boolean | null;
  /** Kept by "Tune". */
  pinned: boolean;
  /** Why it is here (a pick's explanation). */
  reason: string | null;
  /** Blend: the display name whose taste it comes from. */
  from: string | null;
}

/** Where a playlist stands on Spotify: written by the save path, read by the list and the editor. */
export interface SpotifySync {
  /** Spotify's id once created. */
  playlistId: string | null;
  /** `https://open.spotify.com/playlist/<id>` */
  url: string | null;
  /** The playlist version being pushed. */
  targetVersion: number;
  /** The version Spotify holds in full. */
  syncedVersion: number | null;
  status: "pending" | "synced" | "failed";
  /** What went wrong, in words a listener understands. */
  error: string | null;
  updatedAt: Date;
}

/**
 * A listener's playlist: its head (the version shown) in full, so reading one is one document.
 * `_id` is random, or derived from the client's request id so a retried create finds its playlist.
 */
export interface PlaylistDocument extends StoredDocument {
  userId: string;
  name: string;
  description: string;
  origin: PlaylistOrigin;
  tracks: PlaylistTrack[];
  /** The version shown (the head). */
  version: number;
  /** The newest version kept: redo goes up to it; an edit after undo lowers it to the new head. */
  latestVersion: number;
  createdAt: Date;
  updatedAt: Date;
  spotify: SpotifySync | null;
  blendId: string | null;
}

/** One version of a playlist (`_id` is `<playlistId>|<version>`), kept for undo, redo and restore. */
export interface PlaylistVersionDocument extends StoredDocument {
  playlistId: string;
  userId: string;
  version: number;
  name: string;
  description: string;
  tracks: PlaylistTrack[];
  /** What changed, in the listener's words ("Moved “Song” up"). */
  label: string;
  createdAt: Date;
}

export type JobStatus = "queued" | "running" | "succeeded" | "failed";

export type JobEvent = "queued" | "started" | "step" | "retry" | "succeeded" | "failed" | "lease-expired" | "cancelled";

/**
 * One background job (lib/jobs): a sequence of idempotent steps whose progress (`cursor`) is saved
 * after each one, so a runner that dies resumes where it stopped. `_id` is `<kind>|<key>`: enqueuing
 * the same work twice finds the first job.
 */
export interface JobDocument extends StoredDocument {
  kind: string;
  /** Idempotency key, unique per kind (an import id, a day, a quarter hour). */
  key: string;
  status: JobStatus;
  /** What the kind needs to run (plain JSON). */
  input: Record<string, unknown>;
  /** Failed tries so far; at `maxAttempts` the job is `failed`. */
  attempts: number;
  maxAttempts: number;
  /** Opaque to the runner: where the kind's steps have got to (null before the first step). */
  cursor: unknown;
  progress: { done: number; total: number | null };
  /** Who runs it now, and until when; null when nobody does. */
  lease: { owner: string; until: Date } | null;
  /**
   * Fencing number, one more on every claim: a runner writes only while it still holds the claim it
   * made, so one whose lease was taken over can never save over its successor.
   */
  leaseEpoch: number;
  /** Not before: the first run, or the next try after a failure (backoff) or a pause. */
  nextRunAt: Date;
  lastError: string | null;
  /** The newest events (at most 50). */
  history: Array<{ at: Date; event: JobEvent; detail?: string }>;
  createdAt: Date;
  updatedAt: Date;
  finishedAt: Date | null;
  userId: string | null;
}

/**
 * A runner's claim on one lease epoch of a job (`_id` is `<jobId>#<epoch>`). Inserting it is the
 * arbiter: a unique `_id` admits one runner per epoch on every store (FerretDB v1 applies
 * conditional updates without isolation across processes, so the job's own update cannot be).
 */
export interface JobClaimDocument extends StoredDocument {
  jobId: string;
  owner: string;
  at: Date;
}

/** What an alert rule watches (lib/ops): errors, budgets, failing jobs, Spotify pauses. */
export type AlertRule = "error-rate" | "budget" | "job-failures" | "spotify-paused";

/**
 * One alert (lib/ops). While it is open its `_id` is `<rule>|<subject>`, so a rule that keeps
 * firing finds its alert instead of opening another; once resolved it is kept under
 * `<rule>|<subject>|<openedAt ms>` and the next episode may open.
 */
export interface AlertDocument extends StoredDocument {
  rule: AlertRule;
  /** What it is about: "all routes", "perplexity", a job id, a hashed Spotify account. */
  subject: string;
  status: "open" | "resolved";
  /** One sentence an operator can act on, with the numbers. */
  message: string;
  /** The measure that fired and its threshold, in the rule's unit (a share, a count, seconds). */
  value: number;
  threshold: number;
  openedAt: Date;
  /** The last evaluation that saw the condition. */
  seenAt: Date;
  resolvedAt: Date | null;
  /** The webhook post (ALERT_WEBHOOK_URL): done once per opened alert, retried until it is. */
  webhook: { deliveredAt: Date | null; attempts: number; lastError: string | null };
  /**
   * The post saying a resolved alert cleared: only for an alert whose opening was posted (what the
   * receiver never heard of needs no all-clear), retried until it goes or `MAX_RESOLUTION_POSTS`.
   * Alerts resolved before there was such a post have none.
   */
  resolution?: { pending: boolean; deliveredAt: Date | null; attempts: number; lastError: string | null };
}

export const collections = {
  users: "users",
  accounts: "accounts",
  plays: "plays",
  imports: "imports",
  feedback: "feedback",
  rollups: "rollups",
  resolutions: "resolutions",
  listening: "listening",
  listeningPending: "listening_pending",
  listenerState: "listener_state",
  shares: "shares",
  blends: "blends",
  models: "models",
  chats: "chats",
  messages: "messages",
  usage: "usage",
  playlists: "playlists",
  playlistVersions: "playlist_versions",
  modelEvents: "model_events",
  jobs: "jobs",
  jobClaims: "job_claims",
  alerts: "alerts",
} as const;

export type CollectionName = (typeof collections)[keyof typeof collections];

export const indexes: Record<CollectionName, IndexSpec[]> = {
  users: [],
  accounts: [{ name: "accounts_by_status", key: { status: 1, lastSyncAt: 1 } }],
  plays: [
    // No unique index on (userId, playedAt, trackKey): `_id` is a hash of exactly that key, so the
    // primary key already stores each stream once, and each insert maintains one index fewer.
    { name: "plays_by_time", key: { userId: 1, playedAt: -1 } },
    // Per-track history comes from the listening index (segments), not from an index on plays:
    // every index here is one more random insert per play on a large import.
  ],
  imports: [{ name: "imports_by_user", key: { userId: 1, createdAt: -1 } }],
  feedback: [
    { name: "feedback_unique_item", key: { userId: 1, target: 1, itemId: 1 }, unique: true },
    { name: "feedback_by_kind", key: { userId: 1, kind: 1 } },
    // Acceptance of recommendations before and since a model version was trained (lib/reco drift).
    { name: "feedback_by_time", key: { updatedAt: 1 } },
  ],
  resolutions: [],
  listening: [
    { name: "listening_by_user", key: { userId: 1, createdAt: 1 } },
    // The segments (plays and removed) without whatever else the collection holds.
    { name: "listening_by_kind", key: { userId: 1, kind: 1 } },
  ],
  // Each batch looks for markers left by a crash: a handful of small documents, never the segments.
  listening_pending: [{ name: "listening_pending_by_user", key: { userId: 1 } }],
  // Read by id only (revisions, flags, seed states: lib/db/repositories/state.ts).
  listener_state: [],
  shares: [{ name: "shares_by_user", key: { userId: 1, year: 1 }, unique: true }],
  blends: [
    { name: "blends_unique_pair", key: { pairKey: 1 }, unique: true },
    { name: "blends_by_inviter", key: { inviterId: 1, updatedAt: -1 } },
    { name: "blends_by_partner", key: { partnerId: 1, updatedAt: -1 } },
    { name: "blends_by_invite", key: { inviteHash: 1 } },
  ],
  models: [{ name: "models_by_scope", key: { scope: 1, version: -1 } }],
  chats: [{ name: "chats_by_user", key: { userId: 1, updatedAt: -1 } }],
  messages: [{ name: "messages_by_chat", key: { chatId: 1, position: 1 } }],
  usage: [{ name: "usage_by_day", key: { day: 1 } }],
  playlists: [{ name: "playlists_by_user", key: { userId: 1, updatedAt: -1 } }],
  playlist_versions: [{ name: "playlist_versions_by_playlist", key: { playlistId: 1, version: -1 } }],
  rollups: [
    { name: "rollups_unique_bucket", key: { userId: 1, granularity: 1, bucket: 1 }, unique: true },
    { name: "rollups_by_time", key: { userId: 1, start: 1 } },
  ],
  model_events: [{ name: "model_events_by_version", key: { scope: 1, version: -1, at: 1 } }],
  jobs: [
    { name: "jobs_unique_key", key: { kind: 1, key: 1 }, unique: true },
    { name: "jobs_due", key: { status: 1, nextRunAt: 1 } },
    { name: "jobs_by_update", key: { updatedAt: -1 } },
  ],
  job_claims: [{ name: "job_claims_by_job", key: { jobId: 1 } }],
  alerts: [
    // The page lists open alerts, then the newest resolved ones.
    { name: "alerts_by_status", key: { status: 1, openedAt: -1 } },
  ],
};
