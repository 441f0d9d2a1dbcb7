/**
 * Implicit ALS (Hu, Koren & Volinsky 2008, in the form of Rendle et al. 2021, "Revisiting the
 * performance of iALS on item recommendation benchmarks"): user and item factors W, H minimise
 *
 *   Σ_{(u,i) observed} c_ui (1 − w_u·h_i)² + Σ_{all u,i} α_i (w_u·h_i)²
 *     + λ Σ_u (n_u + Σ_i α_i)^ν |w_u|² + λ Σ_i (n_i + α_i · users)^ν |h_i|²
 *
 * c_ui is the confidence of an observed pair (1 for binary input; from play counts see
 * `IalsOptions.confidence`), α_i the weight of every pair with item i: α0 for all items, or
 * α0 · n_i^ρ / mean(n^ρ) to weigh popular items' unobserved pairs more (eALS, He et al. 2016),
 * ν the frequency scaling of the L2 penalty (0 = plain L2).
 *
 * Every half-step solves each row exactly. With G = Q Λ Qᵀ the (α-weighted) Gram matrix of the
 * fixed side, both sides are rotated into the eigenbasis Q (scores are unchanged), where a row's
 * system is (D + Yᵀ C Y) x = Yᵀ C 1 with D = a Λ + λ' diagonal (a = 1 for users, α_i for item i)
 * and Y the k observed rows of the fixed side. For k < d the Woodbury identity gives
 * x = D⁻¹ Yᵀ z with (C⁻¹ + Y D⁻¹ Yᵀ) z = 1, a k × k Cholesky solve; otherwise the d × d system is
 * factorised directly. Rows without observations get 0. Cost per sweep ≈ (users + items) · d² for
 * the Gram matrices and rotations plus Σ_rows min(k² d, k d²). Factors are Float64Array,
 * row-major; initialisation is seeded. `foldIn` solves a new listener's row the same way.
 *
 * One file: the iALS solver, its conjugate-gradient step and its scoring share the factor
 * layout and are tuned together.
 */
import { cholesky, choleskySolve, gram, rotateRows, symmetricEigen } from "./linalg";
import type { ImplicitModel, ScoredItem } from "./model";
import { createRng } from "./random";
import { csrFromTriples, transpose, type Csr } from "./sparse";

export interface IalsOptions {
  /** Latent dimensions (default 128). */
  factors?: number;
  /** Weight α0 of every user-item pair, observed or not (default 0.05). */
  unobservedWeight?: number;
  /** L2 strength λ (default 0.01). */
  regularization?: number;
  /**
   * Popularity-dependent unobserved weight (as eALS, He et al. 2016): item i's weight is
   * α0 · n_i^ρ / mean_j(n_j^ρ), so the total stays that of the uniform weighting (default ρ = 0).
   */
  unobservedExponent?: number;
  /** Frequency scaling ν of λ (default 1). */
  regExponent?: number;
  /**
   * Confidence c_ui of an observed pair from its value v (e.g. play count):
   *  - "binary" (default): 1;
   *  - "user": exp(alpha · (log(1 + v) − mean over the user's items of log(1 + v))), i.e.
   *    (relative plays)^alpha: a user's most played items count more than their least played,
   *    whatever the user's overall volume; the geometric mean per user stays 1;
   *  - "log": 1 + alpha · log(1 + v / epsilon) (Hu et al.);
   *  - "raw": the stored values (pre-computed confidences, e.g. pre-weighted side rows).
   */
  confidence?: "binary" | "user" | "log" | "raw";
  /** Strength of the play-count confidence (default 0.3 for "user", 1 for "log"). */
  alpha?: number;
  /** Scale of "log" (default 1). */
  epsilon?: number;
  /** ALS sweeps (default 10). */
  iterations?: number;
  /** Standard deviation of the initial factors (default 0.1 / sqrt(factors)). */
  initStd?: number;
  seed?: number;
  /** Called after each sweep (e.g. for progress or early evaluation). */
  onIteration?: (iteration: number, model: IalsModel) => void;
}

/** What `IalsModel.foldIn` needs to solve a new user's row exactly as training did. */
export interface IalsFoldIn {
  /** Σ_i α_i h_i h_iᵀ (d × d) over the final item factors. */
  gram: Float64Array;
  /** Σ_i α_i, λ, ν and the confidence settings of training. */
  alphaTotal: number;
  lambda: number;
  nu: number;
  confidence: NonNullable<IalsOptions["confidence"]>;
  alpha: number;
  epsilon: number;
}

