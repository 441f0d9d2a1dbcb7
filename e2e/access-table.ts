/**
 * Who may open each page and call each server action: one entry per `app/**\/page.tsx` and per
 * export of a `"use server"` file. app/api/authorization.int.test.ts fails when a page or action has
 * no entry, or an entry names one that is gone; e2e/authorization.spec.ts requests every page over
 * HTTP as each persona and calls the actions. Route handlers are in app/api/route-table.ts.
 *
 * Page classes:
 * - `public`: anyone, `status` for everyone.
 * - `signed-in`: anonymous is redirected to /sign-in?callbackUrl=<the page> before anything renders;
 *   a listener gets `status` (default 200) for their own data (nothing in the URL names another's).
 * - `owner`: a resource of one listener in the URL: anonymous to sign-in, any other listener a real
 *   HTTP 404 (not a 200 carrying the not-found view), the owner 200.
 * - `capability`: a secret token in the URL is the permission: any listener holding it 200.
 * - `share`: a public link that works only while its owner shares: 200 for anyone, 404 once off.
 * - `operator`: pages under /ops (OPERATOR_EMAILS); they need no entry of their own: anonymous to
 *   sign-in, every other listener 404.
 */

export type PageResource = "playlist" | "chat" | "blend";

export type PageAccess =
  | { access: "public"; path: string; status: number }
  | { access: "signed-in"; path: string; status?: number }
  | { access: "owner"; resource: PageResource; path: string }
  | { access: "capability"; path: string }
  | { access: "share"; path: string };

export const pageTable: Record<string, PageAccess> = {
  "app/(marketing)/page.tsx": { access: "public", path: "/", status: 200 },
  "app/(marketing)/sign-in/page.tsx": { access: "public", path: "/sign-in", status: 200 },
  "app/(marketing)/problems/[code]/page.tsx": { access: "public", path: "/problems/not_found", status: 200 },
  "app/(marketing)/share/[token]/page.tsx": { access: "share", path: "/share/:token" },

  "app/(app)/(lists)/dashboard/page.tsx": { access: "signed-in", path: "/dashboard" },
  // The caller's own plays of an item: one nobody has played is a 404, whoever asks.
  "app/(app)/dashboard/[kind]/[key]/page.tsx": { access: "signed-in", path: "/dashboard/artist/No%20such%20artist%20authz", status: 404 },
  "app/(app)/(lists)/discover/page.tsx": { access: "signed-in", path: "/discover" },
  "app/(app)/(lists)/assistant/page.tsx": { access: "signed-in", path: "/assistant" },
  "app/(app)/(lists)/playlists/page.tsx": { access: "signed-in", path: "/playlists" },
  "app/(app)/(lists)/blend/page.tsx": { access: "signed-in", path: "/blend" },
  "app/(app)/(lists)/import/page.tsx": { access: "signed-in", path: "/import" },
  "app/(app)/(lists)/settings/page.tsx": { access: "signed-in", path: "/settings" },
  // Straight to the latest year of the caller's own history, as an HTTP redirect (the demo has one).
  "app/(app)/recap/page.tsx": { access: "signed-in", path: "/recap", status: 307 },
  // The caller's own year: a year without plays is a 404, whoever asks.
  "app/(app)/recap/[year]/page.tsx": { access: "signed-in", path: "/recap/1991", status: 404 },

  "app/(app)/playlists/[id]/page.tsx": { access: "owner", resource: "playlist", path: "/playlists/:id" },
  "app/(app)/assistant/[id]/page.tsx": { access: "owner", resource: "chat", path: "/assistant/:id" },
  "app/(app)/blend/[id]/page.tsx": { access: "owner", resource: "blend", path: "/blend/:id" },
  "app/(app)/blend/join/[token]/page.tsx": { access: "capability", path: "/blend/join/:token" },
};

/** Pages under /ops: the operations surface, operator-only whatever their file is. */
export const operatorPages = /^\/ops(\/|$)/;

/**
 * Server actions, `<file>#<export>`. `public`: anyone may call it (sign-in, sign-out: they act on
 * the caller's own session). `signed-in`: refuses a caller without a session, and acts on the
 * caller's own data only (its form names no listener and no other listener's resource).
 */
export const actionTable: Record<string, { access: "public" | "signed-in" }> = {
  "lib/auth/actions.ts#signInWithDemo": { access: "public" },
  "lib/auth/actions.ts#signInWithSpotify": { access: "public" },
  "lib/auth/actions.ts#signOutAction": { access: "public" },
  "app/(app)/recap/actions.ts#setRecapSharing": { access: "signed-in" },
};
