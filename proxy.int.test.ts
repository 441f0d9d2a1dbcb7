/**
 * The proxy's redirect to sign-in is on APP_URL, whatever Host and X-Forwarded-Host claim; every
 * page it lets through carries a Content-Security-Policy with a nonce of its own.
 */
import { unstable_doesMiddlewareMatch } from "next/experimental/testing/server";
import { NextRequest, type NextResponse } from "next/server";
import { afterEach, describe, expect, it, vi } from "vitest";

async function loadProxy(appUrl: string | undefined) {
  vi.resetModules();
  vi.stubEnv("APP_URL", appUrl);
  return (await import("./proxy")).proxy;
}

/** The nonce in the response's policy, which must be the one handed to the render (x-nonce and its own CSP). */
function nonceOf(response: NextResponse | undefined): string {
  const policy = response?.headers.get("content-security-policy") ?? "";
  const nonce = /'nonce-([^']+)'/.exec(policy)?.[1] ?? "";
  expect(nonce).not.toBe("");
  expect(response?.headers.get("x-middleware-request-x-nonce")).toBe(nonce);
  expect(response?.headers.get("x-middleware-request-content-security-policy")).toBe(policy);
  return nonce;
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

  it("lets a visitor with a session cookie through, with a fresh nonce on every page", async () => {
    const proxy = await loadProxy(appUrl);
    const first = proxy(visit("/dashboard", { cookie: "authjs.session-token=x" }));
    const second = proxy(visit("/dashboard", { cookie: "authjs.session-token=x" }));
    for (const response of [first, second]) {
      expect(response?.headers.get("location")).toBeNull();
      expect(response?.headers.get("x-middleware-next")).toBe("1");
    }
    expect(nonceOf(first)).not.toBe(nonceOf(second));
  });

  it("lets a visitor without a session onto public pages, with the policy", async () => {
    const proxy = await loadProxy(appUrl);
    for (const path of ["/", "/sign-in?callbackUrl=%2Fdashboard", "/share/abc", "/problems/not_found", "/dashboards"]) {
      const response = proxy(visit(path));
      expect(response?.headers.get("location"), path).toBeNull();
      nonceOf(response);
    }
  });
});

describe("proxy matcher", () => {
  const matches = async (url: string, headers: Record<string, string> = {}) => {
    const { config } = await import("./proxy");
    return unstable_doesMiddlewareMatch({ config, url, headers });
  };

  it("runs for every page, signed-in sections included", async () => {
    for (const url of ["/", "/sign-in", "/share/abc", "/problems/not_found", "/dashboard", "/dashboard/artist/x", "/settings"]) {
      expect(await matches(url), url).toBe(true);
    }
  });

  it("skips APIs, assets, the art we draw and files, which get next.config.ts's headers", async () => {
    for (const url of [
      "/api/health",
      "/_next/static/chunks/a.js",
      "/_next/image?url=%2Fa.png",
      "/demo-art/album/a.svg",
      "/icon.svg",
      "/robots.txt",
      "/.well-known/security.txt",
    ]) {
      expect(await matches(url), url).toBe(false);
    }
  });

  it("skips link prefetches of public pages but still guards the signed-in sections", async () => {
    expect(await matches("/", { "next-router-prefetch": "1" })).toBe(false);
    expect(await matches("/dashboard", { "next-router-prefetch": "1" })).toBe(true);
  });
});
