import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { assertEmbeddedStoreCanLive } from "@/lib/db";
import { envSchema } from "@/lib/env";
import { freePort } from "@/scripts/services/ferretdb";
import { diagnose, formatFindings } from "./doctor";

const dataDir = mkdtempSync(join(tmpdir(), "echotune-doctor-"));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));
const options = (production: boolean) => ({
  schema: envSchema,
  production,
  embeddedPlacement: assertEmbeddedStoreCanLive,
  timeoutMs: 1_000,
});
const problems = async (source: Record<string, string>, production = false) =>
  (await diagnose({ DATA_DIR: dataDir, ...source }, options(production)))
    .filter((finding) => finding.verdict === "problem")
    .map((finding) => `${finding.check}: ${finding.message}`);

describe("npm run doctor", () => {
  it("passes an empty environment on one machine: the zero-config demo", async () => {
    expect(await problems({})).toEqual([]);
  });

  it("names each problem of a misconfigured deployment", async () => {
    const closed = await freePort();
    const found = await problems(
      {
        MONGODB_URI: `mongodb://127.0.0.1:${closed}/echotune`,
        UPSTASH_REDIS_REST_URL: `http://127.0.0.1:${closed}`,
        UPSTASH_REDIS_REST_TOKEN: "token",
        AUTH_SPOTIFY_ID: "not-an-id",
        AUTH_SPOTIFY_SECRET: "0123456789abcdef0123456789abcdef",
        APP_URL: "http://localhost:3000",
        AUTH_SECRET: "too-short",
        CRON_SECRET: "short",
        QSTASH_TOKEN: "qstash",
      },
      true,
    );
    const expected = [
      /^environment: AUTH_SECRET must be at least 32 characters/,
      /^environment: CRON_SECRET must be at least 16 characters/,
      /^store: MONGODB_URI: cannot reach MongoDB/,
      /^cache: UPSTASH_REDIS_REST_URL: cannot reach/,
      /^spotify: AUTH_SPOTIFY_ID is not a Spotify client id/,
      /^redirect URI: APP_URL uses localhost, which Spotify refuses/,
      /^secrets: QSTASH_TOKEN is set but QSTASH_CURRENT_SIGNING_KEY/,
    ];
    expect(found).toHaveLength(expected.length);
    expected.forEach((pattern, index) => expect(found[index]).toMatch(pattern));
  });

  it("on a deployment, names what it needs but lacks", async () => {
    const found = await problems({ APP_URL: "https://echotune.example" }, true);
    expect(found).toEqual([
      expect.stringMatching(/^store: MONGODB_URI is missing/),
      expect.stringMatching(/^cache: UPSTASH_REDIS_REST_URL and UPSTASH_REDIS_REST_TOKEN are missing/),
      expect.stringMatching(/^secrets: AUTH_SECRET is missing/),
      expect.stringMatching(/^secrets: CRON_SECRET is missing/),
    ]);
  });

  it("on Vercel, the embedded store's refusal names MONGODB_URI, and a loopback or plain-http APP_URL is refused", async () => {
    expect(await problems({ VERCEL: "1", VERCEL_ENV: "preview", APP_URL: "http://127.0.0.1:3000" })).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^environment: AUTH_SECRET is required on Vercel/),
        expect.stringMatching(/^store: The embedded store cannot run on Vercel.*MONGODB_URI/),
        expect.stringMatching(/^redirect URI: APP_URL is a loopback address/),
      ]),
    );
    expect(await problems({ APP_URL: "http://echotune.example" })).toEqual([expect.stringMatching(/^redirect URI: APP_URL must be https/)]);
  });

  it("prints a mark per finding and the count of problems", async () => {
    const text = formatFindings(await diagnose({ DATA_DIR: dataDir, CRON_SECRET: "x" }, options(false)));
    expect(text).toMatch(/^✗ environment\s+CRON_SECRET must be at least 16 characters$/m);
    expect(text.trim().split("\n").at(-1)).toBe("1 problem to fix (✗ above).");
  });
});
