import "server-only";
import { randomUUID } from "node:crypto";
import NextAuth, { type NextAuthConfig } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import type { OAuthConfig } from "next-auth/providers";
import { getStore, newDemoVisitorId, usersRepository } from "@/lib/db";
import { demoEnabled, env } from "@/lib/env";
import { authSecret } from "@/lib/security";
import { getSpotifyAccessToken, ReconnectRequiredError, saveSpotifyConnection, spotifyScopes } from "@/lib/spotify";
import { logger } from "@/lib/telemetry";
import { isSessionRevoked, revokeSession, SESSION_MAX_AGE_SECONDS } from "./revocation";

declare module "next-auth" {
  interface Session {
    userId: string;
    isDemo: boolean;
    /** Set when Spotify refused our refresh token: the UI asks the listener to reconnect. */
    error?: "reconnect";
  }
}

declare module "@auth/core/jwt" {
  interface JWT {
    userId?: string;
    isDemo?: boolean;
    error?: "reconnect";
    /** This sign-in's id: signing out revokes it (`revokeSession`). Sessions from before it have none. */
    sid?: string;
  }
}

interface SpotifyProfile {
  id: string;
  display_name: string | null;
  email?: string | null;
  country?: string | null;
  product?: string | null;
  images?: Array<{ url: string }> | null;
}

/** The Spotify provider, pointed at SPOTIFY_ACCOUNTS_URL / SPOTIFY_API_URL (fakes in tests). */
function spotifyProvider(): OAuthConfig<SpotifyProfile> {
  return {
    id: "spotify",
    name: "Spotify",
    type: "oauth",
    clientId: env.AUTH_SPOTIFY_ID,
    clientSecret: env.AUTH_SPOTIFY_SECRET,
    authorization: { url: `${env.SPOTIFY_ACCOUNTS_URL}/authorize`, params: { scope: spotifyScopes.join(" ") } },
    token: `${env.SPOTIFY_ACCOUNTS_URL}/api/token`,
    userinfo: `${env.SPOTIFY_API_URL}/me`,
    checks: ["pkce", "state"],
    profile: (profile) => ({
      id: profile.id,
      name: profile.display_name ?? profile.id,
      email: profile.email ?? null,
      image: profile.images?.[0]?.url ?? null,
    }),
  };
}

/**
 * "Try the demo": each visitor becomes a listener of their own (their chats, feedback, imports and
 * budgets are theirs alone) who reads the shared, read-only demo history (`historyOwner` in
 * lib/listening). No account anywhere; idle visitors are removed after 30 days (lib/listener).
 */
const demoProvider = Credentials({
  id: "demo",
  name: "Demo",
  credentials: {},
  authorize: async () => ({ id: newDemoVisitorId(), name: "Demo listener", email: null, image: null }),
});

const authConfig = (): NextAuthConfig => ({
  secret: authSecret(),
  trustHost: true,
  session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_SECONDS },
  pages: { signIn: "/sign-in", error: "/sign-in" },
  providers: [...(env.AUTH_SPOTIFY_ID ? [spotifyProvider()] : []), ...(demoEnabled() ? [demoProvider] : [])],
  logger: {
    error: (error) => logger.warn({ err: error }, "auth: error"),
    warn: (code) => logger.debug({ code }, "auth: warning"),
    debug: () => undefined,
  },
  events: {
    async signOut(message) {
      const token = "token" in message ? message.token : null;
      if (token?.sid) await revokeSession(token.sid, token.exp);
    },
  },
  callbacks: {
    // Server actions (sign-in, sign-out) give Auth.js a base URL built from the request's Host
    // header, which can be forged: every redirect keeps its path but lands on APP_URL.
    redirect({ url }) {
      const app = new URL(env.APP_URL);
      const target = new URL(url, app);
      return new URL(`${target.pathname}${target.search}${target.hash}`, app.origin).toString();
    },
    async jwt({ token, account, profile, user }) {
      if (account?.provider === "spotify" && profile) {
        const spotify = profile as unknown as SpotifyProfile;
        const users = usersRepository(await getStore());
        const user = await users.upsertSpotifyUser({
          id: spotify.id,
          displayName: spotify.display_name,
          email: spotify.email ?? null,
          imageUrl: spotify.images?.[0]?.url ?? null,
          country: spotify.country ?? null,
          product: spotify.product ?? null,
        });
        await saveSpotifyConnection(user._id, spotify.id, {
          accessToken: String(account.access_token),
          refreshToken: String(account.refresh_token),
          expiresAt: new Date((account.expires_at ?? Math.floor(Date.now() / 1000) + 3600) * 1000),
          scope: String(account.scope ?? ""),
        });
        return { ...token, userId: user._id, isDemo: false, error: undefined, sid: randomUUID() };
      }
      if (account?.provider === "demo" && user?.id) {
        const users = usersRepository(await getStore());
        // The shared history's owner exists once (the recommender trains on every user's plays).
        await users.ensureDemoUser();
        await users.createDemoVisitor(user.id);
        return { ...token, userId: user.id, isDemo: true, error: undefined, sid: randomUUID() };
      }
      // A copy of a session signed out since: nobody (Auth.js drops the cookie).
      if (token.sid && (await isSessionRevoked(token.sid))) return null;
      // A returning Spotify listener: refresh the access token before it expires. Tokens live in
      // the accounts collection, never in this cookie.
      if (token.userId && !token.isDemo && token.error !== "reconnect") {
        try {
          await getSpotifyAccessToken(token.userId);
        } catch (error) {
          if (error instanceof ReconnectRequiredError) return { ...token, error: "reconnect" as const };
          // A Spotify or database hiccup is not the listener's problem: keep the session, retry next time.
          logger.warn({ err: error, userId: token.userId }, "auth: token refresh deferred");
        }
      }
      return token;
    },
    session({ session, token }) {
      session.userId = token.userId ?? "";
      session.isDemo = token.isDemo ?? false;
      if (token.error) session.error = token.error;
      return session;
    },
  },
});

// Configured lazily, on the first request: the build imports this module but must not need a secret.
export const { handlers, auth, signIn, signOut } = NextAuth(() => authConfig());
