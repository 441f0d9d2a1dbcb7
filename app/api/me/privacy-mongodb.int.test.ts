/** The privacy suite on MongoDB (FerretDB v1 locally, or MONGODB_TEST_URI) and Upstash (Redis behind the REST proxy). */
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, inject } from "vitest";
import { describePrivacy } from "./privacy.suite";

beforeAll(() => {
  Object.assign(process.env, {
    MONGODB_URI: inject("mongoUri"),
    MONGODB_DB: `privacy_${randomUUID().slice(0, 8)}`,
    UPSTASH_REDIS_REST_URL: inject("upstashUrl"),
    UPSTASH_REDIS_REST_TOKEN: inject("upstashToken"),
    AUTH_SECRET: "a-test-secret-that-is-long-enough-0123456789",
  });
  for (const name of ["VERCEL", "TRUST_PROXY"]) delete process.env[name];
});
afterAll(async () => {
  const { closeStore } = await import("@/lib/db");
  await closeStore();
});

describePrivacy(`${inject("mongoServer")}, ${inject("redisServer")}`);
