/**
 * The data the dynamic pages of `npm run lhci` need, made as a listener would make it: through the
 * app's own HTTP endpoints, as the signed-in demo listener, on the server being audited (a local
 * `next start` or a preview deployment alike). lighthouserc.json lists those pages with `{name}`
 * placeholders (`/playlists/{playlist}`); `pageValues` makes the data and returns each name's
 * value, and `fillPlaceholders` puts them into a URL.
 */
import { randomUUID } from "node:crypto";
import { demoSessionCookie } from "./demo-server.ts";

/** Where the app is and who asks: the origin, the headers every request carries, the session cookie. */
export interface Visitor {
  origin: string;
  headers: Record<string, string>;
  cookie: string;
}

/** What each `{name}` in lighthouserc.json's URLs stands for. */
export type PageValues = Record<string, string>;

/**
 * The routes (app/**\/page.tsx) not in lighthouserc.json, and why. /recap renders nothing of its own
 * for a listener with plays: it redirects to the newest year, and Chrome does not send a Cookie
 * header set through Lighthouse's extraHeaders on the redirected request, so Lighthouse would audit
 * /sign-in under its name. The page it redirects to is audited as /recap/{year}.
 */
export const UNAUDITED_ROUTES: Record<string, string> = {
  "/recap": "a redirect to /recap/{year} for the demo listener (audited there); Lighthouse drops the session on redirects",
};

const PLACEHOLDER = /\{([a-z][A-Za-z]*)\}/g;

/** The URL with each `{name}` replaced by its value (URL-encoded); a name without a value is a mistake in the config: it throws. */
export function fillPlaceholders(url: string, values: PageValues): string {
  return url.replace(PLACEHOLDER, (_, name: string) => {
    const value = values[name];
    if (value === undefined) throw new Error(`lighthouserc.json: nothing fills {${name}} in ${url}`);
    return encodeURIComponent(value);
  });
}

/** A request as the visitor; an error answer stops the run, saying which request and why. */
async function call(visitor: Visitor, path: string, init: RequestInit = {}): Promise<Response> {
  const response = await fetch(`${visitor.origin}${path}`, {
    ...init,
    headers: { ...visitor.headers, cookie: visitor.cookie, ...init.headers },
  });
  if (response.status >= 400) throw new Error(`${init.method ?? "GET"} ${path} answered HTTP ${response.status}: ${await response.text()}`);
  return response;
}

async function json<T>(visitor: Visitor, path: string, body?: unknown): Promise<T> {
  const init = body === undefined ? {} : { method: "POST", body: JSON.stringify(body), headers: { "content-type": "application/json" } };
  return (await (await call(visitor, path, init)).json()) as T;
}

interface TopItem {
  key: string;
  name: string;
  artist?: string | null;
}

/** The listener's most played artist of all time: the item page most listeners open first. */
async function topArtist(visitor: Visitor): Promise<string> {
  const insights = await json<{ top: { artists: TopItem[] } }>(visitor, "/api/insights?range=all");
  const artist = insights.top.artists[0];
  if (!artist) throw new Error("the demo listener has no top artist");
  return artist.key;
}

/** A playlist made from the listener's top tracks, as Discover's "save as playlist" makes one. */
async function playlist(visitor: Visitor): Promise<string> {
  const insights = await json<{ top: { tracks: TopItem[] } }>(visitor, "/api/insights?range=all");
  const tracks = insights.top.tracks.map((track) => ({ key: track.key, name: track.name, artistName: track.artist ?? "Unknown artist" }));
  const created = await json<{ playlist: { id: string } }>(visitor, "/api/playlists", { name: "Lighthouse favourites", tracks });
  return created.playlist.id;
}

/** A Blend with the first demo friend (a demo visitor's Blend needs no invite). */
async function blend(visitor: Visitor): Promise<string> {
  const list = await json<{ friends?: Array<{ slug: string }> }>(visitor, "/api/blends");
  const friend = list.friends?.[0]?.slug;
  if (!friend) throw new Error("the demo listener has no demo friend to blend with");
  return (await json<{ id: string }>(visitor, "/api/blends/friends", { friend })).id;
}

