/**
 * Vitest global setup for the integration project: the real servers the contract suites talk to.
 * MongoDB: MONGODB_TEST_URI when set (a mongod or Atlas you may wipe), otherwise FerretDB v1 built
 * from the Go module proxy and started here. Upstash: UPSTASH_TEST_URL and UPSTASH_TEST_TOKEN when
 * set (an Upstash REST emulator such as CI's serverless-redis-http container), otherwise our REST
 * proxy over a real Redis. Never silently skipped: no server, no green run.
 */
import { randomUUID } from "node:crypto";
import type { TestProject } from "vitest/node";
import { startFerretDb, type FerretDb } from "./ferretdb.ts";
import { ensureRedis, type RedisService } from "./redis.ts";
import { startUpstashProxy, type UpstashProxy } from "./upstash-proxy.ts";

declare module "vitest" {
  export interface ProvidedContext {
    mongoUri: string;
    mongoServer: string;
    upstashUrl: string;
    upstashToken: string;
    redisServer: string;
  }
}

let ferret: FerretDb | undefined;
let redis: RedisService | undefined;
let proxy: UpstashProxy | undefined;

export async function setup(project: TestProject) {
  let uri = process.env.MONGODB_TEST_URI;
  let server: string;
  if (uri) {
    server = `MongoDB at ${uri.replace(/\/\/[^@]*@/, "//***@")} (MONGODB_TEST_URI)`;
  } else {
    ferret = await startFerretDb();
    uri = ferret.uri;
    server = `${ferret.version} at ${ferret.uri}`;
  }
  console.log(`[services] MongoDB suite talks to ${server}`);
  project.provide("mongoUri", uri);
  project.provide("mongoServer", server);

  const upstashUrl = process.env.UPSTASH_TEST_URL?.trim();
  const upstashToken = process.env.UPSTASH_TEST_TOKEN?.trim();
  if (upstashUrl || upstashToken) {
    if (!upstashUrl || !upstashToken)
      throw new Error("Set both UPSTASH_TEST_URL and UPSTASH_TEST_TOKEN, or neither (our proxy over Redis).");
    const redisServer = `the Upstash REST endpoint at ${upstashUrl} (UPSTASH_TEST_URL)`;
    console.log(`[services] cache suite talks to ${redisServer}`);
    project.provide("upstashUrl", upstashUrl);
    project.provide("upstashToken", upstashToken);
    project.provide("redisServer", redisServer);
    return;
  }

  // Upstash: @upstash/redis → our REST proxy → a real Redis (REDIS_URL, the local one, or one we start).
  redis = await ensureRedis();
  proxy = await startUpstashProxy({ redisUrl: redis.url, token: `test-${randomUUID()}` });
  const redisServer = `Redis ${redis.version} at ${redis.url}${redis.started ? " (started for this run)" : ""} behind the Upstash REST proxy at ${proxy.url}`;
  console.log(`[services] cache suite talks to ${redisServer}`);
  project.provide("upstashUrl", proxy.url);
  project.provide("upstashToken", proxy.token);
  project.provide("redisServer", redisServer);
}

export async function teardown() {
  await proxy?.close();
  await redis?.stop();
  await ferret?.dispose();
}
