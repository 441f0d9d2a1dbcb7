import { describe, expect, it } from "vitest";
import { findRange, rangeKey } from "./dates";
import { understand } from "./intents";

// A Wednesday evening in Berlin.
const now = Date.parse("2026-12-02T18:00:00Z");
const read = (text: string, previous?: string) =>
  understand(text, { now, timeZone: "Europe/Berlin", previous: previous ? [previous] : [] });
const range = (text: string) => {
  const found = findRange(text, now, "Europe/Berlin");
  return found ? rangeKey(found.range) : null;
};

describe("findRange", () => {
  it("reads seasons as meteorological, northern-hemisphere seasons", () => {
    expect(range("last winter")).toBe("2025-12-01..2026-02-28");
    expect(range("this winter")).toBe("2026-12-01..2026-12-02");
    expect(range("the summer of 2021")).toBe("2021-06-01..2021-08-31");
    expect(range("last autumn")).toBe("2026-09-01..2026-11-30");
  });

  it("reads relative spans, calendar units and presets", () => {
    expect(range("the last two weeks")).toBe("2026-11-19..2026-12-02");
    expect(range("last week")).toBe("2026-11-23..2026-11-29");
    expect(range("last month")).toBe("2026-11-01..2026-11-30");
    expect(range("the past year")).toBe("1y");
    expect(range("last year")).toBe("2025-01-01..2025-12-31");
    expect(range("past 4 weeks")).toBe("4w");
    expect(range("since 2019")).toBe("2019-01-01..2026-12-02");
    expect(range("between 2019 and 2021")).toBe("2019-01-01..2021-12-31");
    expect(range("Q1 2023")).toBe("2023-01-01..2023-03-31");
  });

  it("reads dates and month names in other languages' formats", () => {
    expect(range("on 14.03.2022")).toBe("2022-03-14..2022-03-14");
    expect(range("on 03/14/2022")).toBe("2022-03-14..2022-03-14");
    expect(range("im März 2023")).toBe("2023-03-01..2023-03-31");
    expect(range("en mars 2023")).toBe("2023-03-01..2023-03-31");
    expect(range("in March")).toBe("2026-03-01..2026-03-31");
  });

  it("never reads a range past today, and not from words that only sound like dates", () => {
    expect(range("this year")).toBe("2026-01-01..2026-12-02");
    expect(range("how long is my streak now")).toBeNull();
    expect(range("may I ask something")).toBeNull();
  });
});

describe("understand", () => {
  it("ranks by the measure the question names; “all time” is a range, not a measure", () => {
    expect(read("Who is my top artist of all time?").call).toEqual({ tool: "listeningStats", input: { range: "all", kind: "artist" } });
    expect(read("most listened artist by minutes in 2021").call).toMatchObject({ input: { by: "time", kind: "artist" } });
  });

  it("reads a follow-up as the question before it, changed", () => {
    expect(read("and in 2022?", "Who is my top artist of all time?")).toMatchObject({
      intent: "topArtists",
      call: { input: { range: "custom", from: "2022-01-01", to: "2022-12-31", kind: "artist" } },
    });
    expect(read("by minutes?", "who was my top artist in 2024")).toMatchObject({ intent: "topArtists", call: { input: { by: "time" } } });
  });

  it("takes names in the listener's own spelling, without the range words", () => {
    expect(read("how many times did I play Brittle Owls in 2024").call).toEqual({
      tool: "searchHistory",
      input: { query: "Brittle Owls", ask: "plays", range: "custom", from: "2024-01-01", to: "2024-12-31" },
    });
    expect(read("Play Stay the Shadow").call).toEqual({ tool: "playback", input: { action: "play", query: "Stay the Shadow" } });
    expect(read("if i like Indigo Weather what else would I like").call).toEqual({ tool: "recommend", input: { seed: "Indigo Weather" } });
  });

  it("offers close suggestions, never a list of what it cannot do, when it does not understand", () => {
    const answer = read("tell me about that one song from the party");
    expect(answer.intent).toBe("unknown");
    expect(answer.reply).toMatch(/Could you try it like this: “.+”, “.+”/);
    expect(answer.reply).not.toMatch(/fixed set/);
  });
});

describe("research questions", () => {
  it("sends questions about an artist, album or scene to researchArtist, with the name as the listener wrote it", () => {
    expect(read("tell me about Massive Attack's history").call).toEqual({
      tool: "researchArtist",
      input: { question: "tell me about Massive Attack's history", artist: "Massive Attack" },
    });
    expect(read("What's the story behind Mezzanine?").call).toMatchObject({ tool: "researchArtist", input: { artist: "Mezzanine" } });
    expect(read("any news about Portishead").call).toMatchObject({ tool: "researchArtist", input: { artist: "Portishead" } });
    expect(read("How did Radiohead form?").call).toMatchObject({ tool: "researchArtist", input: { artist: "Radiohead" } });
    expect(read("Tell me about A Tribe Called Quest").call).toMatchObject({ input: { artist: "A Tribe Called Quest" } });
  });

  it("leaves questions about the listener's own listening to the other tools", () => {
    expect(read("Tell me about my taste").intent).toBe("taste");
    expect(read("who is my top artist").intent).toBe("topArtists");
    expect(read("whos my fav singer").intent).toBe("topArtists");
    expect(read("how did I listen in 2022?").intent).not.toBe("research");
  });
});
