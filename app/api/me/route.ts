import { route } from "@/lib/http";
import { deleteListener } from "@/lib/listener";
import { deleteAccountBody } from "./schema";

export const dynamic = "force-dynamic";

/** Auth.js's session cookie, on http and on https, and the chunks it splits a large one into. */
const SESSION_COOKIE = /^(__Secure-)?authjs\.session-token(\.\d+)?$/;

/** The listener behind this request. */
export const GET = route({ auth: "listener", rateLimit: { name: "me", limit: 120, windowSeconds: 60 } }, async ({ listener }) => {
  return Response.json(listener, { headers: { "cache-control": "private, no-store" } });
});

/**
 * "Delete my account": every document, cache key, job and stored token of the listener, then the
 * session cookie (`deleteListener` in lib/listener). The body must carry the typed confirmation.
 * 204 once done; a failure midway keeps the account, so the same request can be sent again. After
 * it, the old session cookie names nobody: every route answers it 401, every page signs it out.
 */
export const DELETE = route(
  { auth: "listener", body: deleteAccountBody, bodyLimit: 1024, rateLimit: { name: "account-delete", limit: 5, windowSeconds: 60 } },
  async ({ listener, request, log }) => {
    await deleteListener(listener.id);
    log.info({ demo: listener.isDemo }, "account deleted at the listener's request");
    const headers = new Headers({ "cache-control": "no-store" });
    const names = new Set(["authjs.session-token", "__Secure-authjs.session-token"]);
    for (const pair of (request.headers.get("cookie") ?? "").split(";")) {
      const name = pair.split("=")[0]?.trim() ?? "";
      if (SESSION_COOKIE.test(name)) names.add(name);
    }
    for (const name of names)
      headers.append("set-cookie", `${name}=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax${name.startsWith("__Secure-") ? "; Secure" : ""}`);
    return new Response(null, { status: 204, headers });
  },
);
