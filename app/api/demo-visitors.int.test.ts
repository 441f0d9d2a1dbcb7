/**
 * Demo visitors are listeners of their own: each "Try the demo" (through Auth.js's real handlers)
 * mints a listener whose chats, feedback, imports, shares and assistant budgets nobody else sees,
 * while every visitor reads the one shared demo history. Idle visitors are removed by the cleanup
 * cron with everything they own; active ones and the shared history stay. Real route handlers,
 * the embedded store in a temporary directory; nothing of ours is mocked.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFakeGemini, type FakeGemini } from "@/e2e/fakes/gemini/server";
import type { RouteContext, RouteHandler } from "@/lib/http";

const dataDir = mkdtempSync(join(tmpdir(), "echotune-demo-visitors-"));
const CRON_SECRET = "cron-secret-for-tests-0123456789";
const origin = "http://127.0.0.1:3000";
const noParams: RouteContext = { params: Promise.resolve({}) };
const withId = (id: string): RouteContext => ({ params: Promise.resolve({ id }) });

type Visitor = { id: string; cookie: string };
let gemini: FakeGemini;
let a: Visitor;
let b: Visitor;
let routes: {
  chat: RouteHandler;
  chats: RouteHandler;
  chatGet: RouteHandler;
  chatRename: RouteHandler;
  chatDelete: RouteHandler;
  feedback: RouteHandler;
  importsCreate: RouteHandler;
  importsList: RouteHandler;
  importGet: RouteHandler;
  importChunk: RouteHandler;
  insights: RouteHandler;
  me: RouteHandler;
  cleanup: RouteHandler;
};

/** A few plays, as an export's extended-history rows. */
function rows(count: number, { start = Date.UTC(2025, 0, 6, 8), artist = "The Shared Band" } = {}) {
  return Array.from({ length: count }, (_, index) => ({
    kind: "extended" as const,
    endedAt: new Date(start + index * 3_600_000).toISOString().replace(".000Z", "Z"),
    trackId: null,
    trackName: `Song ${index % 7}`,
    artistName: artist,
    albumName: null,
    msPlayed: 180_000,
    platform: "Android",
    reasonStart: "trackdone",
    reasonEnd: "trackdone",
    shuffle: false,
    skipped: false,
    offline: false,
    incognito: false,
    country: "DE",
  }));
}

const get = (path: string, visitor: Visitor) => new Request(`${origin}${path}`, { headers: { cookie: visitor.cookie } });
const send = (method: string, path: string, visitor: Visitor, body: unknown) =>
  new Request(`${origin}${path}`, {
    method,
    body: JSON.stringify(body),
    headers: { cookie: visitor.cookie, "content-type": "application/json" },
  });

async function totalPlays(visitor: Visitor): Promise<number> {
  const response = await routes.insights(get("/api/insights?range=all", visitor), noParams);
  expect(response.status).toBe(200);
  return ((await response.json()) as { totals: { plays: number } }).totals.plays;
}

let turnCount = 0;
/** One chat turn through POST /api/chat: its status, and who answered (the stream's metadata). */
async function chatTurn(visitor: Visitor, chatId = `chat-${++turnCount}-${Date.now().toString(36)}`) {
  const response = await routes.chat(
    send("POST", "/api/chat", visitor, {
      id: chatId,
      message: { id: `m-${++turnCount}`, role: "user", parts: [{ type: "text", text: `Who is my top artist? (${turnCount})` }] },
      trigger: "submit-message",
    }),
    noParams,
  );
  const chunks = (await response.text())
    .split("\n")
    .filter((line) => line.startsWith("data: ") && line !== "data: [DONE]")
    .map((line) => JSON.parse(line.slice(6)) as { messageMetadata?: Record<string, unknown> });
  return { status: response.status, metadata: Object.assign({}, ...chunks.map((chunk) => chunk.messageMetadata ?? {})) };
}

