/**
 * Implicit ALS (Hu, Koren & Volinsky 2008, in the form of Rendle et al. 2021, "Revisiting the
 * performance of iALS on item recommendation benchmarks"): user and item factors W, H minimise
 *
 *   Σ_{(u,i) observed} c_ui (1 − w_u·h_i)² + α0 Σ_{all u,i} (w_u·h_i)²
 *     + λ Σ_u (n_u + α0 · items)^ν |w_u|² + λ Σ_i (n_i + α0 · users)^ν |h_i|²
 *
 * c_ui is the confidence of an observed pair (1 for binary input, or 1 + α·log(1 + value/ε) from
 * play counts), α0 the weight of every pair, ν the frequency scaling of the L2 penalty (0 = plain).
 *
 * Every half-step solves each row exactly. With G = Q Λ Qᵀ the Gram matrix of the fixed side, both
 * sides are rotated into the eigenbasis Q (scores are unchanged), where a row's system is
 * (D + Yᵀ C Y) x = Yᵀ C 1 with D = α0 Λ + λ' diagonal and Y the k observed rows of the fixed side.
 * For k < d the Woodbury identity gives x = D⁻¹ Yᵀ z with (C⁻¹ + Y D⁻¹ Yᵀ) z = 1, a k × k
 * Cholesky solve; otherwise the d × d system is factorised directly. Rows without observations
 * get 0. Factors are Float64Array, row-major; initialisation is seeded.
 */
import { cholesky, choleskySolve, gram, rotateRows, symmetricEigen } from "./linalg";
import type { ImplicitModel, ScoredItem } from "./model";
import { createRng } from "./random";
import { transpose, type Csr } from "./sparse";

export interface IalsOptions {
  /** Latent dimensions (default 128). */
  factors?: number;
  /** Weight α0 of every user-item pair, observed or not (default 0.05). */
  unobservedWeight?: number;
  /** L2 strength λ (default 0.01). */
  regularization?: number;
  /** Frequency scaling ν of λ (default 1). */
  regExponent?: number;
  /**
   * Confidence of observed pairs: "log" (default) is 1 + alpha · log(1 + value / epsilon), i.e. binary
   * with the default alpha 0; "raw" uses the stored values as confidences (e.g. pre-weighted side rows).
   */
  confidence?: "log" | "raw";
  alpha?: number;
  epsilon?: number;
  /** ALS sweeps (default 10). */
  iterations?: number;
  /** Standard deviation of the initial factors (default 0.1 / sqrt(factors)). */
  initStd?: number;
  seed?: number;
  /** Called after each sweep (e.g. for progress or early evaluation). */
  onIteration?: (iteration: number, model: IalsModel) => void;
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