export class IalsModel implements ImplicitModel {
  readonly name: string;
  readonly users: number;
  readonly items: number;
  readonly factors: number;
  /** users × factors, row-major. */
  readonly userFactors: Float64Array;
  /** items × factors, row-major. */
  readonly itemFactors: Float64Array;
  /** Set by `trainIals` once training is done. */
  foldInParams: IalsFoldIn | undefined;

  constructor(name: string, users: number, items: number, factors: number, userFactors: Float64Array, itemFactors: Float64Array) {
    this.name = name;
    this.users = users;
    this.items = items;
    this.factors = factors;
    this.userFactors = userFactors;
    this.itemFactors = itemFactors;
  }

  /**
   * The user vector for a listening history not in the training data (items with values such as
   * play counts), solved exactly against the trained item factors like a training user's row.
   */
  foldIn(items: ArrayLike<number>, values?: ArrayLike<number>): Float64Array {
    const p = this.foldInParams;
    if (!p) throw new Error("IalsModel.foldIn: the model has no fold-in parameters (train it with trainIals)");
    const d = this.factors;
    const h = this.itemFactors;
    const row = csrFromTriples(
      1,
      this.items,
      new Array<number>(items.length).fill(0),
      items,
      values ?? new Array<number>(items.length).fill(1),
    );
    const c = confidences(row, p.confidence, p.alpha, p.epsilon);
    const a = Float64Array.from(p.gram);
    const reg = p.lambda * (c.indices.length + p.alphaTotal) ** p.nu;
    for (let j = 0; j < d; j++) a[j * d + j]! += reg;
    const b = new Float64Array(d);
    for (let q = 0; q < c.indices.length; q++) {
      const o = c.indices[q]! * d;
      const cq = c.data[q]!;
      for (let s = 0; s < d; s++) {
        const hs = cq * h[o + s]!;
        b[s]! += hs;
        for (let t = 0; t <= s; t++) a[s * d + t]! += hs * h[o + t]!;
      }
    }
    if (!cholesky(a, d)) throw new Error("IalsModel.foldIn: system not positive definite");
    choleskySolve(a, d, b);
    return b;
  }

  /** Scores for a history not in the training data (see `foldIn`). */
  scoreHistory(items: ArrayLike<number>, values: ArrayLike<number> | undefined, out: Float64Array): void {
    this.scoreVector(this.foldIn(items, values), out);
  }

  scoreUser(user: number, out: Float64Array): void {
    this.scoreVector(this.userFactors.subarray(user * this.factors, (user + 1) * this.factors), out);
  }

  /** Scores for any user vector in the factor space. */
  scoreVector(w: Float64Array, out: Float64Array): void {
    const d = this.factors;
    const h = this.itemFactors;
    for (let i = 0, o = 0; i < this.items; i++, o += d) {
      let s = 0;
      for (let k = 0; k < d; k++) s += w[k]! * h[o + k]!;
      out[i] = s;
    }
  }

  similarItems(item: number, k: number): ScoredItem[] {
    const d = this.factors;
    const h = this.itemFactors;
    const norm = (i: number) => {
      let s = 0;
      for (let f = 0; f < d; f++) s += h[i * d + f]! ** 2;
      return Math.sqrt(s);
    };
    const n0 = norm(item);
    if (n0 === 0) return [];
    const found: ScoredItem[] = [];
    for (let i = 0; i < this.items; i++) {
      if (i === item) continue;
      const ni = norm(i);
      if (ni === 0) continue;
      let s = 0;
      for (let f = 0; f < d; f++) s += h[i * d + f]! * h[item * d + f]!;
      found.push({ item: i, score: s / (ni * n0) });
    }
    found.sort((a, b) => b.score - a.score || a.item - b.item);
    return found.slice(0, k);
  }

  toJSON() {
    return { name: this.name, users: this.users, items: this.items, factors: this.factors };
  }
}

/** Confidence matrix of `train` (users × items, values e.g. play counts); see `IalsOptions.confidence`. */
export function confidences(train: Csr, mode: "binary" | "user" | "log" | "raw", alpha: number, epsilon = 1): Csr {
  if (mode === "raw") return train;
  const data = new Float32Array(train.data.length);
  for (let u = 0; u < train.rows; u++) {
    const start = train.indptr[u]!;
    const end = train.indptr[u + 1]!;
    if (mode === "binary") data.fill(1, start, end);
    else if (mode === "log") for (let p = start; p < end; p++) data[p] = 1 + alpha * Math.log1p(Math.max(0, train.data[p]!) / epsilon);
    else {
      let mean = 0;
      for (let p = start; p < end; p++) mean += Math.log1p(Math.max(0, train.data[p]!));
      mean /= Math.max(1, end - start);
      for (let p = start; p < end; p++) data[p] = Math.exp(alpha * (Math.log1p(Math.max(0, train.data[p]!)) - mean));
    }
  }
  return { ...train, data };
}

