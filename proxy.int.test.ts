/** The proxy's redirect to sign-in is on APP_URL, whatever Host and X-Forwarded-Host claim. */
import { NextRequest } from "next/server";
import { afterEach, describe, expect, it, vi } from "vitest";

async function loadProxy(appUrl: string | undefined) {
  vi.resetModules();
  vi.stubEnv("APP_URL", appUrl);
  return (await import("./proxy")).proxy;
}

afterEach(() => vi.unstubAllEnvs());

/** A visitor without a session cookie, as Next hands the request over: loopback reported as localhost. */
const visit = (path: string, headers: Record<string, string> = {}) => new NextRequest(`http://localhost:3000${path}`, { headers });

describe.each([
  ["the default APP_URL", undefined, "http://127.0.0.1:3000"],
  ["a public APP_URL", "https://echotune.example", "https://echotune.example"],
])("proxy with %s", (_, appUrl, origin) => {
  it("sends a visitor without a session to sign-in on APP_URL, ignoring forged Host and X-Forwarded-Host", async () => {
    const proxy = await loadProxy(appUrl);
    const claims: Array<Record<string, string>> = [
      { host: "evil.example" },
      { host: "evil.example", "x-forwarded-host": "evil.example:8443", "x-forwarded-proto": "https" },
      { host: "127.0.0.1:3000", "x-forwarded-host": "evil.example" },
      {},
    ];
    for (const headers of claims) {
      const response = proxy(visit("/dashboard/tracks?range=week", headers));
      expect(response?.status).toBe(307);
      const location = new URL(response?.headers.get("location") ?? "");
      expect(location.origin).toBe(origin);
      expect(location.pathname).toBe("/sign-in");
      expect(location.searchParams.get("callbackUrl")).toBe("/dashboard/tracks?range=week");
    }
  });

  it("lets a visitor with a session cookie through", async () => {
    const proxy = await loadProxy(appUrl);
    expect(proxy(visit("/dashboard", { cookie: "authjs.session-token=x" }))).toBeUndefined();
  });
});
