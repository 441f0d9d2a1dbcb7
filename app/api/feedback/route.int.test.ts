/**
 * A listener's opinions through the real feedback routes, on both store adapters: POST says it
 * (with the name they saw), GET lists it with names and dates, POST with kind null takes it back.
 * Sessions are real Auth.js cookies; nothing of ours is mocked.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it, vi } from "vitest";
import type { RouteContext, RouteHandler } from "@/lib/http";
import type { ListenerFeedback } from "@/lib/reco";

const dataDir = mkdtempSync(join(tmpdir(), "echotune-feedback-"));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

const origin = "http://127.0.0.1:3000";
const noParams: RouteContext = { params: Promise.resolve({}) };
const TRACK = "spotify:track:4uLU6hMCjMI75M1A2tKUQC";

describe.each([
  ["embedded", (): Record<string, string> => ({ DATA_DIR: join(dataDir, "embedded") })],
  ["mongodb", (): Record<string, string> => ({ MONGODB_URI: inject("mongoUri"), MONGODB_DB: `feedback_${process.pid}` })],
])("the feedback routes (%s store)", (kind, storeVars) => {
  let GET: RouteHandler;
  let POST: RouteHandler;
  let closeStore: () => Promise<void>;
  let cookie: string;
  let other: string;

  beforeAll(async () => {
    vi.resetModules();
    vi.stubEnv("AUTH_SECRET", "a-test-secret-that-is-long-enough-0123456789");
    for (const name of ["MONGODB_URI", "UPSTASH_REDIS_REST_URL", "UPSTASH_REDIS_REST_TOKEN", "AUTH_URL", "NEXTAUTH_URL", "DEMO"])
      vi.stubEnv(name, undefined);
    for (const [name, value] of Object.entries(storeVars())) vi.stubEnv(name, value);
    ({ GET, POST } = await import("./route"));
    const db = await import("@/lib/db");
    expect((await db.getStore()).kind).toBe(kind);
    closeStore = db.closeStore;
    const { signInAsDemoVisitor } = await import("@/lib/auth/testing");
    ({ cookie } = await signInAsDemoVisitor(origin));
    ({ cookie: other } = await signInAsDemoVisitor(origin));
  });

  afterAll(async () => {
    await closeStore?.();
    vi.unstubAllEnvs();
  });

  const post = (body: unknown, as = cookie) =>
    POST(
      new Request(`${origin}/api/feedback`, {
        method: "POST",
        body: JSON.stringify(body),
        headers: { cookie: as, "content-type": "application/json" },
      }),
      noParams,
    );
  const list = async (as = cookie): Promise<ListenerFeedback> => {
    const response = await GET(new Request(`${origin}/api/feedback`, { headers: { cookie: as } }), noParams);
    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).toBe("private, no-store");
    return (await response.json()) as ListenerFeedback;
  };

  it("lists nothing for a new listener", async () => {
    expect(await list()).toEqual({ likedTracks: [], dislikedTracks: [], likedArtists: [], blockedArtists: [], snoozedTracks: [] });
  });

  it("lists a like with the name and artist the listener saw, and takes it back", async () => {
    const before = Date.now();
    expect(
      (await post({ target: "track", itemId: TRACK, kind: "like", name: "Never Gonna Give You Up", artist: "Rick Astley" })).status,
    ).toBe(200);
    const liked = (await list()).likedTracks;
    expect(liked).toEqual([
      {
        target: "track",
        itemId: TRACK,
        name: "Never Gonna Give You Up",
        artist: "Rick Astley",
        trackId: "4uLU6hMCjMI75M1A2tKUQC",
        at: expect.any(String),
      },
    ]);
    expect(Date.parse(liked[0]!.at)).toBeGreaterThanOrEqual(before - 1000);
    // Nobody else sees it.
    expect((await list(other)).likedTracks).toEqual([]);

    expect((await post({ target: "track", itemId: TRACK, kind: null })).status).toBe(200);
    expect((await list()).likedTracks).toEqual([]);
  });

  it("lists a blocked artist under the name shown, undone by that name or the listed id", async () => {
    await post({ target: "artist", itemId: "The Shared Band", kind: "dislike" });
    const { blockedArtists } = await list();
    expect(blockedArtists).toMatchObject([{ target: "artist", itemId: "the shared band", name: "The Shared Band", artist: null }]);
    await post({ target: "artist", itemId: blockedArtists[0]!.itemId, kind: null });
    expect((await list()).blockedArtists).toEqual([]);
  });

  it("lists a 'not now' with the time it ends, and names an old artist|title key from the key itself", async () => {
    await post({ target: "track", itemId: "nils frahm|says", kind: "not_now" });
    const [snoozed] = (await list()).snoozedTracks;
    expect(snoozed).toMatchObject({ itemId: "nils frahm|says", name: "says", artist: "nils frahm", trackId: null });
    expect(Date.parse(snoozed!.until) - Date.parse(snoozed!.at)).toBe(7 * 86_400_000);
  });

  it("answers a bad body with problem+json naming the field", async () => {
    const response = await post({ target: "album", itemId: "x", kind: "like", name: "" });
    expect(response.status).toBe(400);
    expect(response.headers.get("content-type")).toBe("application/problem+json");
    const problem = (await response.json()) as { errors: Array<{ field: string }> };
    expect(problem.errors.map((error) => error.field).sort()).toEqual(["body.name", "body.target"]);
  });

  it("answers an anonymous caller 401", async () => {
    const response = await GET(new Request(`${origin}/api/feedback`), noParams);
    expect(response.status).toBe(401);
    expect(response.headers.get("content-type")).toBe("application/problem+json");
  });
});