  constructor(name: string, users: number, items: number, factors: number, userFactors: Float64Array, itemFactors: Float64Array) {
    this.name = name;
    this.users = users;
    this.items = items;
    this.factors = factors;
    this.userFactors = userFactors;
    this.itemFactors = itemFactors;
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

/** Confidence matrix from raw values (play counts): 1 + alpha · log(1 + v / epsilon). */
export function confidences(train: Csr, alpha: number, epsilon: number): Csr {
  const data = new Float32Array(train.data.length);
  for (let k = 0; k < data.length; k++) data[k] = 1 + alpha * Math.log1p(train.data[k]! / epsilon);
  return { ...train, data };
}

/**
 * Solves every row of `m` (rows × cols, values = confidences) into `x` (rows × d) given the fixed
 * side `y` (cols × d) already rotated into the eigenbasis of its Gram matrix (eigenvalues `lam`).
 */
function solveSide(m: Csr, x: Float64Array, y: Float64Array, lam: Float64Array, alpha0: number, reg: Float64Array, d: number): void {
  const dInv = new Float64Array(d);
  const ys = new Float64Array(d * d);
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
    for (let j = 0; j < d; j++) dInv[j] = 1 / (alpha0 * lam[j]! + reg[row]!);
    if (k < d) {
      // Woodbury: (C⁻¹ + Y D⁻¹ Yᵀ) z = 1, x = D⁻¹ Yᵀ z.
      for (let p = 0; p < k; p++) {
        const o = m.indices[start + p]! * d;
        const op = p * d;
        for (let j = 0; j < d; j++) ys[op + j] = y[o + j]! * dInv[j]!;
      }
      for (let p = 0; p < k; p++) {
        const op = p * d;
        for (let q = 0; q <= p; q++) {
          const oq = m.indices[start + q]! * d;
          let s = 0;
          for (let j = 0; j < d; j++) s += ys[op + j]! * y[oq + j]!;
          a[p * k + q] = s;
        }
        a[p * k + p]! += 1 / m.data[start + p]!;
        z[p] = 1;
      }
      if (!cholesky(a, k)) throw new Error("iALS: Woodbury system not positive definite");
      choleskySolve(a, k, z);
      x.fill(0, xo, xo + d);
      for (let p = 0; p < k; p++) {
        const zp = z[p]!;
        const op = p * d;
        for (let j = 0; j < d; j++) x[xo + j]! += zp * ys[op + j]!;
      }
    } else {
      // Direct: (D + Σ c y yᵀ) x = Σ c y.
      a.fill(0);
      z.fill(0);
      for (let j = 0; j < d; j++) a[j * d + j] = 1 / dInv[j]!;
      for (let p = 0; p < k; p++) {
        const o = m.indices[start + p]! * d;
        const c = m.data[start + p]!;
        for (let s = 0; s < d; s++) {
          const cs = c * y[o + s]!;
          z[s]! += cs;
          const as = s * d;
          for (let t = 0; t <= s; t++) a[as + t]! += cs * y[o + t]!;
        }
      }
      if (!cholesky(a, d)) throw new Error("iALS: normal equations not positive definite");
      choleskySolve(a, d, z);
      for (let j = 0; j < d; j++) x[xo + j] = z[j]!;
    }
  }
}

export function trainIals(train: Csr, options: IalsOptions = {}): IalsModel {
  const d = options.factors ?? 128;
  const alpha0 = options.unobservedWeight ?? 0.05;
  const lambda = options.regularization ?? 0.01;
  const nu = options.regExponent ?? 1;
  const alpha = options.alpha ?? 0;
  const epsilon = options.epsilon ?? 1;
  const iterations = options.iterations ?? 10;
  const std = options.initStd ?? 0.1 / Math.sqrt(d);
  const rng = createRng(options.seed ?? 42);
  const users = train.rows;
  const items = train.cols;

  const cu = options.confidence === "raw" ? train : confidences(train, alpha, epsilon);
  const ci = transpose(cu);
  const w = new Float64Array(users * d);
  const h = new Float64Array(items * d);
  for (let k = 0; k < h.length; k++) h[k] = rng.normal() * std;
  const regU = new Float64Array(users);
  const regI = new Float64Array(items);
  for (let u = 0; u < users; u++) regU[u] = lambda * (cu.indptr[u + 1]! - cu.indptr[u]! + alpha0 * items) ** nu;
  for (let i = 0; i < items; i++) regI[i] = lambda * (ci.indptr[i + 1]! - ci.indptr[i]! + alpha0 * users) ** nu;

  const name = `ials(d=${d},a0=${alpha0},l2=${lambda},nu=${nu}${alpha ? `,alpha=${alpha},eps=${epsilon}` : ""},it=${iterations})`;
  const model = new IalsModel(name, users, items, d, w, h);
  for (let it = 0; it < iterations; it++) {
    // Users given items: rotate H into the eigenbasis of HᵀH, solve W there (both now share the basis).
    let eig = symmetricEigen(gram(h, items, d), d);
    rotateRows(h, items, d, eig.vectors);
    solveSide(cu, w, h, eig.values, alpha0, regU, d);
    // Items given users.
    eig = symmetricEigen(gram(w, users, d), d);
    rotateRows(w, users, d, eig.vectors);
    solveSide(ci, h, w, eig.values, alpha0, regI, d);
    options.onIteration?.(it, model);
  }
  return model;
}
