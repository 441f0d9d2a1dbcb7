import { describe, expect, it } from "vitest";
import { buildPublicGenres } from "./build";
import { familiesOf, genreOfTag, genresFromTags } from "./tags";

describe("genreOfTag", () => {
  it("reads styles of music and their family", () => {
    expect(genreOfTag("Indie Rock")).toEqual({ genre: "indie rock", family: "rock" });
    expect(genreOfTag("hip hop")).toEqual({ genre: "hip-hop", family: "hiphop" });
    expect(genreOfTag("melodic death metal")?.family).toBe("rock");
    expect(genreOfTag("synth pop")).toEqual({ genre: "synthpop", family: "electronic" });
    expect(genreOfTag("bossa nova")?.family).toBe("jazz");
    expect(genreOfTag("neo-soul")?.family).toBe("soul");
    expect(genreOfTag("k-pop")?.family).toBe("pop");
  });

  it("ignores places, decades, voices and opinions", () => {
    for (const tag of [
      "seen live",
      "female vocalists",
      "80s",
      "british",
      "awesome",
      "<3",
      "favorites",
      "rock star",
      "love at first listen",
      "",
    ])
      expect(genreOfTag(tag), tag).toBeNull();
  });
});

describe("genresFromTags", () => {
  it("keeps the most applied genre tags and drops one listener's stray tag", () => {
    const genres = genresFromTags([
      ["seen live", 90],
      ["alternative", 60],
      ["rock", 55],
      ["british", 50],
      ["alternative rock", 40],
      ["jazz", 2],
    ]);
    expect(genres).toEqual(["alternative", "rock", "alternative rock"]);
  });

  it("merges spellings of one genre", () => {
    expect(
      genresFromTags([
        ["hip hop", 5],
        ["hip-hop", 4],
        ["rap", 3],
      ]),
    ).toEqual(["hip-hop", "rap"]);
  });
});

describe("familiesOf", () => {
  it("maps genres to families without repeats", () => {
    expect(familiesOf(["indie rock", "metal", "electronic", "unknown thing"])).toEqual(["rock", "electronic"]);
  });
});

describe("buildPublicGenres", () => {
  it("joins the HetRec files by id and keys artists by normalised name", () => {
    const table = buildPublicGenres(
      {
        artists: "id\tname\turl\tpictureURL\r\n1\tThe Beatles\tu\tp\r\n2\tSigur Rós\tu\tp\r\n3\tNobody Tagged\tu\tp\r\n",
        tags: "tagID\ttagValue\r\n1\tclassic rock\r\n2\tpost-rock\r\n3\tseen live\r\n",
        taggings:
          "userID\tartistID\ttagID\tday\tmonth\tyear\r\n5\t1\t1\t1\t1\t2009\r\n6\t1\t3\t1\t1\t2009\r\n5\t2\t2\t1\t1\t2009\r\n7\t3\t3\t1\t1\t2009\r\n",
      },
      "test",
    );
    expect(table.source).toBe("test");
    expect(table.artists["beatles"] ?? table.artists["the beatles"]).toEqual(["classic rock"]);
    expect(Object.values(table.artists)).toContainEqual(["post-rock"]);
    expect(Object.keys(table.artists)).toHaveLength(2);
  });
});
