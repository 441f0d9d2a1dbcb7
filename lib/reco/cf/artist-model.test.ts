import { describe, expect, it } from "vitest";
import {
  ARTIST_MODEL,
  scoreHistory,
  similarTo,
  strongestSupport,
  trainArtistModel,
  type ArtistModel,
  type ArtistModelConfig,
} from "./artist-model";
import { decodeArtistModel, encodeArtistModel, type ArtistModelMeta } from "./artist-model-codec";
import { topN } from "./model";
import { csrFromTriples, type Csr } from "./sparse";

/**
 * Two taste clusters over 13 artists: listeners 0-7 play artists 0-5, listeners 8-15 artists 6-11,
 * each missing two of their cluster. Artist 12 has no listener but shares cluster A's tag.
 */
function clusters(): { train: Csr; tags: Csr } {
  const r: number[] = [];
  const c: number[] = [];
  const v: number[] = [];
  for (let u = 0; u < 16; u++) {
    const base = u < 8 ? 0 : 6;
    for (let k = 0; k < 6; k++) {
      if (k === u % 6 || k === (u + 1) % 6) continue;
      r.push(u);
      c.push(base + k);
      v.push(1 + ((u * 7 + k * 3) % 5) * 10);
    }
  }
  const items = [...Array(13).keys()];
  const tags = csrFromTriples(
    13,
    3,
    [...items, 0, 6],
    [...items.map((i) => (i < 6 || i === 12 ? 0 : 1)), 2, 2],
    [...items.map(() => 3), 1, 1],
  );
  return { train: csrFromTriples(16, 13, r, c, v), tags };
}

const SMALL: ArtistModelConfig = {
  ials: { ...ARTIST_MODEL.ials, factors: 4, iterations: 8 },
  content: { weight: 0.15 },
  popularity: { weight: 0.1 },
};

function scores(model: ArtistModel, items: number[], values: number[]) {
  const out = new Float64Array(model.items);
  scoreHistory(model, items, values, out);
  return out;
}

describe("scoreHistory", () => {
  const { train, tags } = clusters();
  const model = trainArtistModel(train, { itemFeatures: tags, config: SMALL });

  it("ranks the rest of the listener's cluster first, from the history alone", () => {
    const out = scores(model, [0, 1, 2], [30, 20, 10]);
    const exclude = Uint8Array.from({ length: 13 }, (_, i) => (i < 3 ? 1 : 0));
    expect(
      topN(out, 3, exclude)
        .map((s) => s.item)
        .sort((a, b) => a - b),
    ).toEqual([3, 4, 5]);
  });

  it("reaches an artist nobody played through its tags", () => {
    const tagged = trainArtistModel(train, { itemFeatures: tags, config: { ...SMALL, content: { weight: 1 } } });
    const out = scores(tagged, [0, 1, 2], [30, 20, 10]);
    expect(out[12]).toBeGreaterThan(Math.max(...out.subarray(6, 12)));
  });

  it("is the same for the same history, whatever the order of its artists", () => {
    const a = scores(model, [0, 1, 2], [30, 20, 10]);
    const b = scores(model, [2, 0, 1], [10, 30, 20]);
    for (let i = 0; i < 13; i++) expect(b[i]).toBeCloseTo(a[i]!, 9);
  });

  it("scores an empty history as all zeros and rejects a wrong output length", () => {
    expect([...scores(model, [], [])]).toEqual(new Array(13).fill(0));
    expect(() => scoreHistory(model, [0], [1], new Float64Array(3))).toThrow(/13 entries/);
  });

  it("explains a pick by the history artist closest in factor space", () => {
    const similar = similarTo(model, 0, 3).map((s) => s.item);
    expect(similar.every((i) => i < 6)).toBe(true);
    const [support] = strongestSupport(model, [0, 7], 3);
    expect(support?.item).toBe(0);
  });
});

describe("encodeArtistModel / decodeArtistModel", () => {
  const { train, tags } = clusters();
  const model = trainArtistModel(train, { itemFeatures: tags, config: SMALL });
  const meta: ArtistModelMeta = {
    keys: [...Array(13).keys()].map((i) => `artist ${i}`),
    names: [...Array(13).keys()].map((i) => `Artist ${i} — Ünïcode`),
    tags: [...Array(13).keys()].map((i) => (i % 4 === 0 ? [] : ["rock", `tag ${i}`])),
    source: "test clusters",
    version: "test/1",
    trainedAt: "2026-01-01T00:00:00.000Z",
  };

  it("round-trips the meta exactly and the scores within the quantisation error", () => {
    const bytes = encodeArtistModel(model, meta);
    // Decoding must not depend on the input's alignment (e.g. a Buffer slice of a pooled buffer).
    const shifted = new Uint8Array(bytes.length + 3).subarray(3);
    shifted.set(bytes);
    for (const input of [bytes, shifted]) {
      const decoded = decodeArtistModel(input);
      expect(decoded.meta).toEqual(meta);
      expect(decoded.model.config).toEqual(model.config);
      expect(decoded.model.tags?.indices).toEqual(model.tags?.indices);
      expect(decoded.model.listeners).toEqual(model.listeners);
      const a = scores(model, [0, 1, 2], [30, 20, 10]);
      const b = scores(decoded.model, [0, 1, 2], [30, 20, 10]);
      for (let i = 0; i < 13; i++) expect(Math.abs(b[i]! - a[i]!)).toBeLessThan(0.05);
      expect(topN(b, 5).map((s) => s.item)).toEqual(topN(a, 5).map((s) => s.item));
    }
  });

  it("decodes an artifact from before the popularity part without it", () => {
    const bytes = encodeArtistModel(model, meta);
    const headerLength = new DataView(bytes.buffer, bytes.byteOffset).getUint32(4, true);
    const header = JSON.parse(new TextDecoder().decode(bytes.subarray(8, 8 + headerLength))) as {
      config: Partial<ArtistModelConfig>;
      sections: Record<string, unknown>;
    };
    delete header.config.popularity;
    delete header.sections.listeners;
    // Same length, padded with spaces, so every section stays where it is.
    const edited = new TextEncoder().encode(JSON.stringify(header).padEnd(headerLength, " "));
    const old = bytes.slice();
    old.set(edited, 8);
    const decoded = decodeArtistModel(old);
    expect(decoded.model.config.popularity.weight).toBe(0);
    expect(
      topN(scores(decoded.model, [0, 1, 2], [30, 20, 10]), 3, new Uint8Array(13).fill(1, 0, 3))
        .map((s) => s.item)
        .sort(),
    ).toEqual([3, 4, 5]);
  });

  it("refuses bytes that are not an artist model and meta of the wrong length", () => {
    expect(() => decodeArtistModel(new TextEncoder().encode("not a model at all"))).toThrow(/bad magic/);
    expect(() => encodeArtistModel(model, { ...meta, keys: ["one"] })).toThrow(/13 keys/);
    const bytes = encodeArtistModel(model, meta);
    expect(() => decodeArtistModel(bytes.subarray(0, bytes.length - 100))).toThrow(/truncated/);
  });
});
