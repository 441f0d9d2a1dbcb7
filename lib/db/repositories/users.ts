import type { Store } from "../port";
import { collections, type ListenerSettings, type UserDocument } from "../schema";

export const DEMO_USER_ID = "demo";

export const defaultSettings: ListenerSettings = { timeZone: "UTC", listenThresholdMs: 30_000, allowExplicit: true };

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

export function usersRepository(store: Store) {
  const users = store.collection<UserDocument>(collections.users);
  return {
    findById(id: string): Promise<UserDocument | null> {
      return users.findOne({ _id: id });
    },

    /** The demo listener exists once, however many visitors start the demo at the same moment. */
    async ensureDemoUser(now = new Date()): Promise<UserDocument> {
      await users.updateOne(
        { _id: DEMO_USER_ID },
        {
          $set: { lastSeenAt: now },
          $setOnInsert: {
            displayName: "Demo listener",
            email: null,
            imageUrl: null,
            spotifyId: null,
            country: null,
            product: null,
            settings: { ...defaultSettings, timeZone: DEMO_TIME_ZONE },
            createdAt: now,
            updatedAt: now,
          },
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

    async updateSettings(id: string, settings: Partial<ListenerSettings>, now = new Date()): Promise<boolean> {
      const changes = Object.fromEntries(Object.entries(settings).map(([key, value]) => [`settings.${key}`, value]));
      const result = await users.updateOne({ _id: id }, { $set: { ...changes, updatedAt: now } });
      return result.matchedCount === 1;
    },
  };
}

export type UsersRepository = ReturnType<typeof usersRepository>;
