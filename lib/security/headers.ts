/**
 * The browser-facing security headers, as pure functions of the environment (and, for the page
 * policy, the request's nonce). proxy.ts sends `pagePolicy` with every HTML page; next.config.ts sends
 * `securityHeaders` with every response and `assetPolicy` with the images we draw ourselves.
 *
 * No `@/` imports at run time: next.config.ts loads this file through Node's own TypeScript support.
 */
import type { Env } from "@/lib/env";

export type HeadersEnv = Pick<Env, "NODE_ENV" | "APP_URL" | "SPOTIFY_API_URL" | "SPOTIFY_ACCOUNTS_URL">;

/** The request header proxy.ts hands the nonce to the page render in (Next reads it from the CSP itself). */
export const NONCE_HEADER = "x-nonce";

/** A fresh nonce per request: 128 random bits, base64. */
export function createNonce(): string {
  return Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString("base64");
}

/** Where Spotify's cover art and 30-second preview clips live (the browser loads them directly). */
const SPOTIFY_IMAGES = ["https://i.scdn.co", "https://mosaic.scdn.co", "https://*.spotifycdn.com"];
const SPOTIFY_PREVIEWS = ["https://p.scdn.co"];
const SPOTIFY_API_ORIGIN = "https://api.spotify.com";

/**
 * A stand-in Spotify (SPOTIFY_API_URL pointing elsewhere, as the end-to-end fake does) serves its
 * art and previews from its own origin; Spotify itself never does, so its API origin is not added.
 */
function spotifyStandIn(env: HeadersEnv): string[] {
  const origin = new URL(env.SPOTIFY_API_URL).origin;
  return origin === SPOTIFY_API_ORIGIN ? [] : [origin];
}

const isHttps = (env: HeadersEnv) => new URL(env.APP_URL).protocol === "https:";

function serialize(directives: Record<string, string[]>): string {
  return Object.entries(directives)
    .map(([name, sources]) => [name, ...sources].join(" "))
    .join("; ");
}

/**
 * The Content-Security-Policy of an HTML page.
 *
 * - Scripts: only those carrying this request's nonce (Next puts it on its own scripts, next-themes
 *   on its theme script), and what they load ('strict-dynamic'). No 'unsafe-inline'; 'unsafe-eval'
 *   only in development, where React rebuilds server error stacks with eval.
 * - Style elements and stylesheets: our own files and nonce-carrying `<style>` elements only.
 *   Style *attributes* are allowed ('unsafe-inline' in style-src-attr): charts and progress bars size
 *   their bars with `style="width: 42%"`, which the server renders into the HTML, and an attribute
 *   cannot carry a nonce. An injected attribute can restyle an element but cannot run script or load
 *   anything beyond img-src, and selectors (the CSS exfiltration trick) need a `<style>` element,
 *   which stays nonce-only.
 * - Workers: 'self' named explicitly, since 'strict-dynamic' drops 'self' from script-src and the
 *   import's parser runs in a module worker.
 * - The browser talks to this origin only (connect-src 'self'): Spotify, Gemini, Perplexity and the
 *   OpenTelemetry collector are reached by the server. Images and previews come from Spotify's CDNs.
 * - `data:` images: the shell's icons are CSS masks whose shapes are data URIs in our stylesheet
 *   (app/icons.css). An image cannot run script, and a data URI loads nothing from anywhere.
 */
export function pagePolicy(nonce: string, env: HeadersEnv): string {
  const development = env.NODE_ENV === "development";
  const standIn = spotifyStandIn(env);
  const directives: Record<string, string[]> = {
    "default-src": ["'self'"],
    "script-src": ["'self'", `'nonce-${nonce}'`, "'strict-dynamic'", ...(development ? ["'unsafe-eval'"] : [])],
    "style-src": ["'self'", `'nonce-${nonce}'`],
    "style-src-elem": ["'self'", `'nonce-${nonce}'`],
    "style-src-attr": ["'unsafe-inline'"],
    "img-src": ["'self'", "data:", ...SPOTIFY_IMAGES, ...standIn],
    "media-src": ["'self'", ...SPOTIFY_PREVIEWS, ...standIn],
    "font-src": ["'self'"],
    "connect-src": ["'self'"],
    "worker-src": ["'self'"],
    "manifest-src": ["'self'"],
    "frame-src": ["'none'"],
    "object-src": ["'none'"],
    "base-uri": ["'none'"],
    // Chrome checks form-action on redirects too: the sign-in form ends on Spotify's accounts page.
    "form-action": ["'self'", new URL(env.SPOTIFY_ACCOUNTS_URL).origin],
    "frame-ancestors": ["'none'"],
  };
  if (isHttps(env)) directives["upgrade-insecure-requests"] = [];
  return serialize(directives);
}

/**
 * The policy of responses that are not pages but could be opened as a document: the SVG art we draw
 * (/demo-art, /icon.svg). Nothing may run or load, and nobody may frame them.
 */
export function assetPolicy(): string {
  return serialize({ "default-src": ["'none'"], "frame-ancestors": ["'none'"] });
}

export interface Header {
  key: string;
  value: string;
}

/**
 * The headers every response carries, pages and APIs alike. HSTS only in production on an https
 * APP_URL: a browser that sees it refuses plain http to this host for two years, which would lock a
 * developer's http://127.0.0.1 out of everything else served there.
 */
export function securityHeaders(env: HeadersEnv): Header[] {
  return [
    { key: "X-Content-Type-Options", value: "nosniff" },
    { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
    // frame-ancestors 'none' for browsers that predate it, and for responses without a CSP.
    { key: "X-Frame-Options", value: "DENY" },
    { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=(), payment=(), usb=(), browsing-topics=()" },
    { key: "Cross-Origin-Opener-Policy", value: "same-origin" },
    ...(env.NODE_ENV === "production" && isHttps(env)
      ? [{ key: "Strict-Transport-Security", value: "max-age=63072000; includeSubDomains" }]
      : []),
  ];
}
