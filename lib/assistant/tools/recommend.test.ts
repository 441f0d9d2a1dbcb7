import { describe, expect, it } from "vitest";
import type { Recommendation } from "@/lib/reco";
import { trackCardOf } from "./recommend";

const pick = (trackId: string | null): Recommendation =>
  ({
    key: trackId ? `spotify:track:${trackId}` : "artist|title",
    trackId,
    name: "Title",
    artist: "Artist",
    album: null,
    imageUrl: null,
    explanation: "Because you played it in 2019",
  }) as unknown as Recommendation;

describe("recommend tool cards", () => {
  it("shows a pick known only from history as history, never as a sure catalogue match", () => {
    expect(trackCardOf(pick(null))).toMatchObject({ source: "history", confidence: 0, trackId: null });
  });

  it("shows a pick with a Spotify id as a catalogue track", () => {
    expect(trackCardOf(pick("4uLU6hMCjMI75M1A2tKUQC"))).toMatchObject({ source: "catalog", confidence: 1 });
  });
});
