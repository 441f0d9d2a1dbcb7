import "server-only";
import { getCache } from "@/lib/cache";
import { accountsRepository, getStore } from "@/lib/db";
import { env } from "@/lib/env";
import type { SpotifyClient } from "./client";
import { DemoSpotifyClient } from "./demo-client";
import { defaultTransportSettings, type SpotifyAccount } from "./http";
import { getSpotifyAccessToken } from "./tokens";
import { WebApiSpotifyClient } from "./web-client";

export { PLAYLIST_BATCH, type PageOptions, type SearchResults, type SpotifyClient } from "./client";
export { demoHistory, DemoSpotifyClient } from "./demo-client";
export { SpotifyRateLimitedError, SpotifyRequestError, SpotifyUnavailableError } from "./errors";
export { callSpotify, defaultTransportSettings, resetSpotifyBreakers, type SpotifyAccount, type TransportSettings } from "./http";
export { PLAYER_HELP, playerCommand, playerProblemOf, type PlayerProblem } from "./player";
export { spotifyScopes } from "./scopes";
export {
  createTokenRefresher,
  getSpotifyAccessToken,
  ReconnectRequiredError,
  refreshSpotifyToken,
  saveSpotifyConnection,
  type TokenRefresher,
  type TokenRefresherOptions,
} from "./tokens";
export type * from "./types";
export { WebApiSpotifyClient } from "./web-client";

/** A connected listener's account as the transport needs it: tokens and the shared pause deadline. */
export function spotifyAccountFor(userId: string): SpotifyAccount {
  return {
    userId,
    getToken: (options) => getSpotifyAccessToken(userId, options),
    pausedUntil: async () => (await accountsRepository(await getStore()).find(userId))?.pausedUntil ?? null,
    pauseUntil: async (until) => accountsRepository(await getStore()).pauseUntil(userId, until),
  };
}

/** The Web API client for a listener signed in with Spotify. */
export function webClientFor(userId: string): WebApiSpotifyClient {
  return new WebApiSpotifyClient(spotifyAccountFor(userId), defaultTransportSettings(env.SPOTIFY_API_URL), getCache());
}

/**
 * The right Spotify for whoever is asking: the demo catalog (with this visitor's own demo
 * playlists and player) for a demo visitor, the Web API otherwise.
 */
export function spotifyClientFor(listener: { userId: string; isDemo: boolean }): SpotifyClient {
  return listener.isDemo ? new DemoSpotifyClient(listener.userId) : webClientFor(listener.userId);
}
