/**
 * Every request schema beside an API handler, fed generated malformed input through the real route
 * wrapper (`route()` from lib/http): valid requests broken one field at a time, hostile keys, any
 * JSON at all, broken JSON. The answer is a 2xx, or a 4xx problem+json whose `errors[].field`
 * names where the input went wrong: never a 5xx. A schema file without a target here fails.
 */
import { globSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { PROBLEM_CONTENT_TYPE, route, type ProblemDetails, type RouteHandler } from "@/lib/http";
import { propertyParameters } from "@/lib/http/testing/property";
import { extendedRow } from "@/lib/ingest/testing/rows";
import { hostileValueArb } from "@/lib/ingest/testing/export-arbitraries";

const root = join(import.meta.dirname, "..", "..");
const TRACK = "spotify:track:4uLU6hMCjMI75M1A2tKUQC";
const track = { key: TRACK, name: "Glass", artistName: "Hania Rani", albumName: "Esja", durationMs: 200_000, explicit: false };

type Where = "body" | "query" | "params";
interface Target {
  where: Where;
  /** A request the schema accepts, to be broken one field at a time. */
  valid: unknown;
}

/** Every zod schema exported by an app/api/**\/schema.ts, by export name (re-exports share one). */
const TARGETS: Record<string, Target> = {
  blendParams: { where: "params", valid: { id: "abcDEF12_-" } },
  blendViewQuery: { where: "query", valid: { range: "4w" } },
  inviteParams: { where: "params", valid: { token: "abcdefghijklmnop_-12" } },
  inviteAnswerBody: { where: "body", valid: { answer: "accept" } },
  friendBody: { where: "body", valid: { friend: "Ana" } },
  chatBody: {
    where: "body",
    valid: {
      id: "chat_12345678",
      message: { id: "m1", role: "user", parts: [{ type: "text", text: "Something calm for the evening" }] },
      trigger: "submit-message",
      draft: [{ key: TRACK, name: "Glass", artist: "Hania Rani" }],
    },
  },
  chatParams: { where: "params", valid: { id: "chat_12345678" } },
  renameChatBody: { where: "body", valid: { title: "Evening" } },
  feedbackBody: { where: "body", valid: { target: "track", itemId: TRACK, kind: "like", name: "Glass", artist: "Hania Rani" } },
  healthQuery: { where: "query", valid: { ready: "1" } },
  importParams: { where: "params", valid: { id: "00000000-0000-4000-8000-000000000000" } },
  chunkBody: {
    where: "body",
    valid: {
      chunkId: "abc123-0",
      rows: [extendedRow("2024-03-01T20:00:10.000Z", "4uLU6hMCjMI75M1A2tKUQC")],
      rejected: { invalid_value: 2 },
    },
  },
  completeBody: { where: "body", valid: { status: "completed" } },
  createImportBody: { where: "body", valid: { files: [{ name: "Streaming_History_Audio_2023.json", kind: "extended-audio", rows: 10 }] } },
  insightsQuery: { where: "query", valid: { range: "custom", from: "2024-01-01", to: "2024-03-01", by: "plays", unit: "week" } },
  deliveryBody: { where: "body", valid: { jobId: "job-1" } },
  settingsPatch: { where: "body", valid: { timeZone: "Europe/Berlin", listenThresholdMs: 30_000, allowExplicit: true, recentDays: 30 } },
  playerCommandParams: { where: "params", valid: { command: "play" } },
  playerCommandBody: { where: "body", valid: { deviceId: "device-1", uris: [TRACK] } },
  editPlaylistBody: { where: "body", valid: { baseVersion: 1, edit: { op: "add", tracks: [track], at: 0 } } },
  versionActionBody: { where: "body", valid: { action: "restore", baseVersion: 2, version: 1 } },
  tuneBody: { where: "body", valid: { prompt: "calmer", baseVersion: 1 } },
  playlistSpotifyParams: { where: "params", valid: { id: "playlist-1" } },
  requestId: { where: "body", valid: "0f8e2c1a-request" },
  createPlaylistBody: { where: "body", valid: { name: "Mix", origin: "manual", tracks: [track], requestId: "0f8e2c1a-request" } },
  playlistParams: { where: "params", valid: { id: "playlist-1" } },
  deleteAccountBody: { where: "body", valid: { confirm: "delete my account" } },
  opsQuery: { where: "query", valid: { hours: "24" } },
  retryParams: { where: "params", valid: { id: "train|nightly-2026-12-04" } },
  rollbackBody: { where: "body", valid: { toVersion: 3, reason: "acceptance fell after v4" } },
  recommendationsQuery: { where: "query", valid: { context: "chill", limit: "20", novelty: "0.3", recentDays: "30" } },
};

async function loadSchemas(): Promise<Array<{ file: string; name: string; schema: z.ZodType }>> {
  const found: Array<{ file: string; name: string; schema: z.ZodType }> = [];
  for (const file of globSync("app/api/**/schema.ts", { cwd: root }).sort()) {
    const exports = (await import(/* @vite-ignore */ join(root, file))) as Record<string, unknown>;
    for (const [name, value] of Object.entries(exports)) if (value instanceof z.ZodType) found.push({ file, name, schema: value });
  }
  return found;
}

const schemas = await loadSchemas();

/** The real wrapper around a handler that only echoes: what reaches it has passed the schema. */
function wrapped(where: Where, schema: z.ZodType): RouteHandler {
  return route({ auth: "public", [where]: schema }, () => ({ ok: true }));
}

/** A value with one key of an object changed, removed or added; anything else replaced whole. */
type Mutation = { key: string | null; value: unknown; remove: boolean };

const queryValueArb = fc.oneof(
  fc.string({ maxLength: 12 }),
  fc.constantFrom("", "0", "-1", "1e309", "NaN", "Infinity", "0x10", " 5", "2024-02-30", "true", "custom", "chill,chill", "__proto__"),
  fc.array(fc.string({ maxLength: 6 }), { minLength: 2, maxLength: 3 }),
  fc.nat({ max: 3_000 }).map((length) => "🎵".repeat(length)),
);

function mutationArb(target: Target): fc.Arbitrary<Mutation> {
  const keys = typeof target.valid === "object" && target.valid !== null ? Object.keys(target.valid) : [];
  const valueArb = target.where === "body" ? hostileValueArb : queryValueArb;
  return fc.record({
    key: fc.oneof(
      { weight: 4, arbitrary: keys.length > 0 ? fc.constantFrom(...keys) : fc.constant(null) },
      { weight: 1, arbitrary: fc.constantFrom("__proto__", "constructor", "prototype", "toString", "extra", "") },
      { weight: 1, arbitrary: fc.constant(null) },
    ),
    value: valueArb,
    remove: fc.boolean(),
  });
}

function applyMutation(valid: unknown, { key, value, remove }: Mutation): unknown {
  if (key === null || typeof valid !== "object" || valid === null) return value;
  const copy: Record<string, unknown> = {};
  for (const [name, old] of Object.entries(valid)) if (!(remove && name === key)) copy[name] = old;
  // defineProperty: a key such as __proto__ stays a plain key, as JSON.parse makes it.
  if (!remove) Object.defineProperty(copy, key, { value, enumerable: true, writable: true, configurable: true });
  return copy;
}

function requestFor(where: Where, input: unknown, rawBody?: string): { request: Request; context: { params: Promise<never> } } {
  const url = new URL("http://127.0.0.1:3000/api/target");
  if (where === "query" && typeof input === "object" && input !== null) {
    for (const [name, value] of Object.entries(input)) {
      for (const item of Array.isArray(value) ? value : [value])
        url.searchParams.append(name, typeof item === "string" ? item : JSON.stringify(item));
    }
  }
  const params = where === "params" ? input : {};
  const body = where === "body" ? (rawBody ?? JSON.stringify(input) ?? "null") : undefined;
  const request = new Request(url, {
    method: where === "body" ? "POST" : "GET",
    ...(body === undefined ? {} : { body, headers: { "content-type": "application/json" } }),
  });
  return { request, context: { params: Promise.resolve(params as never) } };
}

/** A 2xx, or a 4xx problem whose field paths start at `where` (and name `key` when one key was broken). */
async function expectAnswered(where: Where, response: Response, key: string | null, known: boolean) {
  expect(response.status, "a 5xx for generated input").toBeLessThan(500);
  if (response.ok) return;
  expect(response.status).toBeGreaterThanOrEqual(400);
  expect(response.headers.get("content-type")).toBe(PROBLEM_CONTENT_TYPE);
  const problem = (await response.json()) as ProblemDetails;
  expect(["validation_failed", "invalid_json"]).toContain(problem.code);
  if (problem.code === "invalid_json") return;
  expect(problem.errors?.length, "a validation problem without field errors").toBeGreaterThan(0);
  for (const error of problem.errors ?? []) {
    expect(error.field).toMatch(new RegExp(`^${where}(\\.|$)`));
    expect(error.message.length).toBeGreaterThan(0);
  }
  if (key !== null && key !== "") {
    // The broken key is named; a key the request should have may also be reported by a rule on the
    // whole object ("send exactly one of…"), a key it should not have never is.
    const named = (problem.errors ?? []).some((error) => error.field.startsWith(`${where}.${key}`) || (known && error.field === where));
    expect(named, `no error names ${where}.${key}: ${JSON.stringify(problem.errors)}`).toBe(true);
  }
}

describe("every API request schema, fed generated input through route()", { timeout: 120_000 }, () => {
  it("has a property target (a new schema.ts export needs one here)", () => {
    expect(schemas.length).toBeGreaterThan(20);
    const missing = schemas.filter(({ name }) => !(name in TARGETS)).map(({ file, name }) => `${name} in ${file}`);
    expect(missing).toEqual([]);
    const unused = Object.keys(TARGETS).filter((name) => !schemas.some((schema) => schema.name === name));
    expect(unused).toEqual([]);
  });

  it("accepts each target's valid example", async () => {
    for (const [name, target] of Object.entries(TARGETS)) {
      const schema = schemas.find((entry) => entry.name === name)?.schema as z.ZodType;
      const { request, context } = requestFor(target.where, target.valid);
      expect((await wrapped(target.where, schema)(request, context)).status, name).toBe(200);
    }
  });

  const unique = [...new Map(schemas.map((entry) => [entry.name, entry])).values()];
  for (const { name, schema } of unique) {
    const target = TARGETS[name];
    if (!target) continue;
    it(`${name} (${target.where}): broken fields, hostile keys, any JSON, broken JSON`, async () => {
      const handler = wrapped(target.where, schema);
      const inputArb = fc.oneof(
        {
          weight: 6,
          arbitrary: mutationArb(target).map((mutation) => ({
            input: applyMutation(target.valid, mutation),
            // A schema of one value (not an object) is replaced whole: no key to name.
            key: typeof target.valid === "object" ? mutation.key : null,
          })),
        },
        { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }).map((input) => ({ input, key: null })) },
        ...(target.where === "body"
          ? [{ weight: 1, arbitrary: fc.string({ maxLength: 40 }).map((raw) => ({ input: undefined, key: null, raw })) }]
          : []),
      );
      await fc.assert(
        fc.asyncProperty(inputArb, async (generated) => {
          const raw = "raw" in generated ? (generated.raw as string) : undefined;
          const { request, context } = requestFor(target.where, generated.input, raw);
          const known =
            generated.key !== null && typeof target.valid === "object" && target.valid !== null && generated.key in target.valid;
          await expectAnswered(target.where, await handler(request, context), generated.key, known);
        }),
        propertyParameters(),
      );
    });
  }
});
