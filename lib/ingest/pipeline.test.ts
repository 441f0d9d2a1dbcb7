import { describe, expect, it } from "vitest";
import { chunkPipeline, type DaySpan } from "./pipeline";

const span = (first: string, last = first): DaySpan => ({ first, last });

/** A chunk that records when it starts and ends, and finishes when `release` is called. */
function gate(log: string[], name: string) {
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  return {
    release: () => release(),
    store: async () => {
      log.push(`start ${name}`);
      await released;
      log.push(`end ${name}`);
    },
  };
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

describe("chunkPipeline", () => {
  it("runs chunks of other days at once, up to the limit", async () => {
    const log: string[] = [];
    const pipeline = chunkPipeline(2);
    const [a, b, c] = ["a", "b", "c"].map((name) => gate(log, name));
    await pipeline.add(span("2024-01-01"), a!.store);
    await pipeline.add(span("2024-01-02"), b!.store);
    const third = pipeline.add(span("2024-01-03"), c!.store);
    await tick();
    expect(log).toEqual(["start a", "start b"]);
    b!.release();
    await third;
    await tick();
    expect(log).toEqual(["start a", "start b", "end b", "start c"]);
    a!.release();
    c!.release();
    await pipeline.finish();
    expect(log).toHaveLength(6);
  });

  it("stores chunks that share a day one after the other, in order", async () => {
    const log: string[] = [];
    const pipeline = chunkPipeline(3);
    const [a, b] = ["a", "b"].map((name) => gate(log, name));
    await pipeline.add(span("2024-01-01", "2024-01-02"), a!.store);
    const second = pipeline.add(span("2024-01-02", "2024-01-05"), b!.store);
    await tick();
    expect(log).toEqual(["start a"]);
    a!.release();
    await second;
    b!.release();
    await pipeline.finish();
    expect(log).toEqual(["start a", "end a", "start b", "end b"]);
  });

  it("starts nothing after a failure and throws it once every started chunk is done", async () => {
    const log: string[] = [];
    const pipeline = chunkPipeline(2);
    const slow = gate(log, "slow");
    await pipeline.add(span("2024-01-01"), slow.store);
    await pipeline.add(span("2024-01-02"), () => Promise.reject(new Error("boom")));
    await tick();
    const next = pipeline.add(span("2024-01-03"), async () => void log.push("never"));
    slow.release();
    await expect(next).rejects.toThrow("boom");
    expect(log).toEqual(["start slow", "end slow"]);
    await expect(pipeline.finish()).rejects.toThrow("boom");
  });
});
