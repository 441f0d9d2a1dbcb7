import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, inject, it } from "vitest";
import { assertEmbeddedStoreCanLive } from "@/lib/db";
import { envSchema } from "@/lib/env";
import { diagnose, formatFindings } from "./lib/doctor";

const dataDir = mkdtempSync(join(tmpdir(), "echotune-doctor-"));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe("npm run doctor against the test services", () => {
  it("passes a deployment's environment whose store and cache answer", async () => {
    const findings = await diagnose(
      {
        DATA_DIR: dataDir,
        APP_URL: "https://echotune.example",
        MONGODB_URI: inject("mongoUri"),
        UPSTASH_REDIS_REST_URL: inject("upstashUrl"),
        UPSTASH_REDIS_REST_TOKEN: inject("upstashToken"),
        AUTH_SPOTIFY_ID: "0123456789abcdef0123456789abcdef",
        AUTH_SPOTIFY_SECRET: "fedcba9876543210fedcba9876543210",
        AUTH_SECRET: "a-deployment-secret-that-is-long-enough",
        CRON_SECRET: "a-cron-secret-long-enough",
      },
      { schema: envSchema, production: true, embeddedPlacement: assertEmbeddedStoreCanLive },
    );
    expect(
      findings.filter((finding) => finding.verdict === "problem"),
      formatFindings(findings),
    ).toEqual([]);
    expect(findings.filter((finding) => finding.verdict === "ok").map((finding) => finding.check)).toEqual(
      expect.arrayContaining(["environment", "store", "cache", "spotify", "redirect URI", "secrets"]),
    );
  });

  it("names the cache token the service refuses", async () => {
    const findings = await diagnose(
      { DATA_DIR: dataDir, UPSTASH_REDIS_REST_URL: inject("upstashUrl"), UPSTASH_REDIS_REST_TOKEN: "a-wrong-token" },
      { schema: envSchema, production: false, embeddedPlacement: assertEmbeddedStoreCanLive },
    );
    expect(findings.filter((finding) => finding.verdict === "problem").map((finding) => finding.message)).toEqual([
      expect.stringMatching(/^UPSTASH_REDIS_REST_TOKEN is refused/),
    ]);
  });
});
