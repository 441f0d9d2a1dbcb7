/**
 * Switching the demo off signs demo visitors out: once Spotify is configured and `DEMO` is unset, a
 * demo session that worked before names nobody (401 for the API; the app layout sends pages to
 * sign-in). A session from before visitors had ids of their own (the shared `demo`) is refused too.
 * Real Auth.js cookies through the real route handler; a fresh module graph per configuration, as
 * a server restarted with other variables.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

const dataDir = mkdtempSync(join(tmpdir(), "echotune-demo-off-"));
const origin = "http://127.0.0.1:3000";
const context = { params: Promise.resolve({}) };

async function meStatus(cookie: string): Promise<number> {
  const { GET } = await import("@/app/api/me/route");
  return (await GET(new Request(`${origin}/api/me`, { headers: { cookie } }), context)).status;
}

beforeAll(() => {
  vi.stubEnv("DATA_DIR", dataDir);
  vi.stubEnv("AUTH_SECRET", "demo-off-test-secret-0123456789abcdefghijkl");
  for (const name of [
    "MONGODB_URI",
    "UPSTASH_REDIS_REST_URL",
    "UPSTASH_REDIS_REST_TOKEN",
    "AUTH_SPOTIFY_ID",
    "AUTH_SPOTIFY_SECRET",
    "DEMO",
  ])
    vi.stubEnv(name, undefined);
});

afterAll(async () => {
  const { closeStore } = await import("@/lib/db");
  await closeStore();
  vi.unstubAllEnvs();
  rmSync(dataDir, { recursive: true, force: true });
});

describe("a demo session", () => {
  it("works while the demo is on, and is signed out once Spotify is configured without DEMO", async () => {
    vi.resetModules();
    const { signInAsDemoVisitor, sessionCookieFor } = await import("@/lib/auth/testing");
    const visitor = await signInAsDemoVisitor(origin);
    expect(await meStatus(visitor.cookie)).toBe(200);
    // A cookie naming the shared demo history (what every visitor got before) is nobody's.
    const { DEMO_USER_ID } = await import("@/lib/db");
    expect(await meStatus(await sessionCookieFor({ id: DEMO_USER_ID, isDemo: true }))).toBe(401);

    // The same server restarted with Spotify and without DEMO.
    await (await import("@/lib/db")).closeStore();
    vi.resetModules();
    vi.stubEnv("AUTH_SPOTIFY_ID", "spotify-client-id");
    vi.stubEnv("AUTH_SPOTIFY_SECRET", "spotify-client-secret");
    expect((await import("@/lib/env")).demoEnabled()).toBe(false);
    expect(await meStatus(visitor.cookie)).toBe(401);

    // DEMO=1 next to Spotify: the demo is on again, and so is the session.
    await (await import("@/lib/db")).closeStore();
    vi.resetModules();
    vi.stubEnv("DEMO", "1");
    expect(await meStatus(visitor.cookie)).toBe(200);
  });
});