/**
 * Solves every row of `m` (rows × cols, values = confidences) into `x` (rows × d) given the fixed
 * side `y` (cols × d) already rotated into the eigenbasis of its (weighted) Gram matrix with
 * eigenvalues `lam`; `alpha0` scales that Gram term, per row or for all rows.
 */
function solveSide(
  m: Csr,
  x: Float64Array,
  y: Float64Array,
  lam: Float64Array,
  alpha0: Float64Array | number,
  reg: Float64Array,
  d: number,
): void {
  const dInvSqrt = new Float64Array(d);
  let maxK = 0;
  for (let row = 0; row < m.rows; row++) maxK = Math.max(maxK, m.indptr[row + 1]! - m.indptr[row]!);
  // Gathered rows of the fixed side for one row's observations (k × d, contiguous).
  const s = new Float64Array(Math.max(1, maxK) * d);
  const a = new Float64Array(d * d);
  const z = new Float64Array(d);
  for (let row = 0; row < m.rows; row++) {
    const xo = row * d;
    const start = m.indptr[row]!;
    const k = m.indptr[row + 1]! - start;
    if (k === 0) {
      x.fill(0, xo, xo + d);
      continue;
    }
    const a0 = typeof alpha0 === "number" ? alpha0 : alpha0[row]!;
    const r = reg[row]!;
    if (k < d) {
      // Woodbury with S = Y D^(-1/2): (C⁻¹ + S Sᵀ) z = 1, x = D^(-1/2) Sᵀ z.
      for (let j = 0; j < d; j++) dInvSqrt[j] = 1 / Math.sqrt(a0 * lam[j]! + r);
      for (let p = 0; p < k; p++) {
        const o = m.indices[start + p]! * d;
        const op = p * d;
        for (let j = 0; j < d; j++) s[op + j] = y[o + j]! * dInvSqrt[j]!;
      }
      rowGramLower(s, k, d, a);
      for (let p = 0; p < k; p++) {
        a[p * k + p]! += 1 / m.data[start + p]!;
        z[p] = 1;
      }
      if (!cholesky(a, k)) throw new Error("iALS: Woodbury system not positive definite");
      choleskySolve(a, k, z);
      x.fill(0, xo, xo + d);
      for (let p = 0; p < k; p++) {
        const zp = z[p]!;
        const op = p * d;
        for (let j = 0; j < d; j++) x[xo + j]! += zp * s[op + j]!;
      }
      for (let j = 0; j < d; j++) x[xo + j]! *= dInvSqrt[j]!;
    } else {
      // Direct: (D + Sᵀ S) x = Σ c y with S rows √c · y.
      z.fill(0);
      for (let p = 0; p < k; p++) {
        const o = m.indices[start + p]! * d;
        const c = m.data[start + p]!;
        const sc = Math.sqrt(c);
        const op = p * d;
        for (let j = 0; j < d; j++) {
          const v = y[o + j]!;
          s[op + j] = sc * v;
          z[j]! += c * v;
        }
      }
      const g = gram(s, k, d);
      for (let q = 0; q < d * d; q++) a[q] = g[q]!;
      for (let j = 0; j < d; j++) a[j * d + j]! += a0 * lam[j]! + r;
      if (!cholesky(a, d)) throw new Error("iALS: normal equations not positive definite");
      choleskySolve(a, d, z);
      for (let j = 0; j < d; j++) x[xo + j] = z[j]!;
    }
  }
}

