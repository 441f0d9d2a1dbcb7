import { randomBytes } from "node:crypto";
import type { Store } from "../port";
import {
  collections,
  type BlendDocument,
  type JobClaimDocument,
  type JobDocument,
  type ListenerSettings,
  type TimeZoneSource,
  type UserDocument,
} from "../schema";
import { playlistsRepository } from "./playlists";
import { stateCollection, type StateDocument } from "./state";

/**
 * A deleted account to sweep once more (`markForSweep`): its id, and when it was deleted. It names
 * the listener in its id only, never in a `userId`, so removing them leaves it for the sweep.
 */
interface SweepDocument extends StateDocument {
  deletedAt: Date;
}

const SWEEP_PREFIX = "sweep|";
/** The first id after every mark's: "|" + 1. */
const SWEEP_END = "sweep}";

/**
 * The owner of the shared demo history (stored once, read by every demo visitor). No session ever
 * names it: each visitor signs in as a listener of their own (`newDemoVisitorId`).
 */
export const DEMO_USER_ID = "demo";

const DEMO_VISITOR = /^demo:[A-Za-z0-9_-]{22}$/;

/** A fresh demo visitor's id, minted at "Try the demo": `demo:` and 128 random bits. */
export function newDemoVisitorId(): string {
  return `demo:${randomBytes(16).toString("base64url")}`;
}

/** Whether an id is a demo visitor's (never the shared demo history's own `demo`). */
export function isDemoVisitorId(id: string): boolean {
  return DEMO_VISITOR.test(id);
}

/**
 * Whether an id is a listener's own account, which `removeListener` may delete: a Spotify
 * listener's or a demo visitor's. Never the shared demo history (`demo`) nor a demo friend.
 */
export function isRemovableListenerId(id: string): boolean {
  return isDemoVisitorId(id) || /^spotify:[^:]+$/.test(id);
}

/**
 * A listener's own documents, by collection (their `userId`): what removing a listener deletes.
 * `resolutions` and `models` are shared and name nobody; jobs, Blends, a listening revision counter
 * of before `listener_state` and the Spotify account are found otherwise (`removeListener`).
 */
const OWNED_BY_USER_ID = [
  collections.chats,
  collections.messages,
  collections.feedback,
  collections.imports,
  collections.shares,
  collections.usage,
  collections.plays,
  collections.rollups,
  collections.listening,
  collections.listeningPending,
  collections.listenerState,
  collections.playlists,
  collections.playlistVersions,
] as const;

/** How many days of recent plays Discover leaves out unless the listener says otherwise. */
export const DEFAULT_RECENT_DAYS = 30;

export const defaultSettings: ListenerSettings = {
  timeZone: "UTC",
  timeZoneSource: "default",
  listenThresholdMs: 30_000,
  allowExplicit: true,
  recentDays: DEFAULT_RECENT_DAYS,
};

/**
 * Where a listener's zone came from. Accounts made before the source was stored have none: UTC is
 * then the untouched default (the browser may replace it), any other zone was set on purpose.
 */
export function timeZoneSourceOf(settings: Pick<ListenerSettings, "timeZone" | "timeZoneSource">): TimeZoneSource {
  return settings.timeZoneSource ?? (settings.timeZone === defaultSettings.timeZone ? "default" : "chosen");
}

/** The days of recent plays Discover leaves out for this listener (30 on accounts older than the setting). */
export function recentDaysOf(settings: Pick<ListenerSettings, "recentDays">): number {
  return settings.recentDays ?? DEFAULT_RECENT_DAYS;
}

/**
 * The settings that change what is computed, as one string for cache keys: a cached answer,
 * recommendation or page built under other settings is never served after a change. It lives
 * here, beside the defaults it fills in, so the evaluation scripts reach it without sign-in code.
 */
export function settingsFingerprint(settings: ListenerSettings): string {
  const allowExplicit = settings.allowExplicit ? 1 : 0;
  return `${settings.timeZone}|${settings.listenThresholdMs}|${allowExplicit}|${recentDaysOf(settings)}`;
}

/** The demo listener lives where their generated history does (lib/demo's DEMO_LISTENER.timeZone). */
export const DEMO_TIME_ZONE = "Europe/Berlin";

export interface SpotifyProfile {
  id: string;
  displayName: string | null;
  email: string | null;
  imageUrl: string | null;
  country: string | null;
  product: string | null;
}

