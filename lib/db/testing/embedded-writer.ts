/**
 * Test helper run as a child process: writes batches of plays to an embedded store until killed,
 * printing "batch N" after each one is durable. `hold` mode opens the store and waits (lock tests).
 *   node --import ./scripts/register.ts lib/db/testing/embedded-writer.ts <dataDir> write|hold
 */
import { EmbeddedStore } from "../embedded/store";
import { playsRepository } from "../repositories/plays";
import { ensureIndexes } from "../store";

const [dataDir, mode = "write"] = process.argv.slice(2);
if (!dataDir) throw new Error("usage: embedded-writer.ts <dataDir> write|hold");

const store = new EmbeddedStore(dataDir);
await ensureIndexes(store);
console.log("open");

if (mode === "hold") {
  setInterval(() => undefined, 1_000);
} else {
  const plays = playsRepository(store);
  const BATCH = 500;
  for (let batch = 0; ; batch += 1) {
    const start = Date.UTC(2015, 0, 1) + batch * BATCH * 60_000;
    await plays.add(
      "crash-test",
      Array.from({ length: BATCH }, (_, index) => ({
        playedAt: new Date(start + index * 60_000),
        trackKey: `artist ${index % 37}|track ${batch} ${index} ${"x".repeat(200)}`,
        nameKey: `artist ${index % 37}|track ${batch} ${index} ${"x".repeat(200)}`,
        trackId: null,
        trackName: `Track ${batch}-${index} ${"x".repeat(200)}`,
        artistName: `Artist ${index % 37}`,
        albumName: `Album ${index % 11}`,
        msPlayed: 1_000 + index,
        skipped: index % 5 === 0,
        reasonStart: "trackdone",
        reasonEnd: "endplay",
        shuffle: false,
        platform: "linux",
        source: "import" as const,
        importId: `batch-${batch}`,
      })),
    );
    console.log(`batch ${batch}`);
  }
}
