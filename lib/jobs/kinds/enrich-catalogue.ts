import "server-only";
import { collections, type PlayDocument } from "@/lib/db";
import { spotifyCatalogPort } from "@/lib/reco";
import { spotifyClientFor } from "@/lib/spotify";
import { registerJobKind } from "../kinds";

const TRACKS = 500;
const PER_STEP = 50;

/**
 * Fetches the catalogue facts (album, year, explicit, preview, genres) of a listener's most played
 * tracks into the shared catalogue cache, after an import's names are resolved, so Discover and the
 * assistant find them there instead of waiting on Spotify. Reads only: safe to repeat.
 */
registerJobKind<{ userId: string }, { trackIds: string[]; offset: number }>({
  kind: "enrich-catalogue",
  async step({ input, cursor, store }) {
    const trackIds =
      cursor?.trackIds ??
      (
        await store
          .collection<PlayDocument>(collections.plays)
          .aggregate<{ _id: string }>([
            { $match: { userId: input.userId, trackId: { $ne: null } } },
            { $group: { _id: "$trackId", plays: { $sum: 1 } } },
            { $sort: { plays: -1, _id: 1 } },
            { $limit: TRACKS },
          ])
      ).map((row) => row._id);
    const offset = cursor?.offset ?? 0;
    const slice = trackIds.slice(offset, offset + PER_STEP);
    const found =
      slice.length > 0 ? await spotifyCatalogPort(spotifyClientFor({ userId: input.userId, isDemo: false })).tracks(slice) : new Map();
    const next = offset + slice.length;
    return {
      cursor: { trackIds, offset: next },
      done: next >= trackIds.length,
      progress: { done: next, total: trackIds.length },
      detail: `${found.size} of ${slice.length} tracks found`,
    };
  },
});