const TOUCH_EVERY_MS = 60 * 60 * 1000;

/** What a demo account (the shared history's owner, or a visitor) starts with: no Spotify, the demo's settings. */
function demoProfile(now: Date): Omit<UserDocument, "_id" | "lastSeenAt"> {
  return {
    displayName: "Demo listener",
    email: null,
    imageUrl: null,
    spotifyId: null,
    country: null,
    product: null,
    settings: { ...defaultSettings, timeZone: DEMO_TIME_ZONE, timeZoneSource: "demo" },
    createdAt: now,
    updatedAt: now,
  };
}

export function usersRepository(store: Store) {
  const users = store.collection<UserDocument>(collections.users);
  return {
    findById(id: string): Promise<UserDocument | null> {
      return users.findOne({ _id: id });
    },

    /** A demo visitor's own account, made at "Try the demo": the demo's settings, nothing shared. */
    async createDemoVisitor(id: string, now = new Date()): Promise<UserDocument> {
      if (!isDemoVisitorId(id)) throw new Error(`not a demo visitor id: ${id}`);
      const user: UserDocument = { _id: id, ...demoProfile(now), lastSeenAt: now };
      await users.insertOne(user);
      return user;
    },

    /** Records activity, at most once an hour per listener: the idle cleanup reads `lastSeenAt`. */
    async touch(user: Pick<UserDocument, "_id" | "lastSeenAt">, now = new Date()): Promise<void> {
      if (now.getTime() - user.lastSeenAt.getTime() < TOUCH_EVERY_MS) return;
      await users.updateOne({ _id: user._id }, { $set: { lastSeenAt: now } });
    },

    /** Demo visitors not seen since `before`, oldest first, at most `limit`. */
    async idleDemoVisitors(before: Date, limit = 500): Promise<string[]> {
      const idle = await users.find({ lastSeenAt: { $lt: before } }, { projection: { _id: 1 }, sort: { lastSeenAt: 1 } });
      return idle
        .map((user) => user._id)
        .filter(isDemoVisitorId)
        .slice(0, limit);
    },

    /**
     * Deletes a listener and everything that names them: their chats, messages, feedback, imports,
     * shares, usage, plays, rollups, listening segments and revision, playlists and versions, jobs
     * (by owner or input) and the claims on them, their Spotify tokens, and their Blends, which end
     * as when one member leaves: with both members' stored Blend playlists (a copy already saved to
     * Spotify stays there). The user document goes last, so a failure midway leaves the account for
     * a retry; running it again after success deletes nothing more. Only a listener's own account:
     * never the shared demo history, whatever asks.
     */
    async removeListener(id: string): Promise<void> {
      if (!isRemovableListenerId(id)) throw new Error(`not a listener's own account: ${id}`);
      // Jobs before the rest (a job of theirs may still be writing), and each job's claims before
      // the job: a claim names only its job, so once the job is gone nothing finds the claim.
      const jobs = store.collection<JobDocument>(collections.jobs);
      const claims = store.collection<JobClaimDocument>(collections.jobClaims);
      const theirJobs = [
        ...(await jobs.find({ userId: id }, { projection: { _id: 1 } })),
        ...(await jobs.find({ "input.userId": id }, { projection: { _id: 1 } })),
      ];
      // An operator's alert about a job of theirs (open or resolved) names the job, and with it them.
      if (theirJobs.length > 0)
        await store.collection(collections.alerts).deleteMany({ subject: { $in: theirJobs.map((job) => job._id) } });
      for (const job of theirJobs) {
        await claims.deleteMany({ jobId: job._id });
        await jobs.deleteOne({ _id: job._id });
      }
      const blends = store.collection<BlendDocument>(collections.blends);
      for (const blend of [...(await blends.find({ inviterId: id })), ...(await blends.find({ partnerId: id }))]) {
        for (const { userId, playlistId } of blend.playlists) await playlistsRepository(store).remove(userId, playlistId);
        await blends.deleteOne({ _id: blend._id });
      }
      for (const name of OWNED_BY_USER_ID) await store.collection(name).deleteMany({ userId: id });
      // Where versions before `listener_state` kept the revision (it names the listener only in its id).
      await store.collection(collections.listening).deleteOne({ _id: `revision|${id}` });
      await store.collection(collections.accounts).deleteOne({ _id: id });
      await users.deleteOne({ _id: id });
    },

    /**
     * Remembers that `id` was deleted at `now`, to sweep once more later (`dueSweeps`): a request of
     * theirs already past sign-in (an import chunk being stored, an answer being streamed) may
     * write after the deletion. Idempotent; the latest deletion's time counts.
     */
    async markForSweep(id: string, now = new Date()): Promise<void> {
      if (!isRemovableListenerId(id)) throw new Error(`not a listener's own account: ${id}`);
      await stateCollection<SweepDocument>(store).updateOne(
        { _id: `${SWEEP_PREFIX}${id}` },
        { $set: { deletedAt: now } },
        { upsert: true },
      );
    },

    /** Deleted accounts marked before `before`, oldest first, at most `limit`. */
    async dueSweeps(before: Date, limit = 100): Promise<Array<{ id: string; deletedAt: Date }>> {
      // The marks by their ids' range ("sweep|" up to "sweep}"): MongoDB walks the `_id` index over
      // the marks alone, not every listener's revision beside them.
      const due = await stateCollection<SweepDocument>(store).find(
        { _id: { $gte: SWEEP_PREFIX, $lt: SWEEP_END }, deletedAt: { $lte: before } },
        { sort: { deletedAt: 1 }, limit },
      );
      return due.map((mark) => ({ id: mark._id.slice(SWEEP_PREFIX.length), deletedAt: mark.deletedAt }));
    },

    /** Forgets a sweep once done, unless the account was deleted again since `deletedAt`. */
    async finishSweep(id: string, deletedAt: Date): Promise<void> {
      await stateCollection<SweepDocument>(store).deleteOne({ _id: `${SWEEP_PREFIX}${id}`, deletedAt: { $lte: deletedAt } });
    },

    /** The shared demo history's owner exists once, however many visitors start the demo at the same moment. */
    async ensureDemoUser(now = new Date()): Promise<UserDocument> {
      await users.updateOne(
        { _id: DEMO_USER_ID },
        {
          $set: { lastSeenAt: now },
          $setOnInsert: demoProfile(now),
        },
        { upsert: true },
      );
      return (await users.findOne({ _id: DEMO_USER_ID })) as UserDocument;
    },

    async upsertSpotifyUser(profile: SpotifyProfile, now = new Date()): Promise<UserDocument> {
      const id = `spotify:${profile.id}`;
      await users.updateOne(
        { _id: id },
        {
          $set: {
            displayName: profile.displayName ?? profile.id,
            email: profile.email,
            imageUrl: profile.imageUrl,
            spotifyId: profile.id,
            country: profile.country,
            product: profile.product,
            updatedAt: now,
            lastSeenAt: now,
          },
          $setOnInsert: { settings: defaultSettings, createdAt: now },
        },
        { upsert: true },
      );
      return (await users.findOne({ _id: id })) as UserDocument;
    },

    /** Sets the given settings and leaves the others; the same call twice leaves the same document. */
    async updateSettings(id: string, settings: Partial<ListenerSettings>, now = new Date()): Promise<boolean> {
      const changes = Object.fromEntries(
        Object.entries(settings)
          .filter(([, value]) => value !== undefined)
          .map(([key, value]) => [`settings.${key}`, value]),
      );
      const result = await users.updateOne({ _id: id }, { $set: { ...changes, updatedAt: now } });
      return result.matchedCount === 1;
    },

    /**
     * Takes the browser's zone at first sign-in, only while the stored one is still the untouched
     * default: one conditional write, so it never overrides a zone the listener chose meanwhile (in
     * another tab) and a second browser cannot move it again. Returns whether it was taken.
     */
    async adoptBrowserTimeZone(id: string, timeZone: string, now = new Date()): Promise<boolean> {
      const result = await users.updateOne(
        {
          _id: id,
          $or: [
            { "settings.timeZoneSource": "default" },
            { "settings.timeZoneSource": { $exists: false }, "settings.timeZone": defaultSettings.timeZone },
          ],
        },
        { $set: { "settings.timeZone": timeZone, "settings.timeZoneSource": "browser", updatedAt: now } },
      );
      return result.matchedCount === 1;
    },
  };
}

export type UsersRepository = ReturnType<typeof usersRepository>;
