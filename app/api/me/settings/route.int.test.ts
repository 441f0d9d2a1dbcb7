/**
 * The listener's settings through the real routes, on both store adapters: a change is validated
 * (problem+json naming the field), idempotent, and every surface follows it from the next request
 * without a re-import: the dashboard's listens and clock, the assistant's answer, and Discover's
 * explicit and recent-days filters. The browser's zone fills only an untouched default, and
 * Disconnect forgets a Spotify listener's tokens. Sessions are real Auth.js cookies; nothing of
 * ours is mocked.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it, vi } from "vitest";
import type { DashboardData } from "@/lib/insights";
import type { RouteContext, RouteHandler } from "@/lib/http";
import type { SettingsView } from "@/lib/listener";
import type { RecoResponse } from "@/lib/reco";

const dataDir = mkdtempSync(join(tmpdir(), "echotune-settings-"));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

const origin = "http://127.0.0.1:3000";
const noParams: RouteContext = { params: Promise.resolve({}) };
const DAY_MS = 86_400_000;
/** A spread of play lengths around both thresholds, so 30 s and 60 s count differently. */
const LENGTHS = [5_000, 29_999, 30_000, 45_000, 59_999, 60_000, 61_000, 90_000, 120_000, 180_000, 15_000, 240_000];

interface Play {
  endedAt: string;
  trackId: string;
  ms: number;
}

