import { describe, expect, it } from "vitest";
import { configuredAppUrl, parseEnv } from "@/lib/env";
import { publicOrigin } from "./origin";

const headers = (values: Record<string, string>) => new Headers(values);
const FORWARDED = { host: "127.0.0.1:3000", "x-forwarded-host": "echotune.example", "x-forwarded-proto": "https" };

describe("publicOrigin: where a link the listener shares points", () => {
  it("is APP_URL when it is set, whatever the request says", () => {
    expect(publicOrigin(headers({ host: "127.0.0.1:4123" }), { appUrl: "https://echotune.example/app" })).toBe("https://echotune.example");
    expect(publicOrigin(headers(FORWARDED), { appUrl: "http://127.0.0.1:3005", trusted: true })).toBe("http://127.0.0.1:3005");
  });

  it("is the host the request came to when APP_URL is not set: a server on another port links to itself", () => {
    expect(publicOrigin(headers({ host: "127.0.0.1:4123" }), { appUrl: undefined, trusted: false })).toBe("http://127.0.0.1:4123");
    expect(publicOrigin(headers({ host: "192.168.1.20:3000" }), { appUrl: undefined, trusted: false })).toBe("http://192.168.1.20:3000");
    expect(publicOrigin(headers({ host: "[::1]:3001" }), { appUrl: undefined, trusted: false })).toBe("http://[::1]:3001");
  });

  it("believes X-Forwarded-Host and -Proto only behind a trusted proxy", () => {
    expect(publicOrigin(headers(FORWARDED), { appUrl: undefined, trusted: true })).toBe("https://echotune.example");
    expect(publicOrigin(headers(FORWARDED), { appUrl: undefined, trusted: false })).toBe("http://127.0.0.1:3000");
    expect(publicOrigin(headers({ ...FORWARDED, "x-forwarded-host": "a.example, b.example" }), { appUrl: undefined, trusted: true })).toBe(
      "https://a.example",
    );
  });

  it("falls back to APP_URL's default for a missing or odd Host", () => {
    expect(publicOrigin(headers({}), { appUrl: undefined, trusted: false })).toBe("http://127.0.0.1:3000");
    expect(publicOrigin(headers({ host: "evil.example/path?x" }), { appUrl: undefined, trusted: false })).toBe("http://127.0.0.1:3000");
  });

  it("tells a set APP_URL from its default", () => {
    expect(configuredAppUrl({}, parseEnv({}))).toBeUndefined();
    expect(configuredAppUrl({ APP_URL: " " }, parseEnv({ APP_URL: " " }))).toBeUndefined();
    expect(configuredAppUrl({ APP_URL: "http://127.0.0.1:3005" }, parseEnv({ APP_URL: "http://127.0.0.1:3005" }))).toBe(
      "http://127.0.0.1:3005",
    );
  });
});
