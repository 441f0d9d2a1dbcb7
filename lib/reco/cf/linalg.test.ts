import { describe, expect, it } from "vitest";
import { cholesky, choleskySolve, gram, rotateRows, symmetricEigen } from "./linalg";
import { createRng } from "./random";

function randomSpd(n: number, seed: number) {
  const rng = createRng(seed);
  const f = new Float64Array(3 * n * n).map(() => rng.normal());
  const a = gram(f, 3 * n, n);
  for (let i = 0; i < n; i++) a[i * n + i]! += 0.5;
  return a;
}

describe("dense linear algebra", () => {
  it("eigen-decomposes a symmetric matrix: A = V diag(λ) Vᵀ with orthonormal V", () => {
    for (const n of [1, 2, 7, 16]) {
      const a = randomSpd(n, n);
      const { values, vectors } = symmetricEigen(a, n);
      for (let r = 0; r < n; r++) {
        for (let c = 0; c < n; c++) {
          let s = 0;
          let dot = 0;
          for (let k = 0; k < n; k++) {
            s += vectors[r * n + k]! * values[k]! * vectors[c * n + k]!;
            dot += vectors[k * n + r]! * vectors[k * n + c]!;
          }
          expect(s).toBeCloseTo(a[r * n + c]!, 9);
          expect(dot).toBeCloseTo(r === c ? 1 : 0, 9);
        }
      }
    }
  });

  it("solves SPD systems by Cholesky and rejects indefinite ones", () => {
    const n = 9;
    const a = randomSpd(n, 3);
    const x = new Float64Array(n).map((_, i) => i - 4);
    const b = new Float64Array(n);
    for (let r = 0; r < n; r++) for (let c = 0; c < n; c++) b[r]! += a[r * n + c]! * x[c]!;
    const l = Float64Array.from(a);
    expect(cholesky(l, n)).toBe(true);
    choleskySolve(l, n, b);
    for (let i = 0; i < n; i++) expect(b[i]).toBeCloseTo(x[i]!, 9);
    expect(cholesky(Float64Array.from([1, 2, 2, 1]), 2)).toBe(false);
  });

  it("computes (weighted) Gram matrices and rotates rows", () => {
    const f = Float64Array.from([1, 2, 3, 4, 5, 6]);
    expect(Array.from(gram(f, 3, 2))).toEqual([35, 44, 44, 56]);
    expect(Array.from(gram(f, 3, 2, [1, 0, 2]))).toEqual([51, 62, 62, 76]);
    const g = Float64Array.from(f);
    rotateRows(g, 3, 2, Float64Array.from([0, 1, 1, 0]));
    expect(Array.from(g)).toEqual([2, 1, 4, 3, 6, 5]);
  });
});