describe.each([
  ["embedded", (): Record<string, string> => ({ DATA_DIR: join(dataDir, "embedded") })],
  ["mongodb", (): Record<string, string> => ({ MONGODB_URI: inject("mongoUri"), MONGODB_DB: `settings_${process.pid}` })],
])("the settings routes (%s store)", (kind, storeVars) => {
  let settingsRoute: { GET: RouteHandler; PATCH: RouteHandler };
  let spotifyRoute: { GET: RouteHandler; DELETE: RouteHandler };
  let insights: RouteHandler;
  let recommendations: RouteHandler;
  let closeStore: () => Promise<void>;
  let visitor: { id: string; cookie: string };
  let plays: Play[];

  beforeAll(async () => {
    vi.resetModules();
    vi.stubEnv("AUTH_SECRET", "a-test-secret-that-is-long-enough-0123456789");
    for (const name of ["MONGODB_URI", "UPSTASH_REDIS_REST_URL", "UPSTASH_REDIS_REST_TOKEN", "AUTH_URL", "NEXTAUTH_URL", "DEMO"])
      vi.stubEnv(name, undefined);
    for (const [name, value] of Object.entries(storeVars())) vi.stubEnv(name, value);
    settingsRoute = await import("./route");
    spotifyRoute = await import("../spotify/route");
    ({ GET: insights } = await import("../../insights/route"));
    ({ GET: recommendations } = await import("../../recommendations/route"));
    const db = await import("@/lib/db");
    const store = await db.getStore();
    expect(store.kind).toBe(kind);
    closeStore = db.closeStore;
    const { signInAsDemoVisitor } = await import("@/lib/auth/testing");
    visitor = await signInAsDemoVisitor(origin);

    // The visitor's own history: twelve catalogue tracks a day for 20 days, all started and ended
    // between 14:00 and 15:00 UTC, of lengths on both sides of 30 s and 60 s.
    const { DEMO_LISTENER, getDemoCatalog } = await import("@/lib/demo");
    const { storeRows } = await import("@/lib/ingest");
    const { extendedRow } = await import("@/lib/ingest/testing/rows");
    const catalog = getDemoCatalog(DEMO_LISTENER.seed);
    // One clean track each by twelve artists who also have explicit ones: their unheard tracks are
    // Discover's candidates, explicit ones among them.
    const explicitArtists = new Set(catalog.tracks.filter((track) => track.explicit).map((track) => track.artistIds[0]));
    const tracks: Array<(typeof catalog.tracks)[number]> = [];
    const artists = new Set<string>();
    for (const track of catalog.tracks) {
      const artist = track.artistIds[0];
      if (!artist || track.explicit || !explicitArtists.has(artist) || artists.has(artist)) continue;
      artists.add(artist);
      tracks.push(track);
      if (tracks.length === 12) break;
    }
    const today = Math.floor(Date.now() / DAY_MS) * DAY_MS;
    plays = [];
    for (let day = 1; day <= 20; day++)
      tracks.forEach((track, i) =>
        plays.push({
          endedAt: new Date(today - day * DAY_MS + 14 * 3_600_000 + (10 + i * 4) * 60_000).toISOString(),
          trackId: track.id,
          ms: LENGTHS[(i + day) % LENGTHS.length]!,
        }),
      );
    const byId = new Map(tracks.map((track) => [track.id, track]));
    const rows = plays.map((play) => {
      const track = byId.get(play.trackId)!;
      return extendedRow(play.endedAt, play.trackId, {
        msPlayed: play.ms,
        trackName: track.name,
        artistName: catalog.artistsById.get(track.artistIds[0] ?? "")?.name ?? "Unknown artist",
        albumName: null,
        skipped: null,
      });
    });
    await storeRows(store, visitor.id, "settings-import", "c0", rows);
  }, 120_000);

  afterAll(async () => {
    await closeStore?.();
    vi.unstubAllEnvs();
  });

  const request = (path: string, init: RequestInit & { cookie?: string } = {}) =>
    new Request(`${origin}${path}`, {
      ...init,
      headers: { cookie: init.cookie ?? visitor.cookie, ...(init.body ? { "content-type": "application/json" } : {}) },
    });
  const patch = (body: unknown, cookie?: string) =>
    settingsRoute.PATCH(
      request("/api/me/settings", { method: "PATCH", body: JSON.stringify(body), ...(cookie ? { cookie } : {}) }),
      noParams,
    );
  const saved = async (body: unknown, cookie?: string) => {
    const response = await patch(body, cookie);
    expect(response.status).toBe(200);
    return (await response.json()) as { settings: SettingsView; timeZoneAdopted: boolean };
  };
  const dashboard = async (): Promise<DashboardData> => {
    const response = await insights(request("/api/insights?range=all"), noParams);
    expect(response.status).toBe(200);
    return (await response.json()) as DashboardData;
  };
  const picks = async (query: string): Promise<RecoResponse> => {
    const response = await recommendations(request(`/api/recommendations?${query}`), noParams);
    expect(response.status).toBe(200);
    return (await response.json()) as RecoResponse;
  };
  const listensFrom = (thresholdMs: number) => plays.filter((play) => play.ms >= thresholdMs).length;
  /** The local hour of the plays' 14:xx UTC in a zone, counted here with Intl. */
  const hourIn = (timeZone: string) =>
    Number(new Intl.DateTimeFormat("en-GB", { timeZone, hour: "2-digit", hourCycle: "h23" }).format(Date.parse(plays[0]!.endedAt)));

  it("starts a demo visitor on the demo's settings", async () => {
    const response = await settingsRoute.GET(request("/api/me/settings"), noParams);
    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).toBe("private, no-store");
    expect(((await response.json()) as { settings: SettingsView }).settings).toEqual({
      timeZone: "Europe/Berlin",
      timeZoneSource: "demo",
      listenThresholdMs: 30_000,
      allowExplicit: true,
      recentDays: 30,
    });
  });

  it("refuses a bad change with problem+json that names the field, and changes nothing", async () => {
    for (const [body, field] of [
      [{ listenThresholdMs: 1234 }, "body.listenThresholdMs"],
      [{ listenThresholdMs: 600_000 }, "body.listenThresholdMs"],
      [{ timeZone: "Mars/Olympus_Mons" }, "body.timeZone"],
      [{ recentDays: -1 }, "body.recentDays"],
      [{ allowExplicit: "no" }, "body.allowExplicit"],
      [{ timeZone: "Asia/Tokyo", browserTimeZone: "Asia/Tokyo" }, "body.browserTimeZone"],
      [{ colour: "red" }, "body"],
      [{}, "body"],
    ] as const) {
      const response = await patch(body);
      expect(response.status, JSON.stringify(body)).toBe(400);
      expect(response.headers.get("content-type")).toBe("application/problem+json");
      const problem = (await response.json()) as { code: string; errors: Array<{ field: string; message: string }> };
      expect(problem.code).toBe("validation_failed");
      expect(problem.errors.map((error) => error.field)).toContain(field);
    }
    const response = await settingsRoute.GET(request("/api/me/settings"), noParams);
    expect(((await response.json()) as { settings: SettingsView }).settings.listenThresholdMs).toBe(30_000);
  });

  it("recounts the dashboard and the assistant's answer at a new threshold, with no re-import", async () => {
    expect(listensFrom(30_000)).not.toBe(listensFrom(60_000));
    const { listenerOf } = await import("@/lib/listener");
    const { assistantTools } = await import("@/lib/assistant");
    const { spotifyClientFor } = await import("@/lib/spotify");
    const answer = async () => {
      const listener = (await listenerOf(request("/api/me")))!;
      const tools = assistantTools({ listener, client: spotifyClientFor({ userId: listener.id, isDemo: true }) });
      const output = await tools.listeningStats.execute!({ range: "all" }, { toolCallId: "t", messages: [], context: {} });
      return (output as { summary: string }).summary;
    };

    const before = await dashboard();
    expect(before.totals.plays).toBe(plays.length);
    expect(before.totals.listens).toBe(listensFrom(30_000));
    expect(await answer()).toContain(`over ${listensFrom(30_000)} listens`);

    const first = await saved({ listenThresholdMs: 60_000 });
    expect(first.settings.listenThresholdMs).toBe(60_000);
    // Idempotent: the same change again leaves the same settings.
    expect((await saved({ listenThresholdMs: 60_000 })).settings).toEqual(first.settings);

    const after = await dashboard();
    expect(after.listenThresholdMs).toBe(60_000);
    expect(after.totals.plays).toBe(plays.length);
    expect(after.totals.listens).toBe(listensFrom(60_000));
    expect(after.totals.skips).toBe(plays.length - listensFrom(60_000));
    expect(after.definitions.listen).toContain("1 minute");
    expect(await answer()).toContain(`over ${listensFrom(60_000)} listens`);
    await saved({ listenThresholdMs: 30_000 });
  });

  it("moves the clock to the chosen time zone", async () => {
    expect((await dashboard()).clock.busiestHour).toBe(hourIn("Europe/Berlin"));
    const { settings } = await saved({ timeZone: "asia/tokyo" });
    expect(settings).toMatchObject({ timeZone: "Asia/Tokyo", timeZoneSource: "chosen" });
    const tokyo = await dashboard();
    expect(tokyo.timeZone).toBe("Asia/Tokyo");
    expect(tokyo.clock.busiestHour).toBe(hourIn("Asia/Tokyo"));
    expect(hourIn("Asia/Tokyo")).toBe(23);
    await saved({ timeZone: "Europe/Berlin" });
  });

  it("leaves out explicit picks when the listener says so", async () => {
    const withExplicit = await picks("novelty=0.6&limit=50");
    expect(withExplicit.items.some((item) => item.explicit === true)).toBe(true);
    await saved({ allowExplicit: false });
    const without = await picks("novelty=0.6&limit=50");
    expect(without.items.length).toBeGreaterThan(0);
    expect(without.items.filter((item) => item.explicit === true)).toEqual([]);
    await saved({ allowExplicit: true });
  });

  it("leaves out the listener's recent days when the query names none", async () => {
    const played = new Set(plays.map((play) => play.trackId));
    const heard = (response: RecoResponse) => response.items.filter((item) => item.trackId !== null && played.has(item.trackId));
    // Every play is within the last 20 days: the default 30 days leaves them all out.
    expect(heard(await picks("novelty=0"))).toEqual([]);
    await saved({ recentDays: 0 });
    expect(heard(await picks("novelty=0")).length).toBeGreaterThan(0);
    await saved({ recentDays: 14 });
    // Days 15 to 20 are older than 14 days: only what was also played since is left out.
    expect(heard(await picks("novelty=0&recentDays=30"))).toEqual([]);
    await saved({ recentDays: 30 });
  });

  it("takes the browser's zone only while the zone is the untouched default, and disconnects Spotify", async () => {
    const { accountsRepository, getStore, usersRepository } = await import("@/lib/db");
    const { sealToken } = await import("@/lib/security");
    const { sessionCookieFor } = await import("@/lib/auth/testing");
    const store = await getStore();
    const user = await usersRepository(store).upsertSpotifyUser({
      id: `nova${process.pid}${kind}`,
      displayName: "Nova Listener",
      email: null,
      imageUrl: null,
      country: "DE",
      product: "premium",
    });
    await accountsRepository(store).connect(user._id, user.spotifyId!, {
      accessToken: sealToken("access"),
      refreshToken: sealToken("refresh"),
      expiresAt: new Date(Date.now() + 3_600_000),
      scope: "user-read-recently-played",
    });
    const cookie = await sessionCookieFor({ id: user._id, isDemo: false });

    const adopted = await saved({ browserTimeZone: "America/New_York" }, cookie);
    expect(adopted).toMatchObject({ timeZoneAdopted: true, settings: { timeZone: "America/New_York", timeZoneSource: "browser" } });
    // Another browser later: the zone stays.
    const again = await saved({ browserTimeZone: "Asia/Tokyo" }, cookie);
    expect(again).toMatchObject({ timeZoneAdopted: false, settings: { timeZone: "America/New_York" } });
    expect((await saved({ timeZone: "Europe/Paris" }, cookie)).settings.timeZoneSource).toBe("chosen");

    const connection = async (as: string) =>
      (await (await spotifyRoute.GET(request("/api/me/spotify", { cookie: as }), noParams)).json()) as { status: string };
    expect(await connection(cookie)).toMatchObject({ status: "active" });
    const disconnect = (as: string) => spotifyRoute.DELETE(request("/api/me/spotify", { method: "DELETE", cookie: as }), noParams);
    expect((await disconnect(cookie)).status).toBe(204);
    expect(await accountsRepository(store).find(user._id)).toBeNull();
    expect(await connection(cookie)).toMatchObject({ status: "none" });
    // Idempotent; the listener and their settings stay.
    expect((await disconnect(cookie)).status).toBe(204);
    expect((await usersRepository(store).findById(user._id))?.settings.timeZone).toBe("Europe/Paris");

    // A demo visitor has nothing to disconnect, and is told so.
    const demo = await disconnect(visitor.cookie);
    expect(demo.status).toBe(409);
    expect(((await demo.json()) as { detail: string }).detail).toMatch(/demo has no Spotify account/);
  });

  it("answers an anonymous caller 401", async () => {
    const response = await settingsRoute.PATCH(
      new Request(`${origin}/api/me/settings`, { method: "PATCH", body: "{}", headers: { "content-type": "application/json" } }),
      noParams,
    );
    expect(response.status).toBe(401);
  });
});
