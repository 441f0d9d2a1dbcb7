import { describe, expect, it } from "vitest";
import { parseIntent, rangeOf } from "./intents";

const now = Date.parse("2026-11-01T10:00:00Z");

describe("offline intents", () => {
  it("reads stats questions into ranges in the listener's zone", () => {
    expect(parseIntent("What did I play most last winter?", now, "Europe/Berlin")).toEqual({
      tool: "listeningStats",
      input: { range: "custom", from: "2025-12-01", to: "2026-02-28" },
    });
    expect(rangeOf("last summer", now, "Europe/Berlin")).toEqual({ range: "custom", from: "2026-06-01", to: "2026-08-31" });
    expect(rangeOf("last autumn", now, "Europe/Berlin")).toEqual({ range: "custom", from: "2025-09-01", to: "2025-11-30" });
    expect(rangeOf("top artists in 2019", now, "Europe/Berlin")).toEqual({ range: "custom", from: "2019-01-01", to: "2019-12-31" });
    expect(rangeOf("last month", now, "Europe/Berlin")).toEqual({ range: "custom", from: "2026-10-01", to: "2026-10-31" });
    expect(rangeOf("of all time", now, "Europe/Berlin")).toEqual({ range: "all" });
    expect(rangeOf("lately", now, "Europe/Berlin")).toEqual({ range: "4w" });
    expect(parseIntent("How many minutes did I listen this year?", now, "Europe/Berlin")).toEqual({
      tool: "listeningStats",
      input: { range: "custom", from: "2026-01-01", to: "2026-11-01", by: "time" },
    });
  });

  it("reads playlists, recommendations, history, taste, playback and help", () => {
    expect(parseIntent("Build a playlist for a workout", now, "Europe/Berlin")).toEqual({
      tool: "buildPlaylist",
      input: { name: "Workout mix", context: "workout" },
    });
    expect(parseIntent("Make a playlist called Sunday", now, "Europe/Berlin")).toEqual({
      tool: "buildPlaylist",
      input: { name: "Sunday" },
    });
    expect(parseIntent("more like Blue Hour", now, "Europe/Berlin")).toEqual({ tool: "recommend", input: { seed: "Blue Hour" } });
    expect(parseIntent("Recommend something for focus", now, "Europe/Berlin")).toEqual({ tool: "recommend", input: { context: "focus" } });
    expect(parseIntent("Did I ever play Motel Wonders?", now, "Europe/Berlin")).toEqual({
      tool: "searchHistory",
      input: { query: "Motel Wonders" },
    });
    expect(parseIntent("Explain my taste", now, "Europe/Berlin")).toEqual({ tool: "explainTaste", input: {} });
    expect(parseIntent("Play Blue Hour", now, "Europe/Berlin")).toEqual({
      tool: "playback",
      input: { action: "play", query: "Blue Hour" },
    });
    expect(parseIntent("help", now, "Europe/Berlin")).toMatchObject({ tool: null });
    expect(parseIntent("Write me a poem", now, "Europe/Berlin")).toMatchObject({ tool: null });
  });
});
