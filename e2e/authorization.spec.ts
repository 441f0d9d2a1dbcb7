import { globSync, readFileSync } from "node:fs";
import type { APIRequestContext, APIResponse, PlaywrightWorkerArgs } from "@playwright/test";
import { actionTable, operatorPages, pageTable, type PageAccess, type PageResource } from "./access-table";
import { expect, test } from "./fixtures";

/**
 * Every page in e2e/access-table.ts over HTTP, as nobody, as its owner (a demo visitor) and as
 * another demo visitor: nobody is sent to sign in before anything renders, another listener's
 * resource is an HTTP 404 (not a 200 streaming the not-found view), the owner's is a 200. The
 * server actions are posted the way a form without JavaScript posts them.
 */
test.use({ storageState: { cookies: [], origins: [] } });
test.describe.configure({ timeout: 90_000 });

type Playwright = PlaywrightWorkerArgs["playwright"];

interface Persona {
  name: string;
  api: APIRequestContext;
}

async function anonymousPersona(playwright: Playwright, baseURL: string): Promise<Persona> {
  return { name: "anonymous", api: await playwright.request.newContext({ baseURL }) };
}

/** "Try the demo" through Auth.js's own endpoints: a new demo visitor with a session cookie. */
async function demoVisitor(playwright: Playwright, baseURL: string, name: string): Promise<Persona> {
  const api = await playwright.request.newContext({ baseURL });
  const { csrfToken } = (await (await api.get("/api/auth/csrf")).json()) as { csrfToken: string };
  const callback = await api.post("/api/auth/callback/demo", { form: { csrfToken, callbackUrl: "/dashboard" }, maxRedirects: 0 });
  expect(callback.status()).toBe(302);
  expect((await api.storageState()).cookies.map(({ name: cookie }: { name: string }) => cookie)).toContain("authjs.session-token");
  return { name, api };
}

const open = (persona: Persona, path: string) => persona.api.get(path, { maxRedirects: 0 });

async function expectSignInRedirect(response: APIResponse, path: string) {
  expect([303, 307], `${path}: ${response.status()}`).toContain(response.status());
  const target = new URL(response.headers().location ?? "", "http://x");
  expect(target.pathname).toBe("/sign-in");
  expect(target.searchParams.get("callbackUrl")).toBe(path);
}

async function expectStatus(response: APIResponse, status: number, label: string) {
  const body = status === response.status() ? "" : (await response.text()).slice(0, 300);
  expect(response.status(), `${label}: ${body}`).toBe(status);
}

async function json<T>(response: APIResponse, label: string): Promise<T> {
  expect(response.status(), `${label}: ${(await response.text()).slice(0, 300)}`).toBeLessThan(300);
  return (await response.json()) as T;
}

/** The owner's resource of each kind, made through the API as the app's pages make them. */
const makers: Record<PageResource, (owner: Persona) => Promise<{ id: string; secrets: string[] }>> = {
  playlist: async (owner) => {
    const name = `Owner's secret playlist ${Date.now().toString(36)}`;
    const { playlist } = await json<{ playlist: { id: string } }>(
      await owner.api.post("/api/playlists", {
        data: { name, tracks: [{ key: "spotify:track:authzpage0000000000001", name: "Authz page song", artistName: "Authz artist" }] },
      }),
      "creating a playlist",
    );
    return { id: playlist.id, secrets: [name] };
  },
  chat: async (owner) => {
    const id = `authz-${Date.now().toString(36)}`;
    const words = `Owner's secret question ${Date.now().toString(36)}`;
    // The chat is stored when its first message arrives, whatever the model then answers.
    const turn = await owner.api.post("/api/chat", {
      data: { id, message: { id: "authz-m1", role: "user", parts: [{ type: "text", text: words }] } },
    });
    await turn.body();
    await json(await owner.api.get(`/api/chats/${id}`), "reading the new chat");
    return { id, secrets: [words.slice(0, 24)] };
  },
  blend: async (owner) => {
    const { id } = await json<{ id: string }>(
      await owner.api.post("/api/blends/friends", { data: { friend: "mira" } }),
      "blending with a friend",
    );
    return { id, secrets: [] };
  },
};

