import { describe, expect, it } from "vitest";
import { hasEntry } from "../cf/sparse";
import { decodeLatin1, hetrecSideInformation, parseHetrec, parseTsv } from "./hetrec";

const bytes = (s: string) => new TextEncoder().encode(s);
const latin1 = (s: string) => Uint8Array.from(s, (c) => c.charCodeAt(0));

describe("parseTsv", () => {
  it("handles CRLF, a header, a BOM, blank lines and a missing final newline", () => {
    expect(parseTsv("\ufeffuserID\tartistID\r\n2\t51\r\n\r\n3\t52")).toEqual([
      ["2", "51"],
      ["3", "52"],
    ]);
    expect(parseTsv("2\t275\n2\t428\n")).toEqual([
      ["2", "275"],
      ["2", "428"],
    ]);
  });

  it("decodes ISO-8859-1 byte for byte", () => {
    expect(decodeLatin1(Uint8Array.from([0x74, 0x72, 0x6f, 0x70, 0x69, 0x63, 0xe1, 0x6c]))).toBe("tropicál");
  });
});

describe("parseHetrec", () => {
  const ds = parseHetrec({
    userArtists: bytes("userID\tartistID\tweight\r\n2\t51\t100\r\n2\t52\t50\r\n7\t51\t3\r\n7\t60\t1"),
    artists: latin1("id\tname\turl\tpictureURL\n51\tBj\u00f6rk\tu\tp\n52\tABBA\tu\tp\n53\tNobody\tu\tp\n"),
    tags: latin1("tagID\ttagValue\n1\trock fran\u00e7ais\n2\tpop\n"),
    userTaggedArtists: bytes(
      "userID\tartistID\ttagID\tday\tmonth\tyear\n2\t52\t1\t1\t4\t2009\n7\t51\t2\t1\t4\t2009\n7\t999\t2\t1\t4\t2009\n9\t51\t2\t1\t1\t2010\n",
    ),
    userFriends: bytes("2\t7\r\n7\t2\r\n2\t9"),
  });

  it("indexes users in order of appearance and artists in artists.dat order, then unknown ones", () => {
    expect(ds.userIds).toEqual(["2", "7"]);
    expect(ds.artistIds).toEqual(["51", "52", "53", "60"]);
    expect(ds.artistNames).toEqual(["Björk", "ABBA", "Nobody", ""]);
    expect(Array.from(ds.plays.user)).toEqual([0, 0, 1, 1]);
    expect(Array.from(ds.plays.item)).toEqual([0, 1, 0, 3]);
    expect(Array.from(ds.plays.count)).toEqual([100, 50, 3, 1]);
  });

  it("reads artists.dat as UTF-8 when it is (the released file is), else as ISO-8859-1", () => {
    const utf8 = parseHetrec({
      userArtists: bytes("userID\tartistID\tweight\n2\t51\t1"),
      artists: bytes("id\tname\turl\tpictureURL\n51\tSigur R\u00f3s\tu\tp\n"),
    });
    expect(utf8.artistNames).toEqual(["Sigur Rós"]);
  });

  it("reads tags and friends, dropping rows naming unknown users or artists", () => {
    expect(ds.tagNames).toEqual(["rock français", "pop"]);
    expect(Array.from(ds.tagAssignments.item)).toEqual([1, 0]);
    expect(Array.from(ds.tagAssignments.tag)).toEqual([0, 1]);
    expect(Array.from(ds.friends.a)).toEqual([0, 1]);
    expect(ds.dropped).toEqual({ "user_taggedartists.dat": 2, "user_friends.dat": 1 });
  });

  it("builds side information, hiding tag assignments on hidden pairs", () => {
    const all = hetrecSideInformation(ds);
    expect(hasEntry(all.itemTags, 1, 0)).toBe(true);
    expect(hasEntry(all.friends, 0, 1) && hasEntry(all.friends, 1, 0)).toBe(true);
    // Hide user 0's pair with artist index 1 ("52"): their tag on it disappears.
    const hidden = { indptr: Int32Array.from([0, 1, 1]), indices: Int32Array.from([1]) };
    const side = hetrecSideInformation(ds, hidden);
    expect(hasEntry(side.itemTags, 1, 0)).toBe(false);
    expect(hasEntry(side.itemTags, 0, 1)).toBe(true);
  });
});
