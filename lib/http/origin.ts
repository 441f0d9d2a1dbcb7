import { env } from "@/lib/env";
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
