import { describe, expect, it } from "vitest";
import { decode, encode } from "./codec";
import { tabulate, untabulate, type Table } from "./table";

/** A table through the journal's text and back, as a restart reads it. */
const roundTrip = (table: Table) => untabulate(decode<Table>(encode(table)));

describe("embedded store tables", () => {
  it("gives back same-shaped documents exactly: keys in order, shared values, dates, nested values", () => {
    const documents = [1, 2, 3].map((n) => ({
      _id: `p${n}`,
      userId: "u1",
      playedAt: new Date(Date.UTC(2024, 0, n, 12)),
      trackName: n === 2 ? "Ça ira — 東京" : `Track ${n}`,
      msPlayed: n * 1000,
      skipped: null,
      shuffle: n % 2 === 0,
      createdAt: new Date(0),
      hours: { "13": { plays: n, at: new Date(n) } },
      tags: ["a", n],
    }));
    const table = tabulate(documents);
    expect(table).toBeDefined();
    expect(table?.same).toEqual([
      [1, "u1"],
      [5, null],
    ]);
    const back = roundTrip(table!) as typeof documents;
    expect(back).toEqual(documents);
    for (const [index, document] of back.entries()) {
      expect(Object.keys(document)).toEqual(Object.keys(documents[index]!));
      expect(document.playedAt).toBeInstanceOf(Date);
      expect(document.hours["13"]?.at).toBeInstanceOf(Date);
    }
    // Nothing shared between documents that one could change under another.
    expect(back[0]!.hours).not.toBe(back[1]!.hours);
  });

  it("holds a column of few values once per value, and a column of many as it is", () => {
    const tracks = ["Halo", "Ça ira — 東京", "Halo", null, "Halo", "Ça ira — 東京", null, "Halo"];
    const documents = tracks.map((trackName, n) => ({ _id: `p${n}`, trackName, shuffle: n % 3 === 0, msPlayed: 1000 }));
    const table = tabulate(documents)!;
    expect(table.columns).toEqual([
      documents.map((document) => document._id),
      { of: ["Halo", "Ça ira — 東京", null], at: [0, 1, 0, 2, 0, 1, 2, 0] },
      { of: [true, false], at: [0, 1, 1, 0, 1, 1, 0, 1] },
    ]);
    expect(roundTrip(table)).toEqual(documents);
  });

  it("gives back documents whose every value is shared", () => {
    const documents = [{ kind: "x" }, { kind: "x" }, { kind: "x" }];
    expect(roundTrip(tabulate(documents)!)).toEqual(documents);
  });

  it("reads tables written before columns, one array of values per document", () => {
    const line =
      '{"keys":["playedAt","_id","userId","trackName","skipped"],"same":[[2,"u1"]],"dates":[0],' +
      '"rows":[[1704110400000,"p1","Halo",null],[1704196800000,"p2","Ça ira",true]]}';
    expect(untabulate(decode<Table>(line))).toEqual([
      { playedAt: new Date(1704110400000), _id: "p1", userId: "u1", trackName: "Halo", skipped: null },
      { playedAt: new Date(1704196800000), _id: "p2", userId: "u1", trackName: "Ça ira", skipped: true },
    ]);
  });

  it("leaves as a list what a table could not give back exactly", () => {
    const base = { _id: "a", n: 1 };
    expect(tabulate([base])).toBeUndefined();
    expect(tabulate([base, { n: 2, _id: "b" }])).toBeUndefined();
    expect(tabulate([base, { _id: "b", n: 2, extra: true }])).toBeUndefined();
    expect(tabulate([base, { _id: "b", n: undefined }])).toBeUndefined();
    expect(tabulate([base, { _id: "b", n: new Map() }])).toBeUndefined();
    expect(tabulate([base, { _id: "b", n: () => 1 }])).toBeUndefined();
  });

  it("keeps an invalid date and a column of dates with a gap as the codec writes them", () => {
    const documents = [
      { _id: "a", at: new Date(5), maybe: new Date(1) },
      { _id: "b", at: new Date(Number.NaN), maybe: null },
    ];
    const table = tabulate(documents)!;
    expect(table.dates).toEqual([]);
    expect(roundTrip(table)).toEqual(decode(encode(documents)));
  });

  it("never takes a key named __proto__ for the prototype", () => {
    const documents = decode<Array<Record<string, unknown>>>('[{"_id":"a","__proto__":{"x":1}},{"_id":"b","__proto__":{"x":2}}]');
    expect(tabulate(documents)).toBeUndefined();
  });
});
