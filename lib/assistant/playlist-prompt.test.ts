import { describe, expect, it } from "vitest";
import { readPlaylistPrompt } from "./intents";

describe("readPlaylistPrompt", () => {
  it("reads every context once per kind, the count, and keeps the other words as the name", () => {
    expect(readPlaylistPrompt("90s trip-hop for a rainy evening, 25 tracks")).toEqual({
      name: "90s trip-hop for a rainy evening",
      contexts: ["melancholy", "1990s", "evening"],
      count: 25,
    });
    expect(readPlaylistPrompt("Make me a playlist for the gym with 30 songs")).toEqual({
      name: "The gym",
      contexts: ["workout"],
      count: 30,
    });
    expect(readPlaylistPrompt("something chill and happy")).toEqual({
      name: "Something chill and happy",
      contexts: ["chill"],
      count: null,
    });
  });

  it("keeps a count within what one draft may hold", () => {
    expect(readPlaylistPrompt("jazz, 5000 tracks").count).toBe(100);
    expect(readPlaylistPrompt("jazz, 0 tracks").count).toBe(1);
    expect(readPlaylistPrompt("25 tracks").name).toBe("EchoTune mix");
  });
});
