import { describe, expect, it } from "vitest";
import { parseHetrec } from "./hetrec";
import { makeFold } from "./protocol";
import { generateSyntheticHetrec } from "./synthetic-hetrec";

const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes);

// Generating listeners is CPU work: allow for a busy machine.
describe("generateSyntheticHetrec", { timeout: 30_000 }, () => {
  const files = generateSyntheticHetrec({ users: 12, playsEach: 400 });

  it("writes the real files' headers and line ends", () => {
    expect(text(files["user_artists.dat"]).startsWith("userID\tartistID\tweight\r\n")).toBe(true);
    expect(text(files["artists.dat"]).startsWith("id\tname\turl\tpictureURL\n")).toBe(true);
    expect(text(files["tags.dat"]).startsWith("tagID\ttagValue\n")).toBe(true);
    expect(text(files["user_taggedartists.dat"]).startsWith("userID\tartistID\ttagID\tday\tmonth\tyear\n")).toBe(true);
    // user_friends.dat has no header, as in the real set.
    expect(text(files["user_friends.dat"])).toMatch(/^\d+\t\d+\r\n/);
    for (const name of ["user_artists.dat", "user_friends.dat"] as const)
      expect(
        text(files[name])
          .split("\r\n")
          .every((line, i, all) => i === all.length - 1 || !line.includes("\n")),
      ).toBe(true);
    for (const name of ["artists.dat", "tags.dat", "user_taggedartists.dat"] as const) expect(text(files[name])).not.toContain("\r");
    // ISO-8859-1, one byte per character, like the real artists.dat and tags.dat.
    expect(files["artists.dat"].every((byte) => byte !== 0)).toBe(true);
  });

  it("parses with the HetRec loader without a dropped row", () => {
    const ds = parseHetrec({
      userArtists: files["user_artists.dat"],
      artists: files["artists.dat"],
      tags: files["tags.dat"],
      userTaggedArtists: files["user_taggedartists.dat"],
      userFriends: files["user_friends.dat"],
    });
    expect(ds.dropped).toEqual({});
    expect(ds.userIds).toHaveLength(12);
    expect(ds.userIds[0]).toBe("2");
    expect(ds.tagAssignments.user.length).toBeGreaterThan(0);
    expect(ds.friends.a.length).toBeGreaterThan(0);

    // At most 50 artists per user (each user's top 50), users ascending, artists ascending within a user.
    const rows = text(files["user_artists.dat"])
      .trim()
      .split("\r\n")
      .slice(1)
      .map((line) => line.split("\t").map(Number));
    const perUser = new Map<number, number>();
    rows.forEach(([user, artist, weight], i) => {
      perUser.set(user!, (perUser.get(user!) ?? 0) + 1);
      expect(weight).toBeGreaterThan(0);
      const previous = rows[i - 1];
      if (previous) expect(previous[0]! < user! || (previous[0] === user && previous[1]! < artist!)).toBe(true);
    });
    expect(Math.max(...perUser.values())).toBeLessThanOrEqual(50);

    // Friendships are listed in both directions.
    const pairs = new Set(text(files["user_friends.dat"]).trim().split("\r\n"));
    for (const pair of pairs) expect(pairs.has(pair.split("\t").reverse().join("\t"))).toBe(true);

    // Fold 0 has a test item for every user, so the fold file lists each of them.
    const fold = makeFold(
      { users: ds.userIds.length, items: ds.artistIds.length, user: ds.plays.user, item: ds.plays.item, count: ds.plays.count },
      0,
      5,
    );
    expect(fold.testUsers.length).toBe(12);
  });

  it("is a pure function of its options", () => {
    const again = generateSyntheticHetrec({ users: 12, playsEach: 400 });
    for (const name of Object.keys(files) as Array<keyof typeof files>) expect(again[name]).toEqual(files[name]);
    expect(generateSyntheticHetrec({ users: 12, playsEach: 400, seed: 8 })["user_artists.dat"]).not.toEqual(files["user_artists.dat"]);
  });
});
