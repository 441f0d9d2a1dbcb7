/** The stored-playlists suite on the embedded store (a temporary directory). */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll } from "vitest";
import { describePlaylists } from "./playlists.suite";

const dataDir = mkdtempSync(join(tmpdir(), "echotune-playlists-"));

beforeAll(() => {
  process.env.DATA_DIR = dataDir;
  delete process.env.MONGODB_URI;
});
afterAll(async () => {
  const { closeStore } = await import("@/lib/db");
  await closeStore();
  rmSync(dataDir, { recursive: true, force: true });
});

describePlaylists("embedded", "embedded");
