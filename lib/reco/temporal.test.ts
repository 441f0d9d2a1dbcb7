import { describe, expect, it } from "vitest";
import { BASELINES, engineRowName, engineWins, NOVELTY_LEVELS, type TemporalResult, type TemporalRow } from "./temporal";

const row = (tracks: number, newTracks: number, newArtists: number): TemporalRow => ({
  tracks: { recallAt50: tracks, ndcgAt20: 0 },
  newTracks: { recallAt50: newTracks, ndcgAt20: 0 },
  artists: { recallAt50: 0, ndcgAt20: 0 },
  newArtists: { recallAt50: newArtists, ndcgAt20: 0 },
});

function result(familiar: TemporalRow, fresh: TemporalRow): TemporalResult {
  return {
    listeners: 1,
    newTrackListeners: 1,
    newArtistListeners: 1,
    contexts: [],
    rows: {
      [engineRowName(NOVELTY_LEVELS[0])]: familiar,
      [engineRowName(NOVELTY_LEVELS[1])]: row(0, 0, 0),
      [engineRowName(NOVELTY_LEVELS[2])]: fresh,
      "replay top tracks": row(0.1, 0, 0),
      "recent popularity": row(0.1, 0.01, 0.06),
      "your last 30 days": row(0.4, 0, 0),
    },
  };
}

describe("engineWins", () => {
  it("wins only when familiar beats every baseline on all tracks and new beats them on new tracks and new artists", () => {
    expect(BASELINES).toEqual(["replay top tracks", "recent popularity", "your last 30 days"]);
    expect(engineWins(result(row(0.42, 0, 0), row(0, 0.02, 0.2)))).toEqual({ wins: true, failures: [] });
    expect(engineWins(result(row(0.39, 0, 0), row(0, 0.02, 0.2))).failures).toEqual([
      "familiar: recall@50 all tracks not above your last 30 days",
    ]);
    expect(engineWins(result(row(0.42, 0, 0), row(0, 0.01, 0.06))).failures).toEqual([
      "new: recall@50 new tracks not above recent popularity",
      "new: recall@50 new artists not above recent popularity",
    ]);
  });
});
