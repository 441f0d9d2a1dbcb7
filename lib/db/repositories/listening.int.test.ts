/**
 * A batch's pending marker lives apart from the segments: finding a listener's markers never reads
 * a segment, and every way of clearing them (the batch itself, repair, removal) still does. Both
 * store adapters.
 */
import { expect, it } from "vitest";
import { collections } from "@/lib/db/schema";
import { describeEachStore } from "@/lib/db/testing/each-store";
import { ensureIndexes } from "@/lib/db/store";
import { listeningRepository, segmentIdOf } from "./listening";

const at = (minute: number) => new Date(Date.UTC(2026, 0, 1, 12, minute));

describeEachStore("listening markers and segments", (open) => {
  it("keeps markers out of the segments' collection, one per batch, until the batch clears it", async () => {
    const store = await open();
    await ensureIndexes(store);
    const listening = listeningRepository(store);
    await listening.appendPlays("u-1", "import|a/c0", { count: 2, data: "segment" }, at(0));
    await listening.markPending("u-1", "import|a/c1", "first try", at(1));
    // The same batch again (a retry) rewrites its marker.
    await listening.markPending("u-1", "import|a/c1", "second try", at(2));
    await listening.markPending("u-2", "import|b/c0", "someone else's", at(3));

    expect(await listening.pending("u-1")).toEqual([{ sourceKey: "import|a/c1", data: "second try", createdAt: at(2) }]);
    expect(await store.collection(collections.listening).countDocuments({ userId: "u-1", kind: "pending" })).toBe(0);
    expect(await store.collection(collections.listeningPending).countDocuments({ userId: "u-1" })).toBe(1);
    expect((await listening.segments("u-1")).map((segment) => segment._id)).toEqual([segmentIdOf("u-1", "import|a/c0")]);
    expect(
      await listening.pendingOf("u-1", [
        segmentIdOf("u-1", "import|a/c1"),
        segmentIdOf("u-1", "import|a/c0"),
        segmentIdOf("u-2", "import|b/c0"),
      ]),
    ).toEqual([{ sourceKey: "import|a/c1", data: "second try", createdAt: at(2) }]);

    await listening.clearPending("u-1", "import|a/c1");
    expect(await listening.pending("u-1")).toEqual([]);
    expect(await listening.pending("u-2")).toHaveLength(1);
  });

  it("rewrites a retried batch's segment in place, and clears markers on repair and removal", async () => {
    const store = await open();
    await ensureIndexes(store);
    const listening = listeningRepository(store);
    await listening.appendPlays("u-3", "import|a/c0", { count: 2, data: "first" }, at(0));
    const revision = await listening.revision("u-3");
    await listening.appendPlays("u-3", "import|a/c0", { count: 3, data: "second" }, at(1));
    expect(await listening.segments("u-3")).toEqual([
      { _id: segmentIdOf("u-3", "import|a/c0"), userId: "u-3", kind: "plays", count: 3, data: "second", createdAt: at(1) },
    ]);
    expect(await listening.revision("u-3")).toBe(revision + 1);

    await listening.markPending("u-3", "import|a/c1", "stopped", at(2));
    await listening.replaceAll("u-3", [{ sourceKey: "repair|0", segment: { count: 5, data: "all" } }], at(3));
    expect(await listening.pending("u-3")).toEqual([]);
    expect((await listening.segments("u-3")).map((segment) => segment.data)).toEqual(["all"]);

    await listening.markPending("u-3", "import|a/c2", "stopped", at(4));
    await listening.deleteAll("u-3");
    expect(await listening.pending("u-3")).toEqual([]);
    expect(await listening.segments("u-3")).toEqual([]);
  });
});