beforeAll(async () => {
  gemini = await startFakeGemini({ port: 0 });
  Object.assign(process.env, {
    DATA_DIR: dataDir,
    AUTH_SECRET: "a-test-secret-that-is-long-enough-0123456789",
    CRON_SECRET,
    // The real provider against the fake Gemini; one Gemini answer spends a listener's daily budget.
    GOOGLE_GENERATIVE_AI_API_KEY: "test-key",
    GEMINI_BASE_URL: gemini.url,
    ASSISTANT_LISTENER_DAILY_TOKENS: "1",
    ASSISTANT_TURNS_PER_MINUTE: "3",
  });
  for (const name of [
    "MONGODB_URI",
    "UPSTASH_REDIS_REST_URL",
    "UPSTASH_REDIS_REST_TOKEN",
    "AUTH_SPOTIFY_ID",
    "AUTH_SPOTIFY_SECRET",
    "AUTH_URL",
    "NEXTAUTH_URL",
    "ASSISTANT_GLOBAL_DAILY_TOKENS",
    "DEMO",
  ])
    delete process.env[name];
  const chat = await import("@/app/api/chat/route");
  const chats = await import("@/app/api/chats/route");
  const oneChat = await import("@/app/api/chats/[id]/route");
  const imports = await import("@/app/api/imports/route");
  const oneImport = await import("@/app/api/imports/[id]/route");
  const chunks = await import("@/app/api/imports/[id]/chunks/route");
  routes = {
    chat: chat.POST,
    chats: chats.GET,
    chatGet: oneChat.GET,
    chatRename: oneChat.PATCH,
    chatDelete: oneChat.DELETE,
    feedback: (await import("@/app/api/feedback/route")).POST,
    importsCreate: imports.POST,
    importsList: imports.GET,
    importGet: oneImport.GET,
    importChunk: chunks.POST,
    insights: (await import("@/app/api/insights/route")).GET,
    me: (await import("@/app/api/me/route")).GET,
    cleanup: (await import("@/app/api/cron/cleanup/route")).GET,
  };
  // The shared demo history, stored once under its own id (a small stand-in for the 58,000 plays).
  const { DEMO_USER_ID, getStore } = await import("@/lib/db");
  const { storeRows } = await import("@/lib/ingest");
  await storeRows(await getStore(), DEMO_USER_ID, "demo-history", "c0", rows(40));
  const { signInAsDemoVisitor } = await import("@/lib/auth/testing");
  a = await signInAsDemoVisitor(origin);
  b = await signInAsDemoVisitor(origin);
}, 60_000);

