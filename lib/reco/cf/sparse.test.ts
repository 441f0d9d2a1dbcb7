import { describe, expect, it } from "vitest";
import { binarize, colCounts, csrFromInteractions, csrFromTriples, denseRow, hasEntry, mapValues, rowCounts, transpose } from "./sparse";

const dense = (m: ReturnType<typeof csrFromTriples>) => Array.from({ length: m.rows }, (_, r) => Array.from(denseRow(m, r)));

describe("csrFromTriples", () => {
  it("sorts columns within rows, sums duplicates and keeps empty rows", () => {
    const m = csrFromTriples(3, 4, [2, 0, 2, 0, 2], [3, 1, 0, 1, 3], [1, 2, 3, 4, 5]);
    expect(Array.from(m.indptr)).toEqual([0, 1, 1, 3]);
    expect(Array.from(m.indices)).toEqual([1, 0, 3]);
    expect(Array.from(m.data)).toEqual([6, 3, 6]);
    expect(dense(m)).toEqual([
      [0, 6, 0, 0],
      [0, 0, 0, 0],
      [3, 0, 0, 6],
    ]);
  });

  it("defaults weights to 1 and builds from Interactions", () => {
    const m = csrFromInteractions({ users: 2, items: 3, rows: [1, 0], cols: [2, 0] });
    expect(dense(m)).toEqual([
      [1, 0, 0],
      [0, 0, 1],
    ]);
  });

  it("rejects out-of-range or fractional indices and mismatched lengths", () => {
    expect(() => csrFromTriples(2, 2, [2], [0])).toThrow(/row 2/);
    expect(() => csrFromTriples(2, 2, [0], [-1])).toThrow(/col -1/);
    expect(() => csrFromTriples(2, 2, [0.5], [0])).toThrow(/row/);
    expect(() => csrFromTriples(2, 2, [0, 1], [0])).toThrow(/same length/);
  });
});

describe("transpose and helpers", () => {
  const m = csrFromTriples(3, 4, [0, 0, 1, 2, 2], [0, 3, 2, 1, 3], [1, 2, 3, 4, 5]);

  it("transposes (dense check) and round-trips", () => {
    const t = transpose(m);
    expect(t.rows).toBe(4);
    expect(t.cols).toBe(3);
    const d = dense(m);
    const dt = dense(t);
    for (let r = 0; r < 3; r++) for (let c = 0; c < 4; c++) expect(dt[c]![r]).toBe(d[r]![c]);
    for (let r = 0; r < 4; r++) {
      const cols = Array.from(t.indices.subarray(t.indptr[r], t.indptr[r + 1]));
      expect(cols).toEqual([...cols].sort((a, b) => a - b));
    }
    expect(dense(transpose(t))).toEqual(d);
  });

  it("counts, binarises, maps and finds entries", () => {
    expect(Array.from(rowCounts(m))).toEqual([2, 1, 2]);
    expect(Array.from(colCounts(m))).toEqual([1, 1, 1, 2]);
    expect(Array.from(binarize(m).data)).toEqual([1, 1, 1, 1, 1]);
    expect(Array.from(mapValues(m, (v, r, c) => v * 10 + r + c).data)).toEqual([10, 23, 33, 43, 55]);
    expect(hasEntry(m, 0, 3)).toBe(true);
    expect(hasEntry(m, 0, 2)).toBe(false);
    expect(hasEntry(m, 1, 2)).toBe(true);
    expect(hasEntry(m, 2, 0)).toBe(false);
  });
});
