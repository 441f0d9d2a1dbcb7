/**
 * Authorization, proved route by route: every route file × method has an entry in the route table
 * (app/api/route-table.ts), and each is called through its real handler as every persona: nobody
 * signed in, the owner (a demo visitor), another demo visitor, a Spotify listener and an operator
 * (OPERATOR_EMAILS). Owner-scoped resources are made by the owner through the real handlers; every
 * answer to anyone else is scanned for the owner's ids and titles. Sessions are real Auth.js
 * cookies; the store is the embedded one in a temporary directory. Nothing of ours is mocked.
 * Pages and server actions are called over HTTP in e2e/authorization.spec.ts; their table's
 * coverage is checked here too, so a new page or action without an entry fails at once.
 */
import { randomUUID } from "node:crypto";
import { existsSync, globSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ProblemDetails } from "@/lib/http";
import { actionTable, pageTable } from "@/e2e/access-table";
import { METHODS, operatorRoutes, routeTable, type Method, type ResourceKind, type RouteAccess } from "./route-table";

const root = join(import.meta.dirname, "..", "..");
const dataDir = mkdtempSync(join(tmpdir(), "echotune-authz-"));
const CRON_SECRET = "cron-secret-for-tests-0123456789";
const QSTASH_KEYS = { current: "sig_current_authz_0123456789", next: "sig_next_authz_0123456789" };
const OPERATOR_EMAIL = "operator@example.test";
const origin = "http://127.0.0.1:3000";

type Handler = (request: Request, context: { params: Promise<Record<string, string | string[]>> }) => Promise<Response>;

interface Persona {
  name: string;
  id: string | null;
  cookie: string | null;
}

interface Answer {
  status: number;
  type: string;
  text: string;
}

const anonymous: Persona = { name: "anonymous", id: null, cookie: null };
let owner: Persona;
let otherVisitor: Persona;
let spotifyListener: Persona;
let operator: Persona;
/** Everything of the owner's that nobody else may ever see: ids, titles, names. */
const ownerSecrets = new Set<string>();
const handlers = new Map<string, Partial<Record<Method, Handler>>>();

