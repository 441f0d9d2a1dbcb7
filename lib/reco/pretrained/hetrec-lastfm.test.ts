import { readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { normaliseName } from "@/lib/listening";
import { decodeArtistModel, similarTo, scoreHistory, topN } from "../cf";

const FILE = join(import.meta.dirname, "hetrec-lastfm.bin");

describe("the committed pretrained artist model", () => {
  const { model, meta } = decodeArtistModel(readFileSync(FILE));
  const index = (name: string) => meta.keys.indexOf(normaliseName(name));

  it("stays compact and says where it came from", () => {
    expect(statSync(FILE).size).toBeLessThan(4.2e6);
    expect(meta.source).toMatch(/HetRec 2011/);
    expect(meta.source).toMatch(/non-commercial/i);
    expect(Number.isNaN(Date.parse(meta.trainedAt))).toBe(false);
  });

  it("lists every HetRec artist once, under its normalised name, with tags for most", () => {
    expect(model.items).toBe(17_632);
    expect(meta.keys).toHaveLength(model.items);
    meta.names.forEach((name, i) => expect(meta.keys[i]).toBe(normaliseName(name)));
    const tagged = meta.tags.filter((tags) => tags.length > 0).length;
    expect(tagged / model.items).toBeGreaterThan(0.6);
    for (const tags of meta.tags) {
      expect(tags.length).toBeLessThanOrEqual(5);
      for (const tag of tags) expect(tag).toBe(tag.toLowerCase());
    }
    expect(meta.names[index("Sigur Rós")]).toBe("Sigur Rós");
  });

  it("knows that Beatles listeners play John Lennon and The Rolling Stones", () => {
    const beatles = index("The Beatles");
    expect(meta.tags[beatles]).toContain("classic rock");
    const similar = similarTo(model, beatles, 10).map((s) => meta.names[s.item]);
    expect(similar).toContain("John Lennon");
    expect(similar).toContain("The Rolling Stones");
  });

  it("recommends metal to a metal listener", () => {
    const history = ["Metallica", "Iron Maiden", "Megadeth"].map(index);
    const scores = new Float64Array(model.items);
    scoreHistory(model, history, [300, 200, 100], scores);
    const exclude = new Uint8Array(model.items);
    for (const i of history) exclude[i] = 1;
    const picks = topN(scores, 10, exclude).map((s) => meta.tags[s.item]!.join(" "));
    expect(picks.filter((tags) => tags.includes("metal")).length).toBeGreaterThanOrEqual(8);
  });
});
