import { describe, expect, it } from "vitest";
import { playlistTracksFor } from "./playlist-draft";
import { approvalRequest, assistantMessage, draftOutput, listOutput, track, userMessage } from "./test-messages";

describe("playlistTracksFor", () => {
  it("takes the tracks from the most recent draft holding every key, in the order they will be saved", () => {
    const older = draftOutput("Old", [track("a", "Old A"), track("b", "Old B")]);
    const newer = draftOutput("New", [track("a", "New A"), track("b", "New B"), track("c", "New C")]);
    const messages = [
      userMessage("1", "Build a playlist"),
      assistantMessage("2", [older]),
      userMessage("3", "Add one more"),
      assistantMessage("4", [newer, approvalRequest(["c", "a"])]),
    ];
    expect(playlistTracksFor(messages, ["c", "a"]).map(({ key, track }) => [key, track?.name])).toEqual([
      ["c", "New C"],
      ["a", "New A"],
    ]);
  });

  it("takes the tracks of the listener's Discover draft like any other draft", () => {
    const reco = listOutput("recommend", [track("a", "Reco A")]);
    const discover = draftOutput("My Discover picks", [track("a", "Picked A"), track("b", "Picked B")], "discoverDraft");
    const messages = [assistantMessage("1", [reco]), assistantMessage("2", [discover, approvalRequest(["a", "b"])])];
    expect(playlistTracksFor(messages, ["a", "b"]).map(({ track }) => track?.name)).toEqual(["Picked A", "Picked B"]);
  });

  it("skips a newer draft that lacks some of the keys", () => {
    const full = draftOutput("Full", [track("a", "Full A"), track("b", "Full B")]);
    const partial = draftOutput("Partial", [track("a", "Partial A")]);
    const messages = [assistantMessage("1", [full]), assistantMessage("2", [partial])];
    expect(playlistTracksFor(messages, ["a", "b"]).map(({ track }) => track?.name)).toEqual(["Full A", "Full B"]);
  });

  it("falls back to any track list in the conversation, key by key, and leaves unknown keys bare", () => {
    const messages = [
      assistantMessage("1", [listOutput("recommend", [track("a", "Reco A")])]),
      assistantMessage("2", [listOutput("searchCatalog", [track("b", "Found B")])]),
    ];
    expect(playlistTracksFor(messages, ["b", "a", "spotify:track:zzz"])).toEqual([
      { key: "b", track: track("b", "Found B") },
      { key: "a", track: track("a", "Reco A") },
      { key: "spotify:track:zzz", track: null },
    ]);
  });

  it("lists the keys when the conversation shows no tracks", () => {
    expect(playlistTracksFor([userMessage("1", "Save it")], ["x", "y"])).toEqual([
      { key: "x", track: null },
      { key: "y", track: null },
    ]);
  });
});
