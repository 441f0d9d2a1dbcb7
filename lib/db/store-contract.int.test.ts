import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { randomUUID } from "node:crypto";
import { MongoClient } from "mongodb";
import { afterAll, describe, expect, inject, it } from "vitest";
import { EmbeddedStore } from "./embedded/store";
import { MongoStore } from "./mongodb";
import { playsRepository } from "./repositories/plays";
import { ensureIndexes } from "./store";
import { describeStoreContract, play } from "./testing/store-contract";

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

describeStoreContract("embedded", async () => {
  const dir = mkdtempSync(join(tmpdir(), "echotune-contract-"));
  dirs.push(dir);
  return new EmbeddedStore(dir);
});

const mongoUri = inject("mongoUri");
const databases: string[] = [];

describeStoreContract(`mongodb (${inject("mongoServer")})`, async () => {
  const database = `contract_${randomUUID().slice(0, 8)}`;
  databases.push(database);
  return new MongoStore({ uri: mongoUri, database });
});

describe("mongodb adapter on the wire", () => {
  afterAll(async () => {
    const client = new MongoClient(mongoUri);
    for (const database of databases)
      await client
        .db(database)
        .dropDatabase()
        .catch(() => undefined);
    await client.close();
  });

  it("writes plays that a plain MongoClient reads back", async () => {
    const database = `wire_${randomUUID().slice(0, 8)}`;
    databases.push(database);
    const store = new MongoStore({ uri: mongoUri, database });
    await ensureIndexes(store);
    const playedAt = new Date(Date.UTC(2021, 6, 4, 12, 30));
    await playsRepository(store).add("listener-1", [
      play({ playedAt, artistName: "Khruangbin", trackName: "Maria También", trackKey: "khruangbin|maria tambien" }),
    ]);
    await store.close();

    const client = new MongoClient(mongoUri);
    try {
      const raw = await client.db(database).collection("plays").findOne({ userId: "listener-1" });
      expect(raw).toMatchObject({ artistName: "Khruangbin", trackName: "Maria También", playedAt, trackKey: "khruangbin|maria tambien" });
      const indexNames = (await client.db(database).collection("plays").indexes()).map((index) => index.name);
      expect(indexNames).toEqual(expect.arrayContaining(["plays_by_time"]));
    } finally {
      await client.close();
    }
  });
});
