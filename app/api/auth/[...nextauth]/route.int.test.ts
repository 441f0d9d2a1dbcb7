/**
 * Every absolute URL the auth route hands out (Spotify's redirect_uri, redirects after sign-in,
 * sign-out or a declined consent) is on APP_URL, whatever Host and X-Forwarded-Host claim.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { NextRequest } from "next/server";
import { afterAll, afterEach, describe, expect, it, vi } from "vitest";

const FORGED = { host: "evil.example", "x-forwarded-host": "evil.example:8443", "x-forwarded-proto": "https" };
const ACCOUNTS = "http://127.0.0.1:9/accounts";
const dataDir = mkdtempSync(join(tmpdir(), "echotune-auth-route-"));

/** The auth route of a server started with this APP_URL (Spotify and the demo both on). */
async function loadRoute(appUrl: string | undefined) {
  vi.resetModules();
  const vars: Record<string, string | undefined> = {
    APP_URL: appUrl,
    DATA_DIR: dataDir,
    AUTH_SECRET: "auth-route-test-secret-0123456789abcdefghij",
    AUTH_SPOTIFY_ID: "fake-client-id",
    AUTH_SPOTIFY_SECRET: "fake-client-secret",
    SPOTIFY_ACCOUNTS_URL: ACCOUNTS,
    DEMO: "1",
    AUTH_URL: undefined,
    NEXTAUTH_URL: undefined,
  };
  for (const [name, value] of Object.entries(vars)) vi.stubEnv(name, value);
  return import("./route");
}

afterEach(() => vi.unstubAllEnvs());
afterAll(async () => {
  await (await import("@/lib/db")).closeStore();
  rmSync(dataDir, { recursive: true, force: true });
});

/** A request as Next hands it to the route: loopback reported as localhost, forged forwarding headers. */
function forged(path: string, init: { method?: string; cookie?: string; form?: Record<string, string> } = {}) {
  const headers: Record<string, string> = { ...FORGED };
  if (init.cookie) headers.cookie = init.cookie;
  if (init.form) headers["content-type"] = "application/x-www-form-urlencoded";
  return new NextRequest(`http://localhost:3000/api/auth/${path}`, {
    method: init.method ?? "GET",
    headers,
    body: init.form ? new URLSearchParams(init.form).toString() : undefined,
  });
}

const cookiesOf = (response: Response) =>
  response.headers
    .getSetCookie()
    .map((cookie) => cookie.split(";")[0])
    .join("; ");

async function csrf(route: Awaited<ReturnType<typeof loadRoute>>) {
  const response = await route.GET(forged("csrf"));
  expect(response.status).toBe(200);
  const { csrfToken } = (await response.json()) as { csrfToken: string };
  return { csrfToken, cookie: cookiesOf(response) };
}

describe.each([
  ["the default APP_URL", undefined, "http://127.0.0.1:3000"],
  ["a public APP_URL", "https://echotune.example", "https://echotune.example"],
])("the auth route with %s, under a forged Host and X-Forwarded-Host", (_, appUrl, origin) => {
  it("sends the listener to Spotify with a redirect_uri on APP_URL", async () => {
    const route = await loadRoute(appUrl);
    const { csrfToken, cookie } = await csrf(route);
    const response = await route.POST(forged("signin/spotify", { method: "POST", cookie, form: { csrfToken, callbackUrl: "/dashboard" } }));
    expect(response.status).toBe(302);
    const location = new URL(response.headers.get("location") ?? "");
    expect(`${location.origin}${location.pathname}`).toBe(`${new URL(ACCOUNTS).origin}/accounts/authorize`);
    expect(location.searchParams.get("redirect_uri")).toBe(`${origin}/api/auth/callback/spotify`);
    expect(response.headers.get("location")).not.toContain("evil");
  });

  it("brings a listener who declined on Spotify back to the sign-in page on APP_URL", async () => {
    const route = await loadRoute(appUrl);
    const response = await route.GET(forged("callback/spotify?error=access_denied&state=x"));
    expect(response.status).toBe(302);
    expect(response.headers.get("location")).toBe(`${origin}/sign-in?error=AccessDenied`);
  });

  it("redirects after a demo sign-in and after sign-out to APP_URL", async () => {
    const route = await loadRoute(appUrl);
    const { csrfToken, cookie } = await csrf(route);
    const signedIn = await route.POST(forged("callback/demo", { method: "POST", cookie, form: { csrfToken, callbackUrl: "/dashboard" } }));
    expect(signedIn.status).toBe(302);
    expect(signedIn.headers.get("location")).toBe(`${origin}/dashboard`);

    // Even a callbackUrl naming the forged host keeps only its path.
    const session = `${cookie}; ${cookiesOf(signedIn)}`;
    const signedOut = await route.POST(
      forged("signout", { method: "POST", cookie: session, form: { csrfToken, callbackUrl: "https://evil.example:8443/" } }),
    );
    expect(signedOut.status).toBe(302);
    expect(signedOut.headers.get("location")).toBe(`${origin}/`);
  });
});

describe("the auth route's posts", () => {
  it("are refused with 413 problem+json past 16 KB, before Auth.js reads them", async () => {
    const route = await loadRoute(undefined);
    const { csrfToken, cookie } = await csrf(route);
    const response = await route.POST(
      forged("signin/spotify", { method: "POST", cookie, form: { csrfToken, callbackUrl: `/dashboard?${"x".repeat(20 * 1024)}` } }),
    );
    expect(response.status).toBe(413);
    expect(response.headers.get("content-type")).toContain("application/problem+json");
    expect(await response.json()).toMatchObject({ code: "payload_too_large", limitBytes: 16 * 1024 });
  });
});

describe("a session after sign-out", () => {
  it("is no session, even from a copy of its cookie kept from before", async () => {
    const route = await loadRoute(undefined);
    const { sessionOf } = await import("@/lib/auth");
    const { csrfToken, cookie } = await csrf(route);
    const signedIn = await route.POST(forged("callback/demo", { method: "POST", cookie, form: { csrfToken, callbackUrl: "/dashboard" } }));
    const copy = `${cookie}; ${cookiesOf(signedIn)}`;
    const sessionWith = async (cookie: string) =>
      (await route.GET(forged("session", { cookie }))).json() as Promise<{ userId?: string } | null>;
    const request = (cookie: string) => new Request("http://127.0.0.1:3000/api/me", { headers: { cookie } });

    const before = await sessionWith(copy);
    expect(before?.userId).toMatch(/^demo/);
    expect((await sessionOf(request(copy)))?.id).toBe(before?.userId);

    // Another sign-in of the same browser stays signed in when this one signs out.
    const second = await csrf(route);
    const other = await route.POST(
      forged("callback/demo", { method: "POST", cookie: second.cookie, form: { csrfToken: second.csrfToken, callbackUrl: "/dashboard" } }),
    );
    const otherCopy = `${second.cookie}; ${cookiesOf(other)}`;

    const signedOut = await route.POST(forged("signout", { method: "POST", cookie: copy, form: { csrfToken, callbackUrl: "/" } }));
    expect(signedOut.status).toBe(302);
    expect(await sessionWith(copy)).toBeNull();
    expect(await sessionOf(request(copy))).toBeNull();
    expect((await sessionWith(otherCopy))?.userId).toMatch(/^demo/);
  });
});
