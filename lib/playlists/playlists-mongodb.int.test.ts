/** The stored-playlists suite on MongoDB (FerretDB v1 locally, or MONGODB_TEST_URI), a database of its own. */
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, inject } from "vitest";
import { describePlaylists } from "./playlists.suite";

beforeAll(() => {
  process.env.MONGODB_URI = inject("mongoUri");
  process.env.MONGODB_DB = `playlists_${randomUUID().slice(0, 8)}`;
});
afterAll(async () => {
  const { closeStore } = await import("@/lib/db");
  await closeStore();
});

describePlaylists(`mongodb (${inject("mongoServer")})`, "mongodb");
