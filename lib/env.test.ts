import { describe, expect, it } from "vitest";
import { backendModes, EnvError, parseEnv, trustProxy } from "./env";

describe("parseEnv", () => {
  it("gives the complete demo with no variables at all", () => {
    const env = parseEnv({});
    expect(env.APP_URL).toBe("http://127.0.0.1:3000");
    expect(env.DATA_DIR).toBe(".data");
    expect(env.MONGODB_URI).toBeUndefined();
    expect(backendModes(env)).toEqual({
      store: "embedded",
      cache: "embedded",
      signIn: "demo",
      spotify: "demo",
      assistant: "embedded",
    });
  });

  it("treats empty strings as unset, as a copied .env.example leaves them", () => {
    const env = parseEnv({ MONGODB_URI: "", UPSTASH_REDIS_REST_URL: "", UPSTASH_REDIS_REST_TOKEN: "", VERCEL_ENV: "", APP_URL: "" });
    expect(backendModes(env).store).toBe("embedded");
    expect(backendModes(env).cache).toBe("embedded");
    expect(env.APP_URL).toBe("http://127.0.0.1:3000");
  });

  it("switches each service on by its variables", () => {
    const env = parseEnv({
      MONGODB_URI: "mongodb://127.0.0.1:27017",
      UPSTASH_REDIS_REST_URL: "http://127.0.0.1:8079",
      UPSTASH_REDIS_REST_TOKEN: "token",
      AUTH_SPOTIFY_ID: "id",
      AUTH_SPOTIFY_SECRET: "secret",
      GOOGLE_GENERATIVE_AI_API_KEY: "key",
    });
    expect(backendModes(env)).toEqual({
      store: "configured",
      cache: "configured",
      signIn: "configured",
      spotify: "configured",
      assistant: "configured",
    });
  });

  it("names every malformed variable and says what is wrong", () => {
    let error: unknown;
    try {
      parseEnv({ APP_URL: "not a url", MONGODB_URI: "postgres://db", LOG_LEVEL: "loud", AUTH_SECRET: "short" });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(EnvError);
    const message = (error as EnvError).message;
    expect(message).toContain("APP_URL must be an http(s) URL");
    expect(message).toContain("MONGODB_URI must start with mongodb:// or mongodb+srv://");
    expect(message).toMatch(/LOG_LEVEL/);
    expect(message).toMatch(/AUTH_SECRET must be at least 32 characters/);
    expect((error as EnvError).problems).toHaveLength(4);
  });

  it("asks for the other half of a credential pair", () => {
    expect(() => parseEnv({ UPSTASH_REDIS_REST_URL: "https://eu1.upstash.io" })).toThrow(
      /UPSTASH_REDIS_REST_TOKEN is required when UPSTASH_REDIS_REST_URL is set/,
    );
    expect(() => parseEnv({ AUTH_SPOTIFY_SECRET: "secret" })).toThrow(/AUTH_SPOTIFY_ID is required when AUTH_SPOTIFY_SECRET is set/);
  });

  it("reads boolean flags strictly", () => {
    expect(parseEnv({ DEMO: "true" }).DEMO).toBe(true);
    expect(parseEnv({ DEMO: "0" }).DEMO).toBe(false);
    expect(() => parseEnv({ DEMO: "yes" })).toThrow(/DEMO/);
  });

  it("trusts forwarded client addresses only on Vercel or when TRUST_PROXY says a proxy sets them", () => {
    expect(trustProxy(parseEnv({}))).toBe(false);
    expect(trustProxy(parseEnv({ VERCEL: "1" }))).toBe(true);
    expect(trustProxy(parseEnv({ TRUST_PROXY: "true" }))).toBe(true);
    expect(trustProxy(parseEnv({ TRUST_PROXY: "false", VERCEL: "" }))).toBe(false);
    expect(() => parseEnv({ TRUST_PROXY: "yes" })).toThrow(/TRUST_PROXY/);
  });
});

describe("a Vercel preview's APP_URL", () => {
  it("is the deployment's own https URL unless APP_URL is set", () => {
    const preview = { VERCEL: "1", VERCEL_ENV: "preview", VERCEL_URL: "echotune-abc123.vercel.app", AUTH_SECRET: "x".repeat(32) };
    expect(parseEnv(preview).APP_URL).toBe("https://echotune-abc123.vercel.app");
    expect(parseEnv({ ...preview, APP_URL: "https://echotune.example" }).APP_URL).toBe("https://echotune.example");
  });

  it("is left alone in production and off Vercel", () => {
    expect(parseEnv({ VERCEL_ENV: "production", VERCEL_URL: "echotune-abc123.vercel.app", AUTH_SECRET: "x".repeat(32) }).APP_URL).toBe(
      "http://127.0.0.1:3000",
    );
    expect(parseEnv({ VERCEL_URL: "echotune-abc123.vercel.app" }).APP_URL).toBe("http://127.0.0.1:3000");
  });
});
