/** The privacy suite on the embedded store (a temporary directory) and the in-process memory cache. */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll } from "vitest";
import { describePrivacy } from "./privacy.suite";

const dataDir = mkdtempSync(join(tmpdir(), "echotune-privacy-"));

beforeAll(() => {
  Object.assign(process.env, { DATA_DIR: dataDir, AUTH_SECRET: "a-test-secret-that-is-long-enough-0123456789" });
  for (const name of ["MONGODB_URI", "UPSTASH_REDIS_REST_URL", "UPSTASH_REDIS_REST_TOKEN", "VERCEL", "TRUST_PROXY"])
    delete process.env[name];
});
afterAll(async () => {
  const { closeStore } = await import("@/lib/db");
  await closeStore();
  rmSync(dataDir, { recursive: true, force: true });
});

describePrivacy("embedded store, memory cache");
