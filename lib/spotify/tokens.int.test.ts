/**
 * Token refresh across instances: two server processes share one store and one Spotify account,
 * and Spotify rotates refresh tokens, so only the first refresh with a given token succeeds.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, inject, it, vi } from "vitest";
import { startFakeSpotify, type FakeSpotify } from "@/e2e/fakes/spotify/server";

const USER = "spotify:nova-listener";
type Spotify = typeof import("@/lib/spotify");
type Db = typeof import("@/lib/db");

let fake: FakeSpotify;
let dataDir: string;
let db: Db;
/** Two server instances: separate module graphs, each with its own in-process refresh de-duplication. */
let instances: [Spotify, Spotify];

/** A fresh module graph, as another server process would load; only the store is shared. */
async function loadInstance(): Promise<Spotify> {
  // The in-process de-duplication lives on globalThis: a second process starts without it.
  delete (globalThis as Record<symbol, unknown>)[Symbol.for("echotune.spotify.tokenRefreshes")];
  vi.resetModules();
  return import("@/lib/spotify");
}

beforeAll(async () => {
  fake = await startFakeSpotify();
  dataDir = mkdtempSync(join(tmpdir(), "echotune-tokens-"));
  vi.stubEnv("DATA_DIR", dataDir);
  vi.stubEnv("AUTH_SECRET", "tokens-test-secret-0123456789abcdefghijklmnop");
  vi.stubEnv("AUTH_SPOTIFY_ID", fake.state.clientId);
  vi.stubEnv("AUTH_SPOTIFY_SECRET", fake.state.clientSecret);
  vi.stubEnv("SPOTIFY_ACCOUNTS_URL", fake.accountsUrl);
  vi.stubEnv("SPOTIFY_API_URL", fake.apiUrl);
});

afterAll(async () => {
  vi.unstubAllEnvs();
  await fake?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

beforeEach(() => fake.state.reset());

/** A listener just signed in, with an access token that has already expired. */
async function connectWithExpiredToken(): Promise<string> {
  const tokens = fake.state.issueTokens(fake.state.user.id, "user-read-recently-played", true);
  await instances[0].saveSpotifyConnection(USER, fake.state.user.id, {
    accessToken: tokens.access_token,
    refreshToken: tokens.refresh_token as string,
    expiresAt: new Date(Date.now() - 1_000),
    scope: tokens.scope,
  });
  return tokens.refresh_token as string;
}

const refreshes = () => fake.state.log.filter((entry) => entry.path === "/api/token").map((entry) => entry.status);
const isLive = (accessToken: string) => (fake.state.accessTokens.get(accessToken)?.expiresAt ?? 0) > Date.now();
const stored = async () => (await db.accountsRepository(await db.getStore()).find(USER))!;

describe.each([
  ["embedded", (): Record<string, string> => ({})],
  ["mongodb", (): Record<string, string> => ({ MONGODB_URI: inject("mongoUri"), MONGODB_DB: `tokens_${process.pid}` })],
])("token refresh across instances sharing one store (%s)", (kind, storeVars) => {
  beforeAll(async () => {
    for (const [name, value] of Object.entries(storeVars())) vi.stubEnv(name, value);
    const first = await loadInstance();
    const second = await loadInstance();
    instances = [first, second];
    db = await import("@/lib/db");
    expect((await db.getStore()).kind).toBe(kind);
  });

  afterAll(async () => {
    await db?.closeStore();
  });

  it("with rotation, two instances refreshing at once both get a valid token and the account stays connected", async () => {
    fake.state.rotation = "rotate";
    const original = await connectWithExpiredToken();

    const [first, second] = await Promise.all([instances[0].getSpotifyAccessToken(USER), instances[1].getSpotifyAccessToken(USER)]);

    expect(isLive(first)).toBe(true);
    expect(isLive(second)).toBe(true);
    const account = await stored();
    expect(account.status).toBe("active");
    // Exactly one rotation succeeded; a second try with the old token, if any, was refused and recovered from.
    const statuses = refreshes();
    expect(statuses.filter((status) => status === 200)).toHaveLength(1);
    expect(statuses.filter((status) => status !== 200).every((status) => status === 400)).toBe(true);
    expect(fake.state.refreshTokens.get(original)?.revoked).toBe(true);

    // The stored refresh token is the winner's live one: both instances can refresh again later.
    for (const spotify of instances) expect(isLive(await spotify.getSpotifyAccessToken(USER, { forceRefresh: true }))).toBe(true);
    expect((await stored()).status).toBe("active");
  });

  it("an instance refused while the winner is still storing its tokens waits for them instead of marking reconnect", async () => {
    fake.state.rotation = "rotate";
    await connectWithExpiredToken();
    const { createTokenRefresher } = instances[0];
    const accounts = async () => db.accountsRepository(await db.getStore());
    let winnerSaved: () => void = () => undefined;
    const saved = new Promise<void>((resolve) => (winnerSaved = resolve));
    // The winner is slow to store what Spotify gave it; the loser starts only once Spotify has rotated the token.
    const slow = createTokenRefresher({
      accounts: async () => {
        const repository = await accounts();
        return {
          ...repository,
          saveRefreshed: async (...args: Parameters<typeof repository.saveRefreshed>) => {
            await new Promise((resolve) => setTimeout(resolve, 300));
            const stored = await repository.saveRefreshed(...args);
            winnerSaved();
            return stored;
          },
        };
      },
    });
    const fast = createTokenRefresher({ accounts });
    const winning = slow.accessToken(USER);
    while (!refreshes().includes(200)) await new Promise((resolve) => setTimeout(resolve, 5));
    const losing = fast.accessToken(USER);

    const [winner, loser] = await Promise.all([winning, losing]);
    await saved;
    expect(refreshes()).toEqual([200, 400]);
    expect(loser).toBe(winner);
    expect(isLive(loser)).toBe(true);
    expect((await stored()).status).toBe("active");
  });

  it("without rotation, both instances may refresh and both tokens work", async () => {
    fake.state.rotation = "keep";
    await connectWithExpiredToken();
    const tokens = await Promise.all(instances.map((spotify) => spotify.getSpotifyAccessToken(USER)));
    for (const token of tokens) expect(isLive(token)).toBe(true);
    expect(refreshes().every((status) => status === 200)).toBe(true);
    expect((await stored()).status).toBe("active");
  });

  it("a refresh token Spotify revoked still asks the listener to reconnect, on every instance", async () => {
    fake.state.rotation = "rotate";
    await connectWithExpiredToken();
    fake.state.revokeRefreshTokens();
    const results = await Promise.allSettled(instances.map((spotify) => spotify.getSpotifyAccessToken(USER)));
    for (const result of results) {
      expect(result.status).toBe("rejected");
      expect((result as PromiseRejectedResult).reason).toBeInstanceOf(instances[0].ReconnectRequiredError);
    }
    expect((await stored()).status).toBe("reconnect_required");
  });
});
