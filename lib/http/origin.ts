import { configuredAppUrl, env, trustProxy } from "@/lib/env";
import { AppError } from "@/lib/errors";

const UNSAFE = new Set(["POST", "PUT", "PATCH", "DELETE"]);
const LOOPBACK = new Set(["127.0.0.1", "localhost", "[::1]"]);

/** The same origin, counting 127.0.0.1 and localhost as one (Next may report either for the other). */
function sameOrigin(a: URL, b: URL): boolean {
  if (a.protocol !== b.protocol || a.port !== b.port) return false;
  return a.hostname === b.hostname || (LOOPBACK.has(a.hostname) && LOOPBACK.has(b.hostname));
}

/**
 * A second line behind SameSite cookies against cross-site request forgery: an unsafe request
 * from a browser must come from our own pages. Browsers send `Origin` (and `Sec-Fetch-Site`) on
 * every unsafe request; one that carries another site's is refused with 403. A request with
 * neither is not from a browser (a script, a server, a test), so it cannot be a forgery riding on
 * a listener's cookies: it is let through, as Go's CrossOriginProtection does.
 */
export function checkSameOrigin(request: Request): void {
  if (!UNSAFE.has(request.method.toUpperCase())) return;
  const origin = request.headers.get("origin");
  const fetchSite = request.headers.get("sec-fetch-site");
  if (origin !== null && origin !== "null") {
    let from: URL;
    try {
      from = new URL(origin);
    } catch {
      throw refused(`an unreadable Origin ("${origin.slice(0, 100)}")`);
    }
    if (sameOrigin(from, new URL(request.url)) || sameOrigin(from, new URL(env.APP_URL))) return;
    throw refused(`another site (${from.origin})`);
  }
  if (origin === "null") throw refused("an opaque origin");
  if (fetchSite !== null && fetchSite !== "same-origin" && fetchSite !== "none") throw refused(`a ${fetchSite} page`);
}

function refused(from: string): AppError {
  return new AppError("forbidden", {
    detail: `This request came from ${from}, not from EchoTune's own pages, so it was refused. Use the app at ${new URL(env.APP_URL).origin}.`,
  });
}

/** A Host header's value: a name or an IPv4 or bracketed IPv6 address, and maybe a port. Anything else is not believed. */
const HOST = /^(?:[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*|\[[0-9A-Fa-f:.]+\])(?::\d{1,5})?$/;

export interface PublicOriginOptions {
  /** APP_URL as configured (default: the environment's; undefined when it only has its default). */
  appUrl?: string;
  /** Whether a proxy we trust sets X-Forwarded-Host and X-Forwarded-Proto (default: VERCEL or TRUST_PROXY). */
  trusted?: boolean;
}

/**
 * The origin a listener reaches the app at, for links they copy and send to others (share links):
 * APP_URL when it is set (the public address, whatever the request went through); otherwise the
 * host their request came to, so a server started on another port or address links to itself.
 * X-Forwarded-Host and X-Forwarded-Proto count only behind a proxy we trust (Vercel, TRUST_PROXY),
 * as for rate limits: otherwise they are the client's own claim. Never used for redirects.
 */
export function publicOrigin(headers: Pick<Headers, "get">, options: PublicOriginOptions = {}): string {
  const appUrl = "appUrl" in options ? options.appUrl : configuredAppUrl();
  if (appUrl) return new URL(appUrl).origin;
  const trusted = options.trusted ?? trustProxy(env);
  const first = (name: string) => headers.get(name)?.split(",")[0]?.trim() || undefined;
  const host = (trusted ? first("x-forwarded-host") : undefined) ?? headers.get("host")?.trim();
  if (!host || !HOST.test(host)) return new URL(env.APP_URL).origin;
  const protocol = trusted && first("x-forwarded-proto") === "https" ? "https" : "http";
  return new URL(`${protocol}://${host}`).origin;
}