/** The file's URL segments (route groups dropped), e.g. ["api", "playlists", "[id]"]. */
function segmentsOf(file: string): string[] {
  return file
    .replace(/^app\//, "")
    .replace(/\/(route|page)\.tsx?$/, "")
    .split("/")
    .filter((segment) => segment !== "" && !/^\(.*\)$/.test(segment));
}

/** The params Next would hand the handler for this URL path. */
function paramsFor(file: string, path: string): Record<string, string | string[]> {
  const parts = new URL(path, origin).pathname.split("/").filter(Boolean).map(decodeURIComponent);
  const params: Record<string, string | string[]> = {};
  segmentsOf(file).forEach((segment, index) => {
    const catchAll = /^\[\.\.\.(\w+)\]$/.exec(segment);
    const dynamic = /^\[(\w+)\]$/.exec(segment);
    if (catchAll) params[catchAll[1]!] = parts.slice(index);
    else if (dynamic) params[dynamic[1]!] = parts[index]!;
  });
  return params;
}

async function call(
  file: string,
  method: Method,
  persona: Persona,
  path: string,
  { body, headers = {} }: { body?: unknown; headers?: Record<string, string> } = {},
): Promise<Answer> {
  const handler = handlers.get(file)?.[method];
  if (!handler) throw new Error(`${method} ${file} is not exported`);
  const request = new Request(`${origin}${path}`, {
    method,
    headers: {
      ...(persona.cookie ? { cookie: persona.cookie } : {}),
      ...(body === undefined ? {} : { "content-type": "application/json" }),
      ...headers,
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const response = await handler(request, { params: Promise.resolve(paramsFor(file, path)) });
  return { status: response.status, type: response.headers.get("content-type") ?? "", text: await response.text() };
}

function expectProblem(answer: Answer, status: number, label: string) {
  expect(answer.status, `${label}: ${answer.text.slice(0, 300)}`).toBe(status);
  expect(answer.type, label).toBe("application/problem+json");
  expect((JSON.parse(answer.text) as ProblemDetails).status, label).toBe(status);
}

/** The owner's secrets in the answer, but those the caller sent (a problem's `instance` repeats the path). */
function expectNothingOf(secrets: Iterable<string>, answer: Answer, label: string, sent: unknown = "") {
  const asked = JSON.stringify(sent);
  for (const secret of secrets)
    if (!asked.includes(secret)) expect(answer.text.includes(secret), `${label} answered with the owner's "${secret}"`).toBe(false);
}

function expectOk(answer: Answer, ok: readonly number[] | undefined, label: string) {
  const allowed = ok ? ok.includes(answer.status) : answer.status >= 200 && answer.status < 300;
  expect(allowed, `${label} answered ${answer.status}: ${answer.text.slice(0, 300)}`).toBe(true);
}

/** Replaces `:id`/`:token` in a path and `"$id"`/`"$friend"` anywhere in a body. */
function fill<T>(value: T, with_: Record<string, string>): T {
  if (value === undefined) return value;
  const text = JSON.stringify(value).replace(/"\$(\w+)"|:(\w+)(?=\/|\?|"|$)/g, (match, dollar?: string, colon?: string) => {
    const name = dollar ?? colon!;
    if (!(name in with_)) return match;
    return dollar ? JSON.stringify(with_[name]) : encodeURIComponent(with_[name]!);
  });
  return JSON.parse(text) as T;
}

async function signInVisitor(name: string): Promise<Persona> {
  const { signInAsDemoVisitor } = await import("@/lib/auth/testing");
  const { id, cookie } = await signInAsDemoVisitor(origin);
  return { name, id, cookie };
}

async function spotifyPersona(name: string, spotifyId: string, email: string): Promise<Persona> {
  const { getStore, usersRepository } = await import("@/lib/db");
  const { sessionCookieFor } = await import("@/lib/auth/testing");
  const user = await usersRepository(await getStore()).upsertSpotifyUser({
    id: spotifyId,
    displayName: name,
    email,
    imageUrl: null,
    country: "DE",
    product: "premium",
  });
  return { name, id: user._id, cookie: await sessionCookieFor({ id: user._id, isDemo: false }) };
}

interface Resource {
  owner: Persona;
  id: string;
  /** What of this resource must never reach anyone but its owner. */
  secrets: string[];
}

const API = {
  playlists: "app/api/playlists/route.ts",
  imports: "app/api/imports/route.ts",
  friends: "app/api/blends/friends/route.ts",
  invites: "app/api/blends/route.ts",
} as const;

async function created(file: string, persona: Persona, path: string, body?: unknown): Promise<Record<string, unknown>> {
  const answer = await call(file, "POST", persona, path, { body });
  expect(answer.status, `creating ${path}: ${answer.text}`).toBeLessThan(300);
  return JSON.parse(answer.text) as Record<string, unknown>;
}

/** How the owner makes each kind of resource, through the real handlers or the repository the handler uses. */
const makers: Record<ResourceKind, () => Promise<Resource>> = {
  playlist: async () => {
    const name = `Owner's secret playlist ${randomUUID().slice(0, 8)}`;
    const track = {
      key: `spotify:track:secret${randomUUID().slice(0, 8)}`,
      name: `Secret song ${randomUUID().slice(0, 8)}`,
      artistName: "Secret artist",
    };
    const { playlist } = (await created(API.playlists, owner, "/api/playlists", { name, tracks: [track] })) as { playlist: { id: string } };
    return { owner, id: playlist.id, secrets: [playlist.id, name, track.name] };
  },
  chat: async () => {
    // Chats begin with a turn of the model; the handler opens them through this repository.
    const { chatsRepository, getStore } = await import("@/lib/db");
    const id = `chat-${randomUUID()}`;
    const title = `Owner's secret chat ${randomUUID().slice(0, 8)}`;
    const chats = chatsRepository(await getStore());
    await chats.open(owner.id!, id, title);
    const words = `Owner's secret words ${randomUUID().slice(0, 8)}`;
    await chats.saveTail(owner.id!, id, 0, [
      { id: "authz-message-1", role: "user", message: { id: "authz-message-1", role: "user", parts: [{ type: "text", text: words }] } },
    ]);
    return { owner, id, secrets: [id, title, words] };
  },
  import: async () => {
    const file = `Secret_history_${randomUUID().slice(0, 8)}.json`;
    const { id } = (await created(API.imports, owner, "/api/imports", { files: [{ name: file, kind: "streaming-history", rows: 3 }] })) as {
      id: string;
    };
    return { owner, id, secrets: [id, file] };
  },
  blend: async () => {
    // Each demo visitor has one Blend per demo friend: a new owner for each Blend.
    const blendOwner = await signInVisitor("another owner");
    const { id } = (await created(API.friends, blendOwner, "/api/blends/friends", { friend: "mira" })) as { id: string };
    return { owner: blendOwner, id, secrets: [id] };
  },
};

beforeAll(async () => {
  Object.assign(process.env, {
    DATA_DIR: dataDir,
    AUTH_SECRET: "a-test-secret-that-is-long-enough-0123456789",
    CRON_SECRET,
    OPERATOR_EMAILS: `someone-else@example.test, ${OPERATOR_EMAIL.toUpperCase()}`,
    QSTASH_CURRENT_SIGNING_KEY: QSTASH_KEYS.current,
    QSTASH_NEXT_SIGNING_KEY: QSTASH_KEYS.next,
  });
  for (const name of [
    "MONGODB_URI",
    "UPSTASH_REDIS_REST_URL",
    "UPSTASH_REDIS_REST_TOKEN",
    "AUTH_SPOTIFY_ID",
    "AUTH_SPOTIFY_SECRET",
    "AUTH_URL",
    "NEXTAUTH_URL",
    "VERCEL",
    "TRUST_PROXY",
    "QSTASH_TOKEN",
    "GOOGLE_GENERATIVE_AI_API_KEY",
    "PERPLEXITY_API_KEY",
  ])
    delete process.env[name];
  for (const file of globSync("app/**/route.ts", { cwd: root }).sort()) {
    const mod = (await import(/* @vite-ignore */ join(root, file))) as Record<string, unknown>;
    handlers.set(
      file,
      Object.fromEntries(METHODS.filter((method) => typeof mod[method] === "function").map((method) => [method, mod[method]])),
    );
  }
  owner = await signInVisitor("owner");
  otherVisitor = await signInVisitor("another demo visitor");
  spotifyListener = await spotifyPersona("A Spotify listener", "authz-listener", "listener@example.test");
  operator = await spotifyPersona("An operator", "authz-operator", OPERATOR_EMAIL);
  // The owner's world, which every other persona's answer is scanned for.
  for (const kind of ["playlist", "chat", "import"] as const) for (const secret of (await makers[kind]()).secrets) ownerSecrets.add(secret);
  const { id: blendId } = (await created(API.friends, owner, "/api/blends/friends", { friend: "jonas" })) as { id: string };
  ownerSecrets.add(blendId);
  const invite = (await created(API.invites, owner, "/api/blends")) as { id: string; path: string };
  ownerSecrets.add(invite.id);
  ownerSecrets.add(invite.path.split("/").at(-1)!);
  ownerSecrets.add(owner.id!);
}, 120_000);

afterAll(async () => {
  const { closeStore } = await import("@/lib/db");
  await closeStore();
  rmSync(dataDir, { recursive: true, force: true });
});

const isOperatorFile = (file: string) => operatorRoutes.files.test(file);
const listeners = () => [owner, otherVisitor, spotifyListener, operator];
const others = (of: Persona) => listeners().filter((persona) => persona.id !== of.id);

describe("the tables", () => {
  it("name every route file and method, and nothing that is gone", () => {
    const missing: string[] = [];
    for (const [file, methods] of handlers) {
      if (isOperatorFile(file) && !routeTable[file]) continue;
      for (const method of Object.keys(methods)) if (!routeTable[file]?.[method as Method]) missing.push(`${method} ${file}`);
    }
    expect(missing, "route methods without an entry in app/api/route-table.ts").toEqual([]);
    const stale = Object.entries(routeTable).flatMap(([file, methods]) =>
      Object.keys(methods)
        .filter((method) => !handlers.get(file)?.[method as Method])
        .map((method) => `${method} ${file}`),
    );
    expect(stale, "entries in app/api/route-table.ts for routes that do not exist").toEqual([]);
    expect(handlers.size).toBeGreaterThan(30);
  });

  it("name every page, and nothing that is gone", () => {
    const pages = globSync("app/**/page.tsx", { cwd: root }).sort();
    const operatorPage = (file: string) => /(^|\/)ops(\/|$)/.test(segmentsOf(file).join("/"));
    expect(
      pages.filter((file) => !pageTable[file] && !operatorPage(file)),
      "pages without an entry in e2e/access-table.ts",
    ).toEqual([]);
    expect(
      Object.keys(pageTable).filter((file) => !existsSync(join(root, file))),
      "entries for pages that do not exist",
    ).toEqual([]);
    expect(pages.length).toBeGreaterThan(15);
  });

  it('name every server action ("use server" file and export), and nothing that is gone', () => {
    const sources = globSync("{app,lib,components}/**/*.{ts,tsx}", { cwd: root }).filter((file) =>
      /^\s*["']use server["']/.test(readFileSync(join(root, file), "utf8")),
    );
    const actions = sources.flatMap((file) =>
      [...readFileSync(join(root, file), "utf8").matchAll(/^export\s+(?:async\s+)?function\s+(\w+)/gm)].map(
        (match) => `${file}#${match[1]}`,
      ),
    );
    expect(
      actions.filter((action) => !actionTable[action]),
      "server actions without an entry in e2e/access-table.ts",
    ).toEqual([]);
    expect(
      Object.keys(actionTable).filter((action) => !actions.includes(action)),
      "entries for actions that do not exist",
    ).toEqual([]);
    expect(actions).toContain("app/(app)/recap/actions.ts#setRecapSharing");
  });
});

const entries = Object.entries(routeTable).flatMap(([file, methods]) =>
  Object.entries(methods).map(([method, access]) => ({ file, method: method as Method, access: access as RouteAccess })),
);
const byClass = <C extends RouteAccess["access"]>(access: C) =>
  entries.filter(
    (entry): entry is { file: string; method: Method; access: Extract<RouteAccess, { access: C }> } => entry.access.access === access,
  );

describe("public routes", () => {
  it.each(byClass("public").map((entry) => [`${entry.method} ${entry.access.path}`, entry] as const))(
    "%s answers everyone the same, with nothing of the owner's",
    async (_, { file, method, access }) => {
      for (const persona of [anonymous, ...listeners()]) {
        const answer = await call(file, method, persona, access.path, { body: access.body });
        expect(answer.status, `${persona.name}: ${answer.text.slice(0, 200)}`).toBe(access.status);
        if (persona !== owner) expectNothingOf(ownerSecrets, answer, persona.name, access);
      }
    },
  );
});

describe("signed-in routes", () => {
  it.each(byClass("signed-in").map((entry) => [`${entry.method} ${entry.access.path}`, entry] as const))(
    "%s: anonymous 401; each listener their own answer, never the owner's data",
    async (_, { file, method, access }) => {
      const body = fill(access.body, { friend: "ada" });
      expectProblem(await call(file, method, anonymous, access.path, { body }), 401, "anonymous");
      for (const persona of listeners()) {
        const answer = await call(file, method, persona, access.path, { body });
        expectOk(answer, access.ok, persona.name);
        if (persona !== owner) expectNothingOf(ownerSecrets, answer, persona.name, { path: access.path, body });
      }
    },
  );

  it("hand the owner their own data (the scan above looks for something that is there)", async () => {
    const lists = await Promise.all(
      (["app/api/playlists/route.ts", "app/api/chats/route.ts", "app/api/imports/route.ts", "app/api/blends/route.ts"] as const).map(
        (file) => call(file, "GET", owner, `/${segmentsOf(file).join("/")}`),
      ),
    );
    const text = lists.map((answer) => answer.text).join("\n");
    const seen = [...ownerSecrets].filter((secret) => text.includes(secret));
    expect(seen.length).toBeGreaterThanOrEqual(6);
  });
});

describe("owner-scoped routes", () => {
  it.each(byClass("owner").map((entry) => [`${entry.method} ${entry.access.path}`, entry] as const))(
    "%s: anonymous 401, every other listener 404 without a byte of it, the owner 2xx",
    async (_, { file, method, access }) => {
      const resource = await makers[access.resource]();
      const path = fill(access.path, { id: resource.id });
      const body = fill(access.body, { id: resource.id });
      const secrets = [...resource.secrets, ...ownerSecrets];
      expectProblem(await call(file, method, anonymous, path, { body }), 401, "anonymous");
      for (const persona of others(resource.owner)) {
        const answer = await call(file, method, persona, path, { body });
        expectProblem(answer, 404, persona.name);
        expectNothingOf(resource.owner === owner ? secrets : resource.secrets, answer, persona.name, { path, body });
      }
      // Nobody else's call changed it: the owner still has it as it was (a DELETE above would be a 404 here).
      expectOk(await call(file, method, resource.owner, path, { body }), access.ok, "the owner");
    },
  );

  it("leave another listener's resource as it was", async () => {
    const playlist = await makers.playlist();
    const path = `/api/playlists/${playlist.id}`;
    const file = "app/api/playlists/[id]/route.ts";
    const before = await call(file, "GET", owner, path);
    for (const persona of others(owner)) {
      await call(file, "PATCH", persona, path, { body: { baseVersion: 1, edit: { op: "rename", name: "Taken over" } } });
      await call(file, "DELETE", persona, path);
    }
    const after = await call(file, "GET", owner, path);
    expect(after.status).toBe(200);
    expect(after.text).toBe(before.text);
  });
});

describe("capability routes (a Blend invite link)", () => {
  it.each(byClass("capability").map((entry) => [`${entry.method} ${entry.access.path}`, entry] as const))(
    "%s: anonymous 401, a wrong token 404, any listener holding the link 2xx",
    async (_, { file, method, access }) => {
      for (const holder of others(owner)) {
        // A fresh link each time: a declined one is used up.
        const { id, path: invitePath } = (await created(API.invites, owner, "/api/blends")) as { id: string; path: string };
        const token = invitePath.split("/").at(-1)!;
        const path = fill(access.path, { token });
        expectProblem(await call(file, method, anonymous, path, { body: access.body }), 401, "anonymous");
        const wrong = fill(access.path, { token: `${token.slice(0, -4)}AAAA` });
        expectProblem(await call(file, method, holder, wrong, { body: access.body }), 404, `${holder.name}, a wrong token`);
        expectOk(await call(file, method, holder, path, { body: access.body }), access.ok, holder.name);
        // Withdrawn: an owner has only a few open invites at a time.
        await call("app/api/blends/[id]/route.ts", "DELETE", owner, `/api/blends/${id}`);
      }
    },
  );
});

describe("cron and QStash routes", () => {
  it.each(byClass("cron").map((entry) => [`${entry.method} ${entry.access.path}`, entry] as const))(
    "%s refuses every session and a wrong secret: 401",
    async (_, { file, method, access }) => {
      for (const persona of [anonymous, ...listeners()]) expectProblem(await call(file, method, persona, access.path), 401, persona.name);
      const wrong = await call(file, method, operator, access.path, { headers: { authorization: `Bearer ${CRON_SECRET}x` } });
      expectProblem(wrong, 401, "a wrong secret");
    },
  );

  it.each(byClass("qstash").map((entry) => [`${entry.method} ${entry.access.path}`, entry] as const))(
    "%s refuses every session and a signature for another body: 401; takes a signed delivery",
    async (_, { file, method, access }) => {
      const { signDelivery } = await import("@/e2e/fakes/qstash/server");
      const { deliveryUrl } = await import("@/lib/jobs");
      const body = { jobId: "no-such-job-for-authz" };
      for (const persona of [anonymous, ...listeners()])
        expectProblem(await call(file, method, persona, access.path, { body }), 401, persona.name);
      const forged = signDelivery(QSTASH_KEYS.current, deliveryUrl(), JSON.stringify({ jobId: "another" }));
      expectProblem(await call(file, method, operator, access.path, { body, headers: { "upstash-signature": forged } }), 401, "forged");
      const signed = signDelivery(QSTASH_KEYS.current, deliveryUrl(), JSON.stringify(body));
      const answer = await call(file, method, anonymous, access.path, { body, headers: { "upstash-signature": signed } });
      expect(answer.status, answer.text).not.toBe(401);
      expect(answer.status, answer.text).toBeLessThan(500);
    },
  );
});

/** The methods an operations route file exports, read from its source (the modules load in beforeAll, after this runs). */
function operatorExports(file: string): Record<string, true> {
  const source = readFileSync(join(root, file), "utf8");
  return Object.fromEntries(
    METHODS.filter((method) => new RegExp(`export\\s+(const|async function|function)\\s+${method}\\b|as ${method}\\b`).test(source)).map(
      (method) => [method, true],
    ),
  );
}

describe("operator routes", () => {
  // Filled by the operations API (app/api/ops/**) once it exists; each of its methods is checked here.
  const files = globSync("app/api/ops/**/route.ts", { cwd: root }).filter(isOperatorFile).sort();
  const opsEntries = files.flatMap((file) => {
    const declared = Object.keys((routeTable[file] as object | undefined) ?? {});
    const exported = Object.keys(operatorExports(file));
    const methods = declared.length > 0 ? declared : exported;
    return methods.map((method) => ({
      file,
      method: method as Method,
      path: `/${segmentsOf(file)
        .join("/")
        .replace(/\[\.\.\.\w+\]|\[\w+\]/g, "authz-unknown")}`,
    }));
  });

  it("the operator persona is a Spotify listener whose stored email is in OPERATOR_EMAILS", async () => {
    const { getStore, usersRepository } = await import("@/lib/db");
    const stored = await usersRepository(await getStore()).findById(operator.id!);
    const emails = (process.env.OPERATOR_EMAILS ?? "").split(",").map((email) => email.trim().toLowerCase());
    expect(emails).toContain(stored?.email?.toLowerCase());
    const me = await call("app/api/me/route.ts", "GET", operator, "/api/me");
    expect(me.status).toBe(200);
    expect(JSON.parse(me.text)).toMatchObject({ id: operator.id, isDemo: false });
  });

  // No operations API in this tree yet: describe() with no routes would be an empty, unfailable test.
  if (opsEntries.length > 0)
    it.each(opsEntries.map((entry) => [`${entry.method} ${entry.path}`, entry] as const))(
      "%s: anonymous 401, other listeners refused, the operator served",
      async (_, { file, method, path }) => {
        expectProblem(await call(file, method, anonymous, path), 401, "anonymous");
        for (const persona of [owner, otherVisitor, spotifyListener]) {
          const answer = await call(file, method, persona, path);
          // In demo mode (no Spotify sign-in configured, as here) a demo visitor reads a view of
          // their own instance: 200, as a visitor, with nothing of the owner's when it is another.
          if (method === "GET" && persona !== spotifyListener && answer.status === 200) {
            expect(JSON.parse(answer.text), persona.name).toMatchObject({ role: "visitor" });
            if (persona !== owner) expectNothingOf(ownerSecrets, answer, persona.name, { path });
            expect(answer.text, persona.name).not.toContain(persona === owner ? otherVisitor.id! : owner.id!);
            continue;
          }
          expect(operatorRoutes.refused, `${persona.name}: ${answer.text.slice(0, 200)}`).toContain(answer.status);
        }
        if (method === "GET") expectOk(await call(file, "GET", operator, path), undefined, "the operator");
      },
    );
});