afterAll(async () => {
  const { closeStore } = await import("@/lib/db");
  await closeStore();
  await gemini?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe("two demo visitors", () => {
  it("are two listeners, each with a users document of their own", async () => {
    expect(a.id).toMatch(/^demo:[A-Za-z0-9_-]{22}$/);
    expect(b.id).toMatch(/^demo:[A-Za-z0-9_-]{22}$/);
    expect(a.id).not.toBe(b.id);
    const me = await routes.me(get("/api/me", a), noParams);
    expect(await me.json()).toMatchObject({
      id: a.id,
      isDemo: true,
      displayName: "Demo listener",
      settings: { timeZone: "Europe/Berlin" },
    });
    const { getStore, usersRepository } = await import("@/lib/db");
    const user = await usersRepository(await getStore()).findById(b.id);
    expect(user).toMatchObject({ displayName: "Demo listener" });
    expect(user?.createdAt).toBeInstanceOf(Date);
    expect(user?.lastSeenAt).toBeInstanceOf(Date);
  });

  it("read the same shared demo history, stored once", async () => {
    expect(await totalPlays(a)).toBe(40);
    expect(await totalPlays(b)).toBe(40);
    const { collections, getStore } = await import("@/lib/db");
    const plays = (await getStore()).collection(collections.plays);
    expect(await plays.countDocuments({ userId: a.id })).toBe(0);
    expect(await plays.countDocuments({ userId: b.id })).toBe(0);
  });

  it("cannot list, read, rename or delete each other's chats", async () => {
    const chatId = `chat-a-${Date.now().toString(36)}`;
    expect((await chatTurn(a, chatId)).status).toBe(200);
    const listOf = async (visitor: Visitor) =>
      ((await (await routes.chats(get("/api/chats", visitor), noParams)).json()) as { chats: Array<{ id: string }> }).chats.map(
        (chat) => chat.id,
      );
    expect(await listOf(a)).toContain(chatId);
    expect(await listOf(b)).toEqual([]);
    expect((await routes.chatGet(get(`/api/chats/${chatId}`, b), withId(chatId))).status).toBe(404);
    expect((await routes.chatRename(send("PATCH", `/api/chats/${chatId}`, b, { title: "Mine now" }), withId(chatId))).status).toBe(404);
    expect((await routes.chatDelete(send("DELETE", `/api/chats/${chatId}`, b, undefined), withId(chatId))).status).toBe(404);
    // Still A's, untouched.
    const mine = await routes.chatGet(get(`/api/chats/${chatId}`, a), withId(chatId));
    expect(mine.status).toBe(200);
    const chat = (await mine.json()) as { title: string; messages: unknown[] };
    expect(chat.title).not.toBe("Mine now");
    expect(chat.messages.length).toBe(2);
  });

  it("do not see each other's feedback", async () => {
    const liked = await routes.feedback(
      send("POST", "/api/feedback", a, { target: "artist", itemId: "The Shared Band", kind: "dislike" }),
      noParams,
    );
    expect(liked.status).toBe(200);
    const { feedbackRepository, getStore } = await import("@/lib/db");
    const repository = feedbackRepository(await getStore());
    expect((await repository.list(a.id)).map((record) => record.kind)).toEqual(["dislike"]);
    expect(await repository.list(b.id)).toEqual([]);
  });

  it("do not see each other's imports, and an import replaces the shared history for its visitor only", async () => {
    const created = await routes.importsCreate(
      send("POST", "/api/imports", a, { files: [{ name: "Streaming_History_Audio_2024.json", kind: "extended-audio", rows: 5 }] }),
      noParams,
    );
    expect(created.status).toBe(201);
    const { id } = (await created.json()) as { id: string };
    const chunk = await routes.importChunk(
      send("POST", `/api/imports/${id}/chunks`, a, {
        chunkId: "c1",
        rows: rows(5, { start: Date.UTC(2024, 4, 1), artist: "A's Own Band" }),
      }),
      withId(id),
    );
    expect(chunk.status).toBe(202);
    const listOf = async (visitor: Visitor) =>
      ((await (await routes.importsList(get("/api/imports", visitor), noParams)).json()) as { imports: Array<{ id: string }> }).imports.map(
        (job) => job.id,
      );
    expect(await listOf(a)).toEqual([id]);
    expect(await listOf(b)).toEqual([]);
    expect((await routes.importGet(get(`/api/imports/${id}`, b), withId(id))).status).toBe(404);
    expect(
      (await routes.importChunk(send("POST", `/api/imports/${id}/chunks`, b, { chunkId: "c2", rows: rows(1) }), withId(id))).status,
    ).toBe(404);
    // A's own plays now; B and the shared history are untouched.
    expect(await totalPlays(a)).toBe(5);
    expect(await totalPlays(b)).toBe(40);
    const { DEMO_USER_ID, getStore, playsRepository } = await import("@/lib/db");
    expect(await playsRepository(await getStore()).count(DEMO_USER_ID)).toBe(40);
  });

  it("do not see each other's share links", async () => {
    const { getStore, sharesRepository } = await import("@/lib/db");
    const { sharedRecap } = await import("@/lib/insights");
    const shares = sharesRepository(await getStore());
    const share = await shares.enable(b.id, 2025);
    expect(await shares.forYear(a.id, 2025)).toBeNull();
    // B's link shows the shared history's year (B imported nothing), under B's name.
    const recap = await sharedRecap(share._id);
    expect(recap?.displayName).toBe("Demo listener");
    expect(recap?.recap.plays).toBe(40);
  });

  it("have assistant budgets of their own", async () => {
    // A's first turn (above) was answered by Gemini and spent A's budget: A is answered offline now.
    expect((await chatTurn(a)).metadata).toMatchObject({ offline: true, offlineReason: "over-budget" });
    // B's budget is B's own.
    expect((await chatTurn(b)).metadata).toMatchObject({ offline: false });
  });

  it("have turn limits of their own", async () => {
    // Three turns a minute each: A has had two, B one.
    expect((await chatTurn(a)).status).toBe(200);
    expect((await chatTurn(a)).status).toBe(429);
    expect((await chatTurn(b)).status).toBe(200);
  });
});

describe("the cleanup cron", () => {
  it("removes a visitor idle for 30 days with everything they own, and keeps an active one and the shared history", async () => {
    const { collections, DEMO_USER_ID, getStore, listeningRepository } = await import("@/lib/db");
    const store = await getStore();
    const owned = [
      collections.chats,
      collections.messages,
      collections.feedback,
      collections.imports,
      collections.shares,
      collections.usage,
      collections.plays,
      collections.rollups,
      collections.listening,
    ];
    const countOf = async (userId: string) => {
      const counts: Record<string, number> = {};
      for (const name of owned) counts[name] = await store.collection(name).countDocuments({ userId });
      return counts;
    };
    const before = { a: await countOf(a.id), demo: await countOf(DEMO_USER_ID), b: await countOf(b.id) };
    for (const name of ["chats", "messages", "feedback", "imports", "usage", "plays", "listening"])
      expect(before.a[name], name).toBeGreaterThan(0);
    expect(before.b.shares).toBe(1);
    const sharedRevision = await listeningRepository(store).revision(DEMO_USER_ID);

    // A was last seen 31 days ago; B 29 days ago.
    const users = store.collection(collections.users);
    const day = 86_400_000;
    await users.updateOne({ _id: a.id }, { $set: { lastSeenAt: new Date(Date.now() - 31 * day) } });
    await users.updateOne({ _id: b.id }, { $set: { lastSeenAt: new Date(Date.now() - 29 * day) } });

    const refused = await routes.cleanup(new Request(`${origin}/api/cron/cleanup`, { headers: { cookie: a.cookie } }), noParams);
    expect(refused.status).toBe(401);
    const response = await routes.cleanup(
      new Request(`${origin}/api/cron/cleanup`, { headers: { authorization: `Bearer ${CRON_SECRET}` } }),
      noParams,
    );
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ job: { status: "succeeded", result: { removed: 1 } } });

    expect(await users.countDocuments({ _id: a.id })).toBe(0);
    expect(Object.values(await countOf(a.id)).every((count) => count === 0)).toBe(true);
    expect(await listeningRepository(store).revision(a.id)).toBe(0);
    expect(await users.countDocuments({ _id: b.id })).toBe(1);
    expect(await countOf(b.id)).toEqual(before.b);
    expect(await countOf(DEMO_USER_ID)).toEqual(before.demo);
    expect(await listeningRepository(store).revision(DEMO_USER_ID)).toBe(sharedRevision);
    // The removed visitor's session now names nobody; the active one still works and reads the shared history.
    expect((await routes.me(get("/api/me", a), noParams)).status).toBe(401);
    expect(await totalPlays(b)).toBe(40);
  });
});
