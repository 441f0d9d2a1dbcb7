/**
 * Who may call each route handler: one entry per `app/**\/route.ts` file and exported method.
 * app/api/authorization.int.test.ts globs the route files and fails when a method has no entry, or
 * an entry names a file or method that is gone; then it calls every entry as each persona
 * (anonymous, the owner, another demo visitor, a Spotify listener, an operator).
 *
 * Access classes:
 * - `public`: anyone; `status` is what an anonymous caller gets.
 * - `signed-in`: any listener, on their own data only (nothing in the request names another's);
 *   anonymous 401.
 * - `owner`: one listener's resource, named in the path or body; `resource` says which (the test
 *   creates it as the owner through the real handlers). Anonymous 401, anyone else 404, never a
 *   byte of the owner's data.
 * - `capability`: a secret token in the path is the permission (a Blend invite link, meant for
 *   another listener): anonymous 401, any listener holding the token 2xx, a wrong token 404.
 * - `cron`: `Authorization: Bearer $CRON_SECRET` only; a session is no secret.
 * - `qstash`: a valid `Upstash-Signature` only.
 * - `operator`: the operations surface (listeners whose stored Spotify email is in OPERATOR_EMAILS).
 *   Files under `app/api/ops/` need no entry of their own: `operatorRoutes` covers them.
 */

export const METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"] as const;
export type Method = (typeof METHODS)[number];

/** The owner-scoped resources; the test has a creator for each (a Record over this union). */
export type ResourceKind = "playlist" | "chat" | "import" | "blend";

/** What the request carries besides the path: `:id` in `path` and `"$id"` anywhere in `body` are the resource's id. */
export interface RequestShape {
  path: string;
  body?: unknown;
  /** Statuses the owner (or, on `signed-in`, every listener) may get; default any 2xx. */
  ok?: readonly number[];
}

export type RouteAccess =
  | ({ access: "public"; status: number } & RequestShape)
  | ({ access: "signed-in" } & RequestShape)
  | ({ access: "owner"; resource: ResourceKind } & RequestShape)
  | ({ access: "capability" } & RequestShape)
  | { access: "cron"; path: string }
  | { access: "qstash"; path: string }
  | ({ access: "operator" } & RequestShape);

type RouteTable = Record<string, Partial<Record<Method, RouteAccess>>>;

const track = { key: "spotify:track:authz0000000000000001", name: "Authz Matrix Song", artistName: "Authz Matrix Artist" };