const entries = Object.entries(pageTable).map(([file, access]) => ({ file, access }));
const byClass = <C extends PageAccess["access"]>(access: C) =>
  entries.filter((entry): entry is { file: string; access: Extract<PageAccess, { access: C }> } => entry.access.access === access);

let anonymous: Persona;
let owner: Persona;
let other: Persona;

test.beforeAll(async ({ playwright }, info) => {
  const baseURL = String(info.project.use.baseURL);
  anonymous = await anonymousPersona(playwright, baseURL);
  owner = await demoVisitor(playwright, baseURL, "the owner");
  other = await demoVisitor(playwright, baseURL, "another demo visitor");
});

test.afterAll(async () => {
  await Promise.all([anonymous, owner, other].map((persona) => persona?.api.dispose()));
});

test.describe("public pages", () => {
  for (const { access } of byClass("public")) {
    test(`${access.path} answers ${access.status} to everyone`, async () => {
      for (const persona of [anonymous, owner, other]) await expectStatus(await open(persona, access.path), access.status, persona.name);
    });
  }
});

test.describe("signed-in pages", () => {
  for (const { access } of byClass("signed-in")) {
    test(`${access.path}: anonymous to sign-in, each listener ${access.status ?? 200}`, async () => {
      await expectSignInRedirect(await open(anonymous, access.path), access.path);
      for (const persona of [owner, other]) await expectStatus(await open(persona, access.path), access.status ?? 200, persona.name);
    });
  }
});

test.describe("owner-scoped pages", () => {
  for (const { access } of byClass("owner")) {
    test(`${access.path}: anonymous to sign-in, another listener HTTP 404, the owner 200`, async () => {
      const resource = await makers[access.resource](owner);
      const path = access.path.replace(":id", encodeURIComponent(resource.id));
      await expectSignInRedirect(await open(anonymous, path), path);
      const refused = await open(other, path);
      await expectStatus(refused, 404, "another demo visitor");
      const html = await refused.text();
      expect(html).toContain("This page is not in the setlist");
      for (const secret of resource.secrets) expect(html).not.toContain(secret);
      const mine = await open(owner, path);
      await expectStatus(mine, 200, "the owner");
      for (const secret of resource.secrets) expect(await mine.text()).toContain(secret);
    });
  }
});

test.describe("capability pages (a Blend invite link)", () => {
  for (const { access } of byClass("capability")) {
    test(`${access.path}: anonymous to sign-in, another listener holding the link 200`, async () => {
      const invite = await json<{ id: string; path: string }>(await owner.api.post("/api/blends"), "creating an invite");
      const path = access.path.replace(":token", invite.path.split("/").at(-1)!);
      expect(path).toBe(invite.path);
      await expectSignInRedirect(await open(anonymous, path), path);
      await expectStatus(await open(other, path), 200, "another demo visitor");
      await owner.api.delete(`/api/blends/${invite.id}`);
    });
  }
});

/** Action ids from the production build's manifest, by `<file>#<export>`. */
function actionIds(): Map<string, string> {
  const manifest = JSON.parse(readFileSync(".next/server/server-reference-manifest.json", "utf8")) as {
    node: Record<string, { filename?: string; exportedName?: string }>;
  };
  return new Map(Object.entries(manifest.node).map(([id, action]) => [`${action.filename}#${action.exportedName}`, id]));
}

/** Posts a server action the way a form does without JavaScript: its id as a field, then the form's own fields. */
function postAction(persona: Persona, page: string, id: string, fields: Record<string, string> = {}, headers: Record<string, string> = {}) {
  return persona.api.post(page, { multipart: { [`$ACTION_ID_${id}`]: "", ...fields }, headers, maxRedirects: 0 });
}

