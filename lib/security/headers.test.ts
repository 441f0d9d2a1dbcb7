import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { assetPolicy, createNonce, pagePolicy, securityHeaders, type HeadersEnv } from "./headers";

const production: HeadersEnv = {
  NODE_ENV: "production",
  APP_URL: "https://echotune.example",
  SPOTIFY_API_URL: "https://api.spotify.com/v1",
  SPOTIFY_ACCOUNTS_URL: "https://accounts.spotify.com",
};
const development: HeadersEnv = { ...production, NODE_ENV: "development", APP_URL: "http://127.0.0.1:3000" };
/** The end-to-end setup: a production build on http, Spotify played by a local fake. */
const endToEnd: HeadersEnv = {
  NODE_ENV: "production",
  APP_URL: "http://127.0.0.1:3400",
  SPOTIFY_API_URL: "http://127.0.0.1:3401/v1",
  SPOTIFY_ACCOUNTS_URL: "http://127.0.0.1:3401",
};

/** The policy as directive → sources, failing on a directive named twice (browsers keep the first). */
function parse(policy: string): Map<string, string[]> {
  const directives = new Map<string, string[]>();
  for (const part of policy.split(";")) {
    const [name, ...sources] = part.trim().split(/\s+/);
    if (!name) continue;
    expect(directives.has(name), `${name} appears twice`).toBe(false);
    directives.set(name, sources);
  }
  return directives;
}

const nonceArbitrary = fc.uint8Array({ minLength: 16, maxLength: 16 }).map((bytes) => Buffer.from(bytes).toString("base64"));
const envArbitrary = fc.constantFrom(production, development, endToEnd);

describe("pagePolicy", () => {
  it("allows scripts by this request's nonce only: never inline, never eval outside development", () => {
    fc.assert(
      fc.property(nonceArbitrary, envArbitrary, (nonce, env) => {
        const policy = parse(pagePolicy(nonce, env));
        const scripts = policy.get("script-src") ?? [];
        expect(scripts).toContain(`'nonce-${nonce}'`);
        expect(scripts).toContain("'strict-dynamic'");
        expect(scripts).not.toContain("'unsafe-inline'");
        expect(scripts.includes("'unsafe-eval'")).toBe(env.NODE_ENV === "development");
        // Style elements by nonce too; 'unsafe-inline' only for style attributes.
        expect(policy.get("style-src")).toEqual(["'self'", `'nonce-${nonce}'`]);
        expect(policy.get("style-src-elem")).toEqual(["'self'", `'nonce-${nonce}'`]);
        expect(policy.get("style-src-attr")).toEqual(["'unsafe-inline'"]);
        expect(policy.get("frame-ancestors")).toEqual(["'none'"]);
        expect(policy.get("object-src")).toEqual(["'none'"]);
        expect(policy.get("base-uri")).toEqual(["'none'"]);
        expect(policy.get("connect-src")).toEqual(["'self'"]);
      }),
    );
  });

  it("loads art from Spotify's image CDNs and previews from its clip CDN, nothing else outside", () => {
    const policy = parse(pagePolicy("bm9uY2U=", production));
    expect(policy.get("img-src")).toEqual(["'self'", "data:", "https://i.scdn.co", "https://mosaic.scdn.co", "https://*.spotifycdn.com"]);
    expect(policy.get("media-src")).toEqual(["'self'", "https://p.scdn.co"]);
    expect(policy.get("form-action")).toEqual(["'self'", "https://accounts.spotify.com"]);
    expect(policy.get("default-src")).toEqual(["'self'"]);
  });

  it("adds a stand-in Spotify's origin for its art, previews and sign-in page", () => {
    const policy = parse(pagePolicy("bm9uY2U=", endToEnd));
    expect(policy.get("img-src")).toContain("http://127.0.0.1:3401");
    expect(policy.get("media-src")).toContain("http://127.0.0.1:3401");
    expect(policy.get("form-action")).toEqual(["'self'", "http://127.0.0.1:3401"]);
  });

  it("upgrades insecure requests on an https APP_URL only", () => {
    expect(parse(pagePolicy("bm9uY2U=", production)).has("upgrade-insecure-requests")).toBe(true);
    expect(parse(pagePolicy("bm9uY2U=", endToEnd)).has("upgrade-insecure-requests")).toBe(false);
    expect(parse(pagePolicy("bm9uY2U=", development)).has("upgrade-insecure-requests")).toBe(false);
  });
});

describe("assetPolicy", () => {
  it("lets nothing run or load, and nobody frame", () => {
    const policy = parse(assetPolicy());
    expect(policy.get("default-src")).toEqual(["'none'"]);
    expect(policy.get("frame-ancestors")).toEqual(["'none'"]);
  });
});

describe("securityHeaders", () => {
  const byKey = (env: HeadersEnv) => new Map(securityHeaders(env).map(({ key, value }) => [key, value]));

  it("isolates the window, forbids sniffing and framing, and trims referrers and features", () => {
    for (const env of [production, development, endToEnd]) {
      const headers = byKey(env);
      expect(headers.get("Cross-Origin-Opener-Policy")).toBe("same-origin");
      expect(headers.get("X-Content-Type-Options")).toBe("nosniff");
      expect(headers.get("X-Frame-Options")).toBe("DENY");
      expect(headers.get("Referrer-Policy")).toBe("strict-origin-when-cross-origin");
      expect(headers.get("Permissions-Policy")).toMatch(/camera=\(\).*microphone=\(\).*geolocation=\(\)/);
    }
  });

  it("sends HSTS in production on an https APP_URL only", () => {
    expect(byKey(production).get("Strict-Transport-Security")).toBe("max-age=63072000; includeSubDomains");
    expect(byKey(endToEnd).has("Strict-Transport-Security")).toBe(false);
    expect(byKey({ ...production, NODE_ENV: "development" }).has("Strict-Transport-Security")).toBe(false);
    expect(byKey({ ...production, NODE_ENV: "test" }).has("Strict-Transport-Security")).toBe(false);
  });
});

describe("createNonce", () => {
  it("is 128 random bits in base64, different every time", () => {
    const nonces = Array.from({ length: 1_000 }, createNonce);
    expect(new Set(nonces).size).toBe(nonces.length);
    for (const nonce of nonces) expect(Buffer.from(nonce, "base64")).toHaveLength(16);
  });
});
