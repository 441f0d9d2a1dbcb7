/**
 * Compressed sparse rows (CSR) for implicit feedback: row `r` holds the columns
 * `indices[indptr[r] .. indptr[r + 1])` (ascending, no duplicates) with their `data` weights.
 * Rows are users and columns items for an interaction matrix; `transpose` gives items × users.
 */
export interface Csr {
  rows: number;
  cols: number;
  indptr: Int32Array;
  indices: Int32Array;
  data: Float32Array;
}

/** Interactions as coordinate triples: `values[k]` is the weight of (rows[k], cols[k]). Defaults to 1. */
export interface Interactions {
  users: number;
  items: number;
  rows: ArrayLike<number>;
  cols: ArrayLike<number>;
  values?: ArrayLike<number>;
}

/**
 * Builds a CSR matrix from triples. Duplicate (row, col) pairs are summed; zero weights are kept
 * (an explicit entry), out-of-range indices throw.
 */
export function csrFromTriples(rows: number, cols: number, r: ArrayLike<number>, c: ArrayLike<number>, v?: ArrayLike<number>): Csr {
  const n = r.length;
  if (c.length !== n || (v && v.length !== n)) throw new Error("csrFromTriples: rows, cols and values must have the same length");
  const counts = new Int32Array(rows + 1);
  for (let k = 0; k < n; k++) {
    const row = r[k]!;
    const col = c[k]!;
    if (!(row >= 0 && row < rows && Number.isInteger(row))) throw new Error(`csrFromTriples: row ${row} out of range [0, ${rows})`);
    if (!(col >= 0 && col < cols && Number.isInteger(col))) throw new Error(`csrFromTriples: col ${col} out of range [0, ${cols})`);
    counts[row + 1]! += 1;
  }
  for (let i = 0; i < rows; i++) counts[i + 1]! += counts[i]!;
  const fill = counts.slice(0, rows);
  const idx = new Int32Array(n);
  const val = new Float32Array(n);
  for (let k = 0; k < n; k++) {
    const at = fill[r[k]!]!++;
    idx[at] = c[k]!;
    val[at] = v ? v[k]! : 1;
  }
  // Sort each row by column and merge duplicates.
  const indptr = new Int32Array(rows + 1);
  let out = 0;
  const order: number[] = [];
  for (let i = 0; i < rows; i++) {
    const start = counts[i]!;
    const end = counts[i + 1]!;
    indptr[i] = out;
    order.length = 0;
    for (let p = start; p < end; p++) order.push(p);
    order.sort((a, b) => idx[a]! - idx[b]!);
    const cols2: number[] = [];
    const vals2: number[] = [];
    for (const p of order) {
      const col = idx[p]!;
      if (cols2.length > 0 && cols2[cols2.length - 1] === col) vals2[vals2.length - 1]! += val[p]!;
      else {
        cols2.push(col);
        vals2.push(val[p]!);
      }
    }
    for (let q = 0; q < cols2.length; q++) {
      idx[out] = cols2[q]!;
      val[out] = vals2[q]!;
      out++;
    }
  }
  indptr[rows] = out;
  return { rows, cols, indptr, indices: idx.slice(0, out), data: val.slice(0, out) };
}

export function csrFromInteractions(data: Interactions): Csr {
  return csrFromTriples(data.users, data.items, data.rows, data.cols, data.values);
}

/** The transpose, in CSR form (i.e. the CSC form of `m`). Rows of the result stay column-sorted. */
export function transpose(m: Csr): Csr {
  const nnz = m.indices.length;
  const indptr = new Int32Array(m.cols + 1);
  for (let k = 0; k < nnz; k++) indptr[m.indices[k]! + 1]! += 1;
  for (let j = 0; j < m.cols; j++) indptr[j + 1]! += indptr[j]!;
  const fill = indptr.slice(0, m.cols);
  const indices = new Int32Array(nnz);
  const data = new Float32Array(nnz);
  for (let i = 0; i < m.rows; i++) {
    for (let p = m.indptr[i]!; p < m.indptr[i + 1]!; p++) {
      const at = fill[m.indices[p]!]!++;
      indices[at] = i;
      data[at] = m.data[p]!;
    }
  }
  return { rows: m.cols, cols: m.rows, indptr, indices, data };
}

/** A copy with every stored weight mapped through `f` (structure shared by value, not by reference). */
export function mapValues(m: Csr, f: (value: number, row: number, col: number) => number): Csr {
  const data = new Float32Array(m.data.length);
  for (let i = 0; i < m.rows; i++) for (let p = m.indptr[i]!; p < m.indptr[i + 1]!; p++) data[p] = f(m.data[p]!, i, m.indices[p]!);
  return { rows: m.rows, cols: m.cols, indptr: m.indptr.slice(), indices: m.indices.slice(), data };
}

/** The same structure with all weights 1. */
export function binarize(m: Csr): Csr {
  return mapValues(m, () => 1);
}

/** Number of stored entries per row. */
export function rowCounts(m: Csr): Int32Array {
  const out = new Int32Array(m.rows);
  for (let i = 0; i < m.rows; i++) out[i] = m.indptr[i + 1]! - m.indptr[i]!;
  return out;
}

/** Number of stored entries per column. */
export function colCounts(m: Csr): Int32Array {
  const out = new Int32Array(m.cols);
  for (let k = 0; k < m.indices.length; k++) out[m.indices[k]!]! += 1;
  return out;
}

/** Dense row `i` (zeros elsewhere) — for tests and small matrices. */
export function denseRow(m: Csr, i: number): Float64Array {
  const out = new Float64Array(m.cols);
  for (let p = m.indptr[i]!; p < m.indptr[i + 1]!; p++) out[m.indices[p]!] = m.data[p]!;
  return out;
}

/** Whether row `i` stores column `j` (binary search). */
export function hasEntry(m: Csr, i: number, j: number): boolean {
  let lo = m.indptr[i]!;
  let hi = m.indptr[i + 1]! - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const c = m.indices[mid]!;
    if (c === j) return true;
    if (c < j) lo = mid + 1;
    else hi = mid - 1;
  }
  return false;
}
