/**
 * Reusable zeroed counter arrays. Widgets run synchronously, one at a time, so a counter array can
 * be kept between calls instead of allocated per call: large typed arrays live outside the JS heap,
 * and allocating megabytes of them per request makes V8 run full garbage collections (long pauses
 * with a big heap). Each slot belongs to one helper; a view is valid until that slot is asked for
 * again, so never return one to a caller outside the compute module.
 */

/**
 * Slots of the pool (per array type). A widget that needs two Int32 counters at once takes
 * `FIRST` and `SECOND`; widgets run one after another, so they share the slots.
 */
export const SLOT = { FIRST: 0, SECOND: 1 } as const;

const int32Pool: Array<Int32Array | undefined> = [];
const float64Pool: Array<Float64Array | undefined> = [];

function capacityFor(current: number, needed: number): number {
  return Math.max(needed, Math.ceil(current * 1.5), 64);
}

/** A zero-filled Int32Array view of `length` from the pool's slot. */
export function scratchInt32(slot: number, length: number): Int32Array {
  let buffer = int32Pool[slot];
  if (!buffer || buffer.length < length) {
    buffer = new Int32Array(capacityFor(buffer?.length ?? 0, length));
    int32Pool[slot] = buffer;
  }
  const view = buffer.subarray(0, length);
  view.fill(0);
  return view;
}

/** A zero-filled Float64Array view of `length` from the pool's slot. */
export function scratchFloat64(slot: number, length: number): Float64Array {
  let buffer = float64Pool[slot];
  if (!buffer || buffer.length < length) {
    buffer = new Float64Array(capacityFor(buffer?.length ?? 0, length));
    float64Pool[slot] = buffer;
  }
  const view = buffer.subarray(0, length);
  view.fill(0);
  return view;
}
