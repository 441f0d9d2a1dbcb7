/** Small dense linear algebra on row-major Float64Array matrices (n × n). */

/**
 * Eigen-decomposition of a symmetric n × n matrix: `a = V diag(values) Vᵀ` with the eigenvectors
 * as the columns of `vectors` (row-major, so `vectors[r * n + c]` is component r of vector c).
 * Householder tridiagonalisation then implicit QL (tred2/tql2, as in EISPACK and JAMA).
 */
export function symmetricEigen(a: Float64Array, n: number): { values: Float64Array; vectors: Float64Array } {
  const v = Float64Array.from(a);
  const d = new Float64Array(n);
  const e = new Float64Array(n);
  const V = (r: number, c: number) => v[r * n + c]!;
  for (let j = 0; j < n; j++) d[j] = V(n - 1, j);

  // tred2: Householder reduction to tridiagonal form.
  for (let i = n - 1; i > 0; i--) {
    let scale = 0;
    let h = 0;
    for (let k = 0; k < i; k++) scale += Math.abs(d[k]!);
    if (scale === 0) {
      e[i] = d[i - 1]!;
      for (let j = 0; j < i; j++) {
        d[j] = V(i - 1, j);
        v[i * n + j] = 0;
        v[j * n + i] = 0;
      }
    } else {
      for (let k = 0; k < i; k++) {
        d[k] = d[k]! / scale;
        h += d[k]! * d[k]!;
      }
      let f = d[i - 1]!;
      let g = Math.sqrt(h);
      if (f > 0) g = -g;
      e[i] = scale * g;
      h -= f * g;
      d[i - 1] = f - g;
      for (let j = 0; j < i; j++) e[j] = 0;
      for (let j = 0; j < i; j++) {
        f = d[j]!;
        v[j * n + i] = f;
        g = e[j]! + V(j, j) * f;
        for (let k = j + 1; k <= i - 1; k++) {
          g += V(k, j) * d[k]!;
          e[k] = e[k]! + V(k, j) * f;
        }
        e[j] = g;
      }
      f = 0;
      for (let j = 0; j < i; j++) {
        e[j] = e[j]! / h;
        f += e[j]! * d[j]!;
      }
      const hh = f / (h + h);
      for (let j = 0; j < i; j++) e[j] = e[j]! - hh * d[j]!;
      for (let j = 0; j < i; j++) {
        f = d[j]!;
        g = e[j]!;
        for (let k = j; k <= i - 1; k++) v[k * n + j] = V(k, j) - (f * e[k]! + g * d[k]!);
        d[j] = V(i - 1, j);
        v[i * n + j] = 0;
      }
    }
    d[i] = h;
  }
  for (let i = 0; i < n - 1; i++) {
    v[(n - 1) * n + i] = V(i, i);
    v[i * n + i] = 1;
    const h = d[i + 1]!;
    if (h !== 0) {
      for (let k = 0; k <= i; k++) d[k] = V(k, i + 1) / h;
      for (let j = 0; j <= i; j++) {
        let g = 0;
        for (let k = 0; k <= i; k++) g += V(k, i + 1) * V(k, j);
        for (let k = 0; k <= i; k++) v[k * n + j] = V(k, j) - g * d[k]!;
      }
    }
    for (let k = 0; k <= i; k++) v[k * n + i + 1] = 0;
  }
  for (let j = 0; j < n; j++) {
    d[j] = V(n - 1, j);
    v[(n - 1) * n + j] = 0;
  }
  if (n > 0) v[(n - 1) * n + n - 1] = 1;
  e[0] = 0;

  // tql2: implicit QL on the tridiagonal matrix.
  for (let i = 1; i < n; i++) e[i - 1] = e[i]!;
  if (n > 0) e[n - 1] = 0;
  let f = 0;
  let tst1 = 0;
  const eps = 2 ** -52;
  for (let l = 0; l < n; l++) {
    tst1 = Math.max(tst1, Math.abs(d[l]!) + Math.abs(e[l]!));
    let m = l;
    while (m < n) {
      if (Math.abs(e[m]!) <= eps * tst1) break;
      m++;
    }
    if (m > l) {
      let iter = 0;
      do {
        if (++iter > 100) throw new Error("symmetricEigen: no convergence");
        let g = d[l]!;
        let p = (d[l + 1]! - g) / (2 * e[l]!);
        let r = Math.hypot(p, 1);
        if (p < 0) r = -r;
        d[l] = e[l]! / (p + r);
        d[l + 1] = e[l]! * (p + r);
        const dl1 = d[l + 1]!;
        let h = g - d[l]!;
        for (let i = l + 2; i < n; i++) d[i] = d[i]! - h;
        f += h;
        p = d[m]!;
        let c = 1;
        let c2 = c;
        let c3 = c;
        const el1 = e[l + 1]!;
        let s = 0;
        let s2 = 0;
        for (let i = m - 1; i >= l; i--) {
          c3 = c2;
          c2 = c;
          s2 = s;
          g = c * e[i]!;
          h = c * p;
          r = Math.hypot(p, e[i]!);
          e[i + 1] = s * r;
          s = e[i]! / r;
          c = p / r;
          p = c * d[i]! - s * g;
          d[i + 1] = h + s * (c * g + s * d[i]!);
          for (let k = 0; k < n; k++) {
            const o = k * n;
            h = v[o + i + 1]!;
            v[o + i + 1] = s * v[o + i]! + c * h;
            v[o + i] = c * v[o + i]! - s * h;
          }
        }
        p = (-s * s2 * c3 * el1 * e[l]!) / dl1;
        e[l] = s * p;
        d[l] = c * p;
      } while (Math.abs(e[l]!) > eps * tst1);
    }
    d[l] = d[l]! + f;
    e[l] = 0;
  }
  return { values: d, vectors: v };
}