export const routeTable: RouteTable = {
  "app/api/[...path]/route.ts": Object.fromEntries(
    (["GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"] as const).map((method) => [
      method,
      { access: "public", status: 404, path: "/api/no/such/endpoint" },
    ]),
  ),
  "app/api/auth/[...nextauth]/route.ts": {
    GET: { access: "public", status: 200, path: "/api/auth/session" },
    // Auth.js refuses a sign-out without its CSRF token: a redirect back to its error page.
    POST: { access: "public", status: 302, path: "/api/auth/signout" },
  },
  "app/demo-art/[kind]/[file]/route.ts": { GET: { access: "public", status: 404, path: "/demo-art/album/0000000000000000000000.svg" } },
  "app/api/health/route.ts": { GET: { access: "public", status: 200, path: "/api/health" } },

  "app/api/me/route.ts": {
    GET: { access: "signed-in", path: "/api/me" },
    // Without the typed confirmation: the gate is what is proved here (anonymous 401, a listener
    // past it); deleting for real is app/api/me/privacy.suite.ts's, and would end the personas.
    DELETE: { access: "signed-in", path: "/api/me", body: { confirm: "not yet" }, ok: [400] },
  },
  "app/api/me/export/route.ts": { GET: { access: "signed-in", path: "/api/me/export" } },
  "app/api/me/settings/route.ts": {
    GET: { access: "signed-in", path: "/api/me/settings" },
    PATCH: { access: "signed-in", path: "/api/me/settings", body: { listenThresholdMs: 30_000 } },
  },
  "app/api/me/spotify/route.ts": {
    GET: { access: "signed-in", path: "/api/me/spotify" },
    // Nothing to disconnect for a demo visitor or a listener whose tokens are gone: a 409 that says so.
    DELETE: { access: "signed-in", path: "/api/me/spotify", ok: [200, 204, 409] },
  },
  "app/api/insights/route.ts": { GET: { access: "signed-in", path: "/api/insights?range=all" } },
  "app/api/recommendations/route.ts": { GET: { access: "signed-in", path: "/api/recommendations" } },
  "app/api/feedback/route.ts": {
    GET: { access: "signed-in", path: "/api/feedback" },
    POST: {
      access: "signed-in",
      path: "/api/feedback",
      body: { target: "track", itemId: track.key, kind: "like", name: track.name, artist: track.artistName },
    },
  },
  // Playback needs Spotify: a demo visitor is told so (409), a listener whose tokens are gone to reconnect (403).
  "app/api/player/route.ts": { GET: { access: "signed-in", path: "/api/player", ok: [200, 403, 409] } },
  "app/api/player/[command]/route.ts": {
    POST: { access: "signed-in", path: "/api/player/pause", body: {}, ok: [200, 204, 403, 409] },
  },
  "app/api/chats/route.ts": { GET: { access: "signed-in", path: "/api/chats" } },
  "app/api/imports/route.ts": {
    GET: { access: "signed-in", path: "/api/imports" },
    POST: {
      access: "signed-in",
      path: "/api/imports",
      body: { files: [{ name: "StreamingHistory_music_0.json", kind: "streaming-history", rows: 1 }] },
    },
  },
  "app/api/playlists/route.ts": {
    GET: { access: "signed-in", path: "/api/playlists" },
    POST: { access: "signed-in", path: "/api/playlists", body: { name: "A list of my own", tracks: [track] } },
  },
  "app/api/playlists/draft/route.ts": {
    GET: { access: "signed-in", path: "/api/playlists/draft" },
    POST: { access: "signed-in", path: "/api/playlists/draft", body: { tracks: [track] } },
  },
  // The demo catalogue for a demo visitor, Spotify's for a listener (whose tokens gone: 403, reconnect).
  "app/api/playlists/search/route.ts": { GET: { access: "signed-in", path: "/api/playlists/search?q=matrix", ok: [200, 403] } },
  "app/api/blends/route.ts": {
    GET: { access: "signed-in", path: "/api/blends" },
    POST: { access: "signed-in", path: "/api/blends" },
  },
  // Demo friends are for demo visitors: a Spotify listener is told 404, as for an unknown friend.
  "app/api/blends/friends/route.ts": {
    POST: { access: "signed-in", path: "/api/blends/friends", body: { friend: "$friend" }, ok: [201, 404] },
  },
  "app/api/blends/invites/[token]/route.ts": {
    GET: { access: "capability", path: "/api/blends/invites/:token" },
    POST: { access: "capability", path: "/api/blends/invites/:token", body: { answer: "decline" } },
  },

  "app/api/playlists/[id]/route.ts": {
    GET: { access: "owner", resource: "playlist", path: "/api/playlists/:id" },
    PATCH: {
      access: "owner",
      resource: "playlist",
      path: "/api/playlists/:id",
      body: { baseVersion: 1, edit: { op: "rename", name: "Renamed by whoever called" } },
    },
    DELETE: { access: "owner", resource: "playlist", path: "/api/playlists/:id" },
  },
  "app/api/playlists/[id]/versions/route.ts": {
    GET: { access: "owner", resource: "playlist", path: "/api/playlists/:id/versions" },
    // Version 1 has nothing to undo: the owner is told so (409), everyone else that it does not exist.
    POST: {
      access: "owner",
      resource: "playlist",
      path: "/api/playlists/:id/versions",
      body: { action: "undo", baseVersion: 1 },
      ok: [200, 409],
    },
  },
  "app/api/playlists/[id]/tune/route.ts": {
    POST: { access: "owner", resource: "playlist", path: "/api/playlists/:id/tune", body: { prompt: "calmer", baseVersion: 1 } },
  },
  // Saving needs Spotify: the owner, a demo visitor, gets an answer saying so (200 with an error, or 409).
  "app/api/playlists/[id]/spotify/route.ts": {
    POST: { access: "owner", resource: "playlist", path: "/api/playlists/:id/spotify", ok: [200, 409] },
  },
  "app/api/chats/[id]/route.ts": {
    GET: { access: "owner", resource: "chat", path: "/api/chats/:id" },
    PATCH: { access: "owner", resource: "chat", path: "/api/chats/:id", body: { title: "Renamed by whoever called" } },
    DELETE: { access: "owner", resource: "chat", path: "/api/chats/:id" },
  },
  // A chat's id travels in the body: another listener's id must neither read nor extend that chat.
  "app/api/chat/route.ts": {
    POST: {
      access: "owner",
      resource: "chat",
      path: "/api/chat",
      body: { id: "$id", message: { id: "authz-message-2", role: "user", parts: [{ type: "text", text: "What did I play most?" }] } },
    },
  },
  "app/api/imports/[id]/route.ts": { GET: { access: "owner", resource: "import", path: "/api/imports/:id" } },
  "app/api/imports/[id]/chunks/route.ts": {
    POST: { access: "owner", resource: "import", path: "/api/imports/:id/chunks", body: { chunkId: "authz-0", rows: [] } },
  },
  "app/api/imports/[id]/complete/route.ts": {
    POST: { access: "owner", resource: "import", path: "/api/imports/:id/complete", body: { status: "cancelled" } },
  },
  "app/api/blends/[id]/route.ts": {
    GET: { access: "owner", resource: "blend", path: "/api/blends/:id" },
    DELETE: { access: "owner", resource: "blend", path: "/api/blends/:id" },
  },
  "app/api/blends/[id]/refresh/route.ts": { POST: { access: "owner", resource: "blend", path: "/api/blends/:id/refresh" } },

  "app/api/cron/cleanup/route.ts": { GET: { access: "cron", path: "/api/cron/cleanup" } },
  "app/api/cron/drift/route.ts": { GET: { access: "cron", path: "/api/cron/drift" } },
  "app/api/cron/jobs/route.ts": { GET: { access: "cron", path: "/api/cron/jobs" } },
  "app/api/cron/sync/route.ts": { GET: { access: "cron", path: "/api/cron/sync" } },
  "app/api/cron/train/route.ts": { GET: { access: "cron", path: "/api/cron/train" } },
  "app/api/jobs/deliver/route.ts": { POST: { access: "qstash", path: "/api/jobs/deliver" } },
};

/**
 * The operations API (OPERATOR_EMAILS): every file under app/api/ops/ is operator-only, each method
 * without an entry of its own in `routeTable`. Anonymous 401; every other listener is refused as if
 * the route did not exist (404) or with 403; an operator's GET answers 2xx.
 */
export const operatorRoutes = { files: /^app\/api\/ops\//, refused: [403, 404] } as const;
