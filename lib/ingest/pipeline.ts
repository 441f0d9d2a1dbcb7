/**
 * Import chunks stored a few at a time: while one chunk's plays insert waits on the server, the
 * chunk before writes its rollups, segment and bookkeeping, and the next one is prepared (ids,
 * hashes), instead of the server idling between one chunk's inserts and the next's.
 *
 * Chunks that share a UTC day never overlap: they are stored one after the other, in the order
 * they came. Everything a chunk reads or writes besides its own plays is of its days (the day
 * rollups, the plays minute-precision rows are reconciled against, the plays a duplicate belongs
 * to), so concurrent chunks of other days see exactly what they would one at a time. Each chunk
 * keeps its own crash-safety ordering (marker, plays, rollups and segment, marker cleared).
 */

/** The UTC days a chunk reads or writes, first to last, as `YYYY-MM-DD`. */
export interface DaySpan {
  first: string;
  last: string;
}

interface Running {
  span: DaySpan;
  done: Promise<void>;
}

const overlaps = (a: DaySpan, b: DaySpan) => a.first <= b.last && b.first <= a.last;

export interface ChunkPipeline {
  /**
   * Starts `store` once fewer than the limit run and none that shares a day with `span` does.
   * Resolves when it has started; throws the first failure of any chunk (after the rest finished).
   */
  add(span: DaySpan, store: () => Promise<void>): Promise<void>;
  /** Waits for every started chunk; throws the first failure of any. */
  finish(): Promise<void>;
  /** Waits for every started chunk, whatever their outcome (cleanup after another error). */
  idle(): Promise<void>;
}

export function chunkPipeline(limit: number): ChunkPipeline {
  const running = new Set<Running>();
  let failure: { error: unknown } | undefined;

  const idle = async () => {
    while (running.size > 0) await Promise.all([...running].map((chunk) => chunk.done));
  };
  const finish = async () => {
    await idle();
    if (failure) throw failure.error;
  };

  return {
    async add(span, store) {
      for (;;) {
        // After a failure no chunk starts: the import stops at the first error, as one at a time.
        if (failure) return finish();
        const blocking = [...running].filter((chunk) => overlaps(chunk.span, span));
        if (blocking.length === 0 && running.size < limit) break;
        await Promise.race((blocking.length > 0 ? blocking : [...running]).map((chunk) => chunk.done));
      }
      const chunk: Running = { span, done: Promise.resolve() };
      chunk.done = Promise.resolve()
        .then(store)
        .catch((error: unknown) => {
          failure ??= { error };
        })
        .finally(() => running.delete(chunk));
      running.add(chunk);
    },
    finish,
    idle,
  };
}