/**
 * In-place Cholesky factorisation of a symmetric positive-definite n × n matrix: reads the lower
 * triangle, leaves L there. Returns false if the matrix is not (numerically) positive definite.
 */
export function cholesky(a: Float64Array, n: number): boolean {
  for (let j = 0; j < n; j++) {
    const oj = j * n;
    let s = a[oj + j]!;
    for (let k = 0; k < j; k++) s -= a[oj + k]! * a[oj + k]!;
    if (!(s > 0)) return false;
    const l = Math.sqrt(s);
    a[oj + j] = l;
    for (let i = j + 1; i < n; i++) {
      const oi = i * n;
      let t = a[oi + j]!;
      for (let k = 0; k < j; k++) t -= a[oi + k]! * a[oj + k]!;
      a[oi + j] = t / l;
    }
  }
  return true;
}

/** Solves L Lᵀ x = b in place (b becomes x) for a factor from `cholesky`. */
export function choleskySolve(l: Float64Array, n: number, b: Float64Array): void {
  for (let i = 0; i < n; i++) {
    const oi = i * n;
    let t = b[i]!;
    for (let k = 0; k < i; k++) t -= l[oi + k]! * b[k]!;
    b[i] = t / l[oi + i]!;
  }
  for (let i = n - 1; i >= 0; i--) {
    let t = b[i]!;
    for (let k = i + 1; k < n; k++) t -= l[k * n + i]! * b[k]!;
    b[i] = t / l[i * n + i]!;
  }
}

/** Gram matrix FᵀF (d × d, symmetric) of an n × d row-major matrix, or Fᵀ diag(weights) F. */
export function gram(f: Float64Array, n: number, d: number, weights?: ArrayLike<number>): Float64Array {
  const g = new Float64Array(d * d);
  const w = (r: number) => (weights ? weights[r]! : 1);
  // Four rows at a time: one read-modify-write of g per four products.
  let r = 0;
  for (; r + 3 < n; r += 4) {
    const o0 = r * d;
    const o1 = o0 + d;
    const o2 = o1 + d;
    const o3 = o2 + d;
    const w0 = w(r);
    const w1 = w(r + 1);
    const w2 = w(r + 2);
    const w3 = w(r + 3);
    if (w0 === 0 && w1 === 0 && w2 === 0 && w3 === 0) continue;
    for (let a = 0; a < d; a++) {
      const a0 = w0 * f[o0 + a]!;
      const a1 = w1 * f[o1 + a]!;
      const a2 = w2 * f[o2 + a]!;
      const a3 = w3 * f[o3 + a]!;
      const ga = a * d;
      for (let b = a; b < d; b++) g[ga + b]! += a0 * f[o0 + b]! + a1 * f[o1 + b]! + a2 * f[o2 + b]! + a3 * f[o3 + b]!;
    }
  }
  for (; r < n; r++) {
    const o = r * d;
    const wr = w(r);
    if (wr === 0) continue;
    for (let a = 0; a < d; a++) {
      const fa = wr * f[o + a]!;
      const ga = a * d;
      for (let b = a; b < d; b++) g[ga + b]! += fa * f[o + b]!;
    }
  }
  for (let a = 0; a < d; a++) for (let b = 0; b < a; b++) g[a * d + b] = g[b * d + a]!;
  return g;
}

/** Replaces every row x of the n × d matrix `f` by xV (V is d × d, row-major); two rows at a time. */
export function rotateRows(f: Float64Array, n: number, d: number, v: Float64Array): void {
  const t0 = new Float64Array(d);
  const t1 = new Float64Array(d);
  let r = 0;
  for (; r + 1 < n; r += 2) {
    const o0 = r * d;
    const o1 = o0 + d;
    t0.fill(0);
    t1.fill(0);
    for (let k = 0; k < d; k++) {
      const x0 = f[o0 + k]!;
      const x1 = f[o1 + k]!;
      if (x0 === 0 && x1 === 0) continue;
      const vk = k * d;
      for (let j = 0; j < d; j++) {
        const vv = v[vk + j]!;
        t0[j]! += x0 * vv;
        t1[j]! += x1 * vv;
      }
    }
    f.set(t0, o0);
    f.set(t1, o1);
  }
  if (r < n) {
    const o = r * d;
    t0.fill(0);
    for (let k = 0; k < d; k++) {
      const x = f[o + k]!;
      if (x === 0) continue;
      const vk = k * d;
      for (let j = 0; j < d; j++) t0[j]! += x * v[vk + j]!;
    }
    f.set(t0, o);
  }
}