/** Lower triangle of S Sᵀ for the first k rows of S (k × d, row-major) into out (k × k), 2 × 2 blocked. */
function rowGramLower(s: Float64Array, k: number, d: number, out: Float64Array): void {
  let p = 0;
  for (; p + 1 < k; p += 2) {
    const o0 = p * d;
    const o1 = o0 + d;
    let q = 0;
    for (; q + 1 <= p; q += 2) {
      const r0 = q * d;
      const r1 = r0 + d;
      let s00 = 0;
      let s01 = 0;
      let s10 = 0;
      let s11 = 0;
      for (let j = 0; j < d; j++) {
        const a0 = s[o0 + j]!;
        const a1 = s[o1 + j]!;
        const b0 = s[r0 + j]!;
        const b1 = s[r1 + j]!;
        s00 += a0 * b0;
        s01 += a0 * b1;
        s10 += a1 * b0;
        s11 += a1 * b1;
      }
      out[p * k + q] = s00;
      out[p * k + q + 1] = s01;
      out[(p + 1) * k + q] = s10;
      out[(p + 1) * k + q + 1] = s11;
    }
    // q === p: the 2 × 2 diagonal block.
    let s00 = 0;
    let s10 = 0;
    let s11 = 0;
    for (let j = 0; j < d; j++) {
      const a0 = s[o0 + j]!;
      const a1 = s[o1 + j]!;
      s00 += a0 * a0;
      s10 += a1 * a0;
      s11 += a1 * a1;
    }
    out[p * k + p] = s00;
    out[(p + 1) * k + p] = s10;
    out[(p + 1) * k + p + 1] = s11;
  }
  if (p < k) {
    const o0 = p * d;
    for (let q = 0; q <= p; q++) {
      const r0 = q * d;
      let t = 0;
      for (let j = 0; j < d; j++) t += s[o0 + j]! * s[r0 + j]!;
      out[p * k + q] = t;
    }
  }
}

export function trainIals(train: Csr, options: IalsOptions = {}): IalsModel {
  const d = options.factors ?? 128;
  const alpha0 = options.unobservedWeight ?? 0.05;
  const lambda = options.regularization ?? 0.01;
  const nu = options.regExponent ?? 1;
  const rho = options.unobservedExponent ?? 0;
  const confidence = options.confidence ?? "binary";
  const alpha = options.alpha ?? (confidence === "user" ? 0.3 : 1);
  const epsilon = options.epsilon ?? 1;
  const iterations = options.iterations ?? 10;
  const std = options.initStd ?? 0.1 / Math.sqrt(d);
  const rng = createRng(options.seed ?? 42);
  const users = train.rows;
  const items = train.cols;

  const cu = confidences(train, confidence, alpha, epsilon);
  const ci = transpose(cu);
  const w = new Float64Array(users * d);
  const h = new Float64Array(items * d);
  for (let k = 0; k < h.length; k++) h[k] = rng.normal() * std;
  // Unobserved weight per item (uniform α0 unless ρ ≠ 0).
  const alphaI = new Float64Array(items).fill(alpha0);
  if (rho !== 0) {
    let mean = 0;
    for (let i = 0; i < items; i++) {
      const n = ci.indptr[i + 1]! - ci.indptr[i]!;
      alphaI[i] = n > 0 ? n ** rho : 0;
      mean += alphaI[i]! / items;
    }
    for (let i = 0; i < items; i++) alphaI[i] = (alpha0 * alphaI[i]!) / mean;
  }
  let alphaTotal = 0;
  for (let i = 0; i < items; i++) alphaTotal += alphaI[i]!;
  const regU = new Float64Array(users);
  const regI = new Float64Array(items);
  for (let u = 0; u < users; u++) regU[u] = lambda * (cu.indptr[u + 1]! - cu.indptr[u]! + alphaTotal) ** nu;
  for (let i = 0; i < items; i++) regI[i] = lambda * (ci.indptr[i + 1]! - ci.indptr[i]! + alphaI[i]! * users) ** nu;

  const name = `ials(d=${d},a0=${alpha0}${rho ? `,rho=${rho}` : ""},l2=${lambda},nu=${nu}${confidence === "binary" ? "" : `,conf=${confidence}${confidence === "raw" ? "" : `(${alpha})`}`},it=${iterations})`;
  const model = new IalsModel(name, users, items, d, w, h);
  for (let it = 0; it < iterations; it++) {
    // Users given items: rotate H into the eigenbasis of HᵀH, solve W there (both now share the basis).
    let eig = symmetricEigen(gram(h, items, d, alphaI), d);
    rotateRows(h, items, d, eig.vectors);
    solveSide(cu, w, h, eig.values, 1, regU, d);
    // Items given users.
    eig = symmetricEigen(gram(w, users, d), d);
    rotateRows(w, users, d, eig.vectors);
    solveSide(ci, h, w, eig.values, alphaI, regI, d);
    options.onIteration?.(it, model);
  }
  model.foldInParams = { gram: gram(h, items, d, alphaI), alphaTotal, lambda, nu, confidence, alpha, epsilon };
  return model;
}
