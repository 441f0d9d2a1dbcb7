import { describe, expect, it } from "vitest";
import { drawBlend, fromOf, reasonOf, type BlendCandidate, type BlendPick } from "./picks";

let counter = 0;
const track = (artistName: string, name = `Song ${++counter}`): BlendCandidate => ({
  key: `spotify:track:${artistName.replace(/\W/g, "")}${counter}x${name.replace(/\W/g, "")}`,
  name,
  artistName,
  albumName: null,
  imageUrl: null,
  durationMs: 200_000,
  explicit: false,
});
const tracksBy = (prefix: string, count: number, artists = count) =>
  Array.from({ length: count }, (_, index) => track(`${prefix} artist ${index % artists}`));
const who = (pick: BlendPick) => (pick.source.kind === "shared" ? "shared" : `${pick.source.kind}${pick.source.member}`);

describe("drawBlend", () => {
  it("takes turns: one from each member, then one they share, and every 8th a new find", () => {
    const picks = drawBlend({
      favourites: [tracksBy("a", 40), tracksBy("b", 40)],
      shared: tracksBy("s", 20),
      recommended: [tracksBy("ra", 5), tracksBy("rb", 5)],
    });
    expect(picks).toHaveLength(50);
    expect(picks.slice(0, 7).map(who)).toEqual(["member0", "member1", "shared", "member1", "member0", "shared", "member0"]);
    expect(who(picks[7]!)).toBe("new0");
    expect(who(picks[15]!)).toBe("new1");
    const counts = new Map<string, number>();
    for (const pick of picks) counts.set(who(pick), (counts.get(who(pick)) ?? 0) + 1);
    // Both members get the same number of turns, give or take one.
    expect(Math.abs((counts.get("member0") ?? 0) - (counts.get("member1") ?? 0))).toBeLessThanOrEqual(1);
    expect(counts.get("new0")! + counts.get("new1")!).toBe(6);
  });

  it("never puts two tracks by one artist in a row, and at most three by one artist", () => {
    // Few artists, many tracks each: the constraint has to work.
    const picks = drawBlend({
      favourites: [tracksBy("a", 30, 3), tracksBy("b", 30, 2)],
      shared: tracksBy("s", 10, 1),
      recommended: [[], []],
    });
    for (let index = 1; index < picks.length; index++) expect(picks[index]!.artistName).not.toBe(picks[index - 1]!.artistName);
    const perArtist = new Map<string, number>();
    for (const pick of picks) perArtist.set(pick.artistName, (perArtist.get(pick.artistName) ?? 0) + 1);
    expect(Math.max(...perArtist.values())).toBeLessThanOrEqual(3);
    // 3 + 2 + 1 artists, three picks each at most.
    expect(picks.length).toBe(18);
  });

  it("picks each track once, attributed to both when they share it", () => {
    const common = track("common artist");
    const picks = drawBlend({
      favourites: [
        [common, ...tracksBy("a", 3)],
        [common, ...tracksBy("b", 3)],
      ],
      shared: [common],
      recommended: [[common], []],
    });
    expect(picks.filter((pick) => pick.key === common.key)).toEqual([{ ...common, source: { kind: "shared" } }]);
    expect(new Set(picks.map((pick) => pick.key)).size).toBe(picks.length);
  });

  it("fills from the other lists when one is used up (two listeners with the same history share everything)", () => {
    const same = tracksBy("x", 60);
    const picks = drawBlend({ favourites: [[], []], shared: same, recommended: [[], []] });
    expect(picks).toHaveLength(50);
    expect(picks.every((pick) => pick.source.kind === "shared")).toBe(true);
  });

  it("stops short rather than break the artist rule", () => {
    const picks = drawBlend({ favourites: [tracksBy("solo", 10, 1), []], shared: [], recommended: [[], []] });
    expect(picks).toHaveLength(1);
  });
});

describe("attribution", () => {
  const names: [string, string] = ["Ana", "Sam"];
  const pick = (source: BlendPick["source"]): BlendPick => ({ ...track("x"), source });

  it("names whose taste a pick comes from, both names for a shared one", () => {
    expect(fromOf(pick({ kind: "member", member: 0 }), names)).toBe("Ana");
    expect(fromOf(pick({ kind: "member", member: 1 }), names)).toBe("Sam");
    expect(fromOf(pick({ kind: "new", member: 1 }), names)).toBe("Sam");
    expect(fromOf(pick({ kind: "shared" }), names)).toBe("Ana & Sam");
  });

  it("writes each member's copy from their side", () => {
    const sams = pick({ kind: "member", member: 1 });
    expect(reasonOf(sams, 1, names, "Last 6 months")).toBe("One of your most played tracks (last 6 months).");
    expect(reasonOf(sams, 0, names, "Last 6 months")).toBe("One of Sam’s most played tracks (last 6 months).");
    expect(reasonOf(pick({ kind: "new", member: 0 }), 1, names, "All time")).toBe(
      "New to you both: recommended by EchoTune from Ana’s taste.",
    );
    expect(reasonOf(pick({ kind: "shared" }), 0, names, "All time")).toBe("In both your top tracks (all time).");
  });
});
