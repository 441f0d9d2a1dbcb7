/**
 * The fake Spotify's memory: its listener, the tokens and codes it issued, scripted faults and a
 * log of what clients asked, so tests can assert on the exact wire traffic.
 */
import { randomBytes } from "node:crypto";
import { FakeLibrary } from "./library";
import type { FakePlay } from "./world";

export interface FakeUser {
  id: string;
  display_name: string;
  email: string;
  country: string;
  product: "premium" | "free";
}

export interface IssuedCode {
  code: string;
  clientId: string;
  redirectUri: string;
  scope: string;
  codeChallenge: string | null;
  used: boolean;
  userId: string;
}

export interface Fault {
  /** Which requests: a path prefix such as "/v1/me" or "/api/token"; "*" for every API call. */
  path: string;
  /** Only requests with this method ("POST"); every method when absent. */
  method?: string;
  /** Matching requests to let through first: `after: 1` fails the second add-items call, not the first. */
  after?: number;
  /** How many requests it affects; Infinity until cleared. */
  times: number;
  status: number;
  /** Retry-After seconds, for 429s. */
  retryAfter?: number;
  /** Spotify's `reason`, e.g. "QUOTA_EXCEEDED". */
  reason?: string;
  message?: string;
  /** Added latency in milliseconds (with status 0: a slow but successful answer). */
  delayMs?: number;
}

export interface LoggedRequest {
  at: number;
  method: string;
  path: string;
  query: Record<string, string>;
  form?: Record<string, string>;
  authorization?: string;
  status?: number;
}

const defaultUser = (): FakeUser => ({
  id: "nova-listener",
  display_name: "Nova Listener",
  email: "nova@example.test",
  country: "SE",
  product: "premium",
});

export const randomToken = (prefix: string) => `${prefix}${randomBytes(24).toString("base64url")}`;

export class FakeSpotifyState {
  readonly clientId: string;
  readonly clientSecret: string;
  user: FakeUser = defaultUser();
  /** The listener's own data: plays after the generated history, saved items, playlists, devices, player. */
  readonly library = new FakeLibrary();
  readonly codes = new Map<string, IssuedCode>();
  /** access token → { userId, scope, expiresAt } */
  readonly accessTokens = new Map<string, { userId: string; scope: string; expiresAt: number }>();
  /** refresh token → { userId, scope, revoked } */
  readonly refreshTokens = new Map<string, { userId: string; scope: string; revoked: boolean }>();
  /** "keep": refresh responses omit refresh_token; "rotate": they carry a new one and the old dies. */
  rotation: "keep" | "rotate" = "keep";
  accessTokenTtlSeconds = 3600;
  /**
   * Development mode sends no `preview_url`; an app with extended quota still gets 30-second clips
   * for many tracks. `/__admin/config {previews: true}` makes tracks carry one (a short silent clip
   * served by the fake), so the app's preview player can be tried.
   */
  previews = false;
  faults: Fault[] = [];
  /** Web API requests being answered right now, and the most at once: proves client concurrency limits. */
  inFlight = 0;
  peakInFlight = 0;
  readonly log: LoggedRequest[] = [];

  constructor(clientId: string, clientSecret: string) {
    this.clientId = clientId;
    this.clientSecret = clientSecret;
  }

  issueTokens(
    userId: string,
    scope: string,
    withRefresh: boolean,
  ): { access_token: string; token_type: "Bearer"; scope: string; expires_in: number; refresh_token?: string } {
    const accessToken = randomToken("fake-at-");
    this.accessTokens.set(accessToken, { userId, scope, expiresAt: Date.now() + this.accessTokenTtlSeconds * 1000 });
    const response = { access_token: accessToken, token_type: "Bearer" as const, scope, expires_in: this.accessTokenTtlSeconds };
    if (!withRefresh) return response;
    const refreshToken = randomToken("fake-rt-");
    this.refreshTokens.set(refreshToken, { userId, scope, revoked: false });
    return { ...response, refresh_token: refreshToken };
  }

  /** Every token the fake ever issued, for scans that prove none leaked to the browser. */
  allIssuedTokens(): string[] {
    return [...this.accessTokens.keys(), ...this.refreshTokens.keys()];
  }

  /** The next scripted fault for this request, consumed; a fault still letting requests through counts this one. */
  takeFault(path: string, method?: string): Fault | undefined {
    const fault = this.faults.find(
      (candidate) =>
        candidate.times > 0 &&
        (candidate.path === "*" || path.startsWith(candidate.path)) &&
        (candidate.method === undefined || method === undefined || candidate.method.toUpperCase() === method.toUpperCase()),
    );
    if (!fault) return undefined;
    if (fault.after !== undefined && fault.after > 0) {
      fault.after -= 1;
      return undefined;
    }
    fault.times -= 1;
    this.faults = this.faults.filter((candidate) => candidate.times > 0);
    return fault;
  }

  /**
   * Test hook: the listener just heard a track (or heard it at `playedAt`), so it shows up in
   * recently-played after every earlier play. Without `trackId`, one of their favourites.
   */
  recordPlay(input: { trackId?: string; playedAt?: number; msPlayed?: number } = {}): FakePlay {
    return this.library.recordPlay(input);
  }

  expireAccessTokens(): void {
    for (const token of this.accessTokens.values()) token.expiresAt = 0;
  }

  revokeRefreshTokens(): void {
    for (const token of this.refreshTokens.values()) token.revoked = true;
  }

  reset(): void {
    this.codes.clear();
    this.accessTokens.clear();
    this.refreshTokens.clear();
    this.faults = [];
    this.log.length = 0;
    this.peakInFlight = 0;
    this.rotation = "keep";
    this.accessTokenTtlSeconds = 3600;
    this.previews = false;
    this.user = defaultUser();
    this.library.reset();
  }
}
