/**
 * Blends of several models: each model's score vector is normalised per user, then the vectors are
 * summed with weights. Normalisations:
 *  - "max":    s / max(s) over candidate items (scores are assumed non-negative where it matters);
 *  - "zscore": (s − mean) / std over candidate items;
 *  - "rank":   reciprocal-rank fusion, 1 / (rrfK + rank) for the `depth` best candidates, 0 beyond.
 * Candidate items are all items except the user's own (when `seen` is given), so items the user
 * already has do not distort the statistics.
 */
import type { ImplicitModel } from "./model";
import type { Csr } from "./sparse";

export type BlendNormalization = "max" | "zscore" | "rank";

export interface BlendOptions {
  normalization?: BlendNormalization;
  /** The users' known items (e.g. the training matrix), excluded from the normalisation statistics. */
  seen?: Csr;
  /** Reciprocal-rank constant (default 60) and list depth (default 200) for "rank". */
  rrfK?: number;
  depth?: number;
  name?: string;
}

export class BlendModel implements ImplicitModel {
  readonly name: string;
  readonly users: number;
  readonly items: number;
  readonly parts: ReadonlyArray<{ model: ImplicitModel; weight: number }>;
  private readonly normalization: BlendNormalization;
  private readonly seen: Csr | undefined;
  private readonly rrfK: number;
  private readonly depth: number;
  private readonly buffer: Float64Array;
  private readonly mask: Uint8Array;

  constructor(parts: ReadonlyArray<{ model: ImplicitModel; weight: number }>, options: BlendOptions = {}) {
    const first = parts[0];
    if (!first) throw new Error("BlendModel: no models");
    for (const part of parts) {
      if (part.model.items !== first.model.items || part.model.users !== first.model.users)
        throw new Error("BlendModel: models disagree on users × items");
    }
    this.parts = parts;
    this.users = first.model.users;
    this.items = first.model.items;
    this.normalization = options.normalization ?? "zscore";
    this.seen = options.seen;
    this.rrfK = options.rrfK ?? 60;
    this.depth = options.depth ?? 200;
    this.buffer = new Float64Array(this.items);
    this.mask = new Uint8Array(this.items);
    this.name = options.name ?? `blend[${this.normalization}](${parts.map((p) => `${p.weight}*${p.model.name}`).join(" + ")})`;
  }

  scoreUser(user: number, out: Float64Array): void {
    out.fill(0);
    const seen = this.seen;
    const mask = this.mask;
    if (seen) for (let p = seen.indptr[user]!; p < seen.indptr[user + 1]!; p++) mask[seen.indices[p]!] = 1;
    for (const { model, weight } of this.parts) {
      if (weight === 0) continue;
      const s = this.buffer;
      model.scoreUser(user, s);
      normalizeScores(s, mask, this.normalization, this.rrfK, this.depth);
      for (let i = 0; i < this.items; i++) out[i]! += weight * s[i]!;
    }
    if (seen) for (let p = seen.indptr[user]!; p < seen.indptr[user + 1]!; p++) mask[seen.indices[p]!] = 0;
  }

  toJSON() {
    return {
      name: this.name,
      normalization: this.normalization,
      parts: this.parts.map((p) => ({ weight: p.weight, model: p.model.toJSON() })),
    };
  }
}

/** Normalises `s` in place over the items with `mask[i] === 0` (masked items are scaled alike). */
export function normalizeScores(s: Float64Array, mask: Uint8Array, normalization: BlendNormalization, rrfK = 60, depth = 200): void {
  const n = s.length;
  if (normalization === "max") {
    let max = 0;
    for (let i = 0; i < n; i++) if (!mask[i] && s[i]! > max) max = s[i]!;
    if (max > 0) for (let i = 0; i < n; i++) s[i] = s[i]! / max;
    return;
  }
  if (normalization === "zscore") {
    let sum = 0;
    let sq = 0;
    let m = 0;
    for (let i = 0; i < n; i++) {
      if (mask[i]) continue;
      sum += s[i]!;
      sq += s[i]! * s[i]!;
      m++;
    }
    const mean = m ? sum / m : 0;
    const std = Math.sqrt(Math.max(0, (m ? sq / m : 0) - mean * mean)) || 1;
    for (let i = 0; i < n; i++) s[i] = (s[i]! - mean) / std;
    return;
  }
  // rank: keep the `depth` best unmasked items.
  const order: number[] = [];
  for (let i = 0; i < n; i++) if (!mask[i] && s[i]! > -Infinity) order.push(i);
  order.sort((a, b) => s[b]! - s[a]! || a - b);
  s.fill(0);
  for (let r = 0; r < Math.min(depth, order.length); r++) s[order[r]!] = 1 / (rrfK + r + 1);
}