/**
 * An invite from another demo visitor, so the page shows what a recipient sees (who invites them,
 * what a Blend shares, accept or decline), not the "this is your own invite" note.
 */
async function invite(visitor: Visitor): Promise<string> {
  const inviter = { ...visitor, cookie: await demoSessionCookie(visitor.origin, visitor.headers) };
  const { path } = await json<{ path: string }>(inviter, "/api/blends", {});
  return path.split("/").at(-1)!;
}

/** A chat with one question and the assistant's answer (the embedded model when no Gemini key is set). */
async function chat(visitor: Visitor): Promise<string> {
  const id = `lhci-${randomUUID()}`;
  const message = { id: `${id}-1`, role: "user", parts: [{ type: "text", text: "Who did I listen to most this year?" }] };
  const response = await call(visitor, "/api/chat", {
    method: "POST",
    body: JSON.stringify({ id, message }),
    headers: { "content-type": "application/json" },
  });
  await response.text(); // the answer streams; the chat is stored once it ends
  return id;
}

/**
 * The newest year with plays: where /recap sends the listener. Until the demo history is stored
 * (the first visit of the day starts that) /recap says it is being prepared: asked again, up to 60 s.
 */
async function newestRecapYear(visitor: Visitor): Promise<number> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const response = await call(visitor, "/recap", { redirect: "manual" });
    await response.body?.cancel();
    const year = Number(/\/recap\/(\d{4})$/.exec(response.headers.get("location") ?? "")?.[1]);
    if (year) return year;
    if (Date.now() > deadline) throw new Error(`/recap did not redirect to a year within 60 s (HTTP ${response.status})`);
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
}

/**
 * Sharing turned on for `year` through the recap page's own form, posted as a browser without
 * JavaScript posts it (a server action has no JSON endpoint), then the link the page shows.
 */
async function shareToken(visitor: Visitor, year: number): Promise<string> {
  const path = `/recap/${year}`;
  const tokenIn = (html: string) => /data-testid="share-link"[^>]*>[^<]*\/share\/([A-Za-z0-9_-]+)</.exec(html)?.[1];
  const page = await (await call(visitor, path)).text();
  const existing = tokenIn(page);
  if (existing) return existing;
  const action = /name="(\$ACTION_ID_[0-9a-f]+)"/.exec(page)?.[1];
  if (!action) throw new Error(`${path} has no sharing form`);
  const form = new FormData();
  form.set(action, "");
  form.set("year", String(year));
  form.set("enabled", "true");
  // Server actions refuse a post whose Origin is not the site's own.
  await call(visitor, path, { method: "POST", body: form, headers: { origin: visitor.origin }, redirect: "manual" });
  const token = tokenIn(await (await call(visitor, path)).text());
  if (!token) throw new Error(`turning sharing on for ${year} showed no link`);
  return token;
}

/**
 * Why the operations page cannot be audited here, or null when it can. A demo visitor sees it only
 * in demo mode (no Spotify sign-in configured); elsewhere it is for OPERATOR_EMAILS, whom a script
 * cannot sign in as, and answers 404 like any unknown address.
 */
export async function opsHiddenReason(visitor: Visitor): Promise<string | null> {
  const response = await fetch(`${visitor.origin}/ops`, { headers: { ...visitor.headers, cookie: visitor.cookie }, redirect: "manual" });
  await response.body?.cancel();
  return response.ok ? null : `/ops answers a demo visitor HTTP ${response.status} here (not in demo mode: operators only)`;
}

/** Every placeholder's value, made one after another (the server shares two cores with Lighthouse). */
export async function pageValues(visitor: Visitor): Promise<PageValues> {
  const year = await newestRecapYear(visitor);
  return {
    artist: await topArtist(visitor),
    playlist: await playlist(visitor),
    blend: await blend(visitor),
    invite: await invite(visitor),
    chat: await chat(visitor),
    year: String(year),
    share: await shareToken(visitor, year),
  };
}