test.describe("server actions and the share link", () => {
  test("every action in the table is in the build", () => {
    const ids = actionIds();
    expect(Object.keys(actionTable).filter((action) => !ids.has(action))).toEqual([]);
  });

  test("setRecapSharing: anonymous refused; another listener turns off only their own; the link is public while on", async () => {
    const id = actionIds().get("app/(app)/recap/actions.ts#setRecapSharing")!;
    const [share] = byClass("share");
    const year = /^\/recap\/(\d{4})$/.exec(new URL((await open(owner, "/recap")).headers().location ?? "", "http://x").pathname)?.[1] ?? "";
    expect(year, "the demo history has a year in music").toMatch(/^\d{4}$/);

    // Nobody signed in: the proxy sends them to sign in before the action runs; a forged session
    // cookie gets past that optimistic check and is refused by the action itself.
    const recapPath = `/recap/${year}`;
    await expectSignInRedirect(await postAction(anonymous, recapPath, id, { year, enabled: "true" }), recapPath);
    const forged = await postAction(anonymous, recapPath, id, { year, enabled: "true" }, { cookie: "authjs.session-token=forged" });
    expect(forged.status()).toBeGreaterThanOrEqual(400);
    expect(await forged.text()).not.toContain("/share/");

    const turnedOn = await postAction(owner, `/recap/${year}`, id, { year, enabled: "true" });
    expect(turnedOn.status()).toBeLessThan(400);
    const recap = await (await open(owner, `/recap/${year}`)).text();
    const token = /\/share\/([A-Za-z0-9_-]+)/.exec(recap)?.[1];
    expect(token, "the owner's recap shows the link").toBeTruthy();
    const link = share!.access.path.replace(":token", token!);
    for (const persona of [anonymous, other, owner]) await expectStatus(await open(persona, link), 200, persona.name);

    // Another listener's "turn off" for the same year is about their own year: the owner's link stays.
    await postAction(other, `/recap/${year}`, id, { year, enabled: "false" });
    await expectStatus(await open(anonymous, link), 200, "after another listener's turn-off");

    await postAction(owner, `/recap/${year}`, id, { year, enabled: "false" });
    for (const persona of [anonymous, other, owner]) await expectStatus(await open(persona, link), 404, persona.name);
    await expectStatus(await open(anonymous, share!.access.path.replace(":token", "no-such-share-token-authz")), 404, "an unknown link");
  });

  test("the public actions act on the caller's own session only", async () => {
    const ids = actionIds();
    const demo = await postAction(anonymous, "/", ids.get("lib/auth/actions.ts#signInWithDemo")!, { callbackUrl: "//evil.example/x" });
    expect(demo.status()).toBe(303);
    expect(new URL(demo.headers().location!, "http://x").pathname).toBe("/dashboard");
    const spotify = await postAction(anonymous, "/", ids.get("lib/auth/actions.ts#signInWithSpotify")!, { callbackUrl: "/dashboard" });
    expect(spotify.status()).toBe(303);
    const out = await postAction(anonymous, "/", ids.get("lib/auth/actions.ts#signOutAction")!);
    expect(out.status()).toBe(303);
    expect(new URL(out.headers().location!, "http://x").pathname).toBe("/");
  });
});

test.describe("operator pages", () => {
  // The operations pages (/ops) once they exist: operator-only whatever their file, no entry needed.
  const pages = globSync("app/**/page.tsx")
    .map(
      (file) =>
        `/${file
          .replace(/^app\//, "")
          .replace(/\/?page\.tsx$/, "")
          .split("/")
          .filter((part) => !/^\(.*\)$/.test(part))
          .join("/")}`,
    )
    .filter((path) => operatorPages.test(path))
    .map((path) => path.replace(/\[\.\.\.\w+\]|\[\w+\]/g, "authz-unknown"));
  for (const path of pages) {
    test(`${path}: anonymous to sign-in, a demo visitor 404`, async () => {
      await expectSignInRedirect(await open(anonymous, path), path);
      for (const persona of [owner, other]) await expectStatus(await open(persona, path), 404, persona.name);
    });
  }
});
