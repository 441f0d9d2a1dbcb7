/**
 * The fake Spotify against Spotify's OpenAPI description (sonallux/spotify-web-api's corrected
 * spec, version 2026.5.31, vendored beside this file): every response body the fake sends for the endpoints EchoTune uses, success
 * and error, must validate against the schema the spec gives for that operation and status.
 */
import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import Ajv, { type ValidateFunction } from "ajv";
import addFormats from "ajv-formats";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { startFakeSpotify, type FakeSpotify } from "./server";
import { fakeWorld } from "./world";

/** Vendored: a newer spec is dropped in here and the test says what the fake must change. */
const SPEC_PATH = fileURLToPath(new URL("./spotify-openapi.yml", import.meta.url));

type SpecNode = Record<string, unknown>;
type Method = "get" | "post" | "put" | "delete";

function loadSpec(): SpecNode {
  if (!existsSync(SPEC_PATH))
    throw new Error(`Spotify's OpenAPI description is missing: expected ${SPEC_PATH}, which the repository ships.`);
  return parse(readFileSync(SPEC_PATH, "utf8")) as SpecNode;
}

const spec = loadSpec();
// OpenAPI 3.0 schemas are not strict JSON Schema (`example`, `discriminator`, `x-*`,
// `deprecated`): strict mode off ignores those. Ajv 8 implements OpenAPI's `nullable: true`
// itself (it adds null to `type`; it must sit beside a `type`, which the first test checks).
const ajv = new Ajv({ strict: false, allErrors: true });
addFormats(ajv);
ajv.addFormat("int32", { type: "number", validate: (value: number) => Number.isInteger(value) && Math.abs(value) <= 2 ** 31 });
ajv.addFormat("int64", { type: "number", validate: (value: number) => Number.isSafeInteger(value) });
ajv.addSchema(spec, "spotify");

const escapePointer = (segment: string) => segment.replace(/~/g, "~0").replace(/\//g, "~1");

function atPointer(pointer: string): SpecNode | undefined {
  let node: unknown = spec;
  for (const raw of pointer.replace(/^#\//, "").split("/")) {
    const segment = raw.replace(/~1/g, "/").replace(/~0/g, "~");
    node = node && typeof node === "object" ? (node as SpecNode)[segment] : undefined;
  }
  return node as SpecNode | undefined;
}

/**
 * Known mistakes of the spec, checked against the reference: the /me/library 400 is described as
 * a bare ErrorObject, but every Web API error comes in the `{"error": ErrorObject}` envelope
 * (reference 3.1, which names this very case), and so does the fake's.
 */
const ENVELOPED_ERRATA = new Set(["put /me/library 400", "delete /me/library 400"]);

const validators = new Map<string, ValidateFunction | "empty">();

/**
 * The validator for an operation's response: paths[path][method].responses[status], through a
 * `$ref` to #/components/responses/*, to content['application/json'].schema; "empty" when the
 * spec describes no body. The spec lists only 401/403/429 errors on most operations, so a 400 or
 * 404 it does not list is checked against its generic BadRequest / NotFound responses.
 */
function validatorFor(method: Method, path: string, status: number): ValidateFunction | "empty" {
  const key = `${method} ${path} ${status}`;
  const known = validators.get(key);
  if (known) return known;
  const operation = atPointer(`#/paths/${escapePointer(path)}/${method}`);
  if (!operation) throw new Error(`The spec has no operation ${method.toUpperCase()} ${path}`);
  let pointer = `#/paths/${escapePointer(path)}/${method}/responses/${status}`;
  let response = atPointer(pointer);
  if (!response) {
    const generic = status === 400 ? "BadRequest" : status === 404 ? "NotFound" : undefined;
    if (!generic) throw new Error(`The spec lists no ${status} response for ${method.toUpperCase()} ${path}`);
    pointer = `#/components/responses/${generic}`;
    response = atPointer(pointer);
  }
  for (let hops = 0; typeof response?.$ref === "string" && hops < 10; hops++) {
    pointer = response.$ref as string;
    response = atPointer(pointer);
  }
  if (!response) throw new Error(`Unresolvable response ${pointer} for ${key}`);
  const media = (response.content as SpecNode | undefined)?.["application/json"] as SpecNode | undefined;
  let validator: ValidateFunction | "empty";
  if (!media?.schema) validator = "empty";
  else if (ENVELOPED_ERRATA.has(key)) {
    expect((media.schema as SpecNode).$ref).toBe("#/components/schemas/ErrorObject");
    validator = ajv.compile({
      type: "object",
      required: ["error"],
      properties: { error: { $ref: "spotify#/components/schemas/ErrorObject" } },
    });
  } else {
    const found = ajv.getSchema(`spotify${pointer}/content/application~1json/schema`);
    if (!found) throw new Error(`Ajv could not compile the schema at ${pointer}`);
    validator = found;
  }
  validators.set(key, validator);
  return validator;
}

let fake: FakeSpotify;
let token: string;

const SCOPES =
  "user-read-private user-read-email user-top-read user-read-recently-played user-library-read user-library-modify playlist-read-private playlist-read-collaborative playlist-modify-private playlist-modify-public user-read-playback-state user-modify-playback-state";

beforeAll(async () => {
  fake = await startFakeSpotify();
  fakeWorld(); // built once here, so no single request pays for it
});
afterAll(() => fake.close());
beforeEach(() => {
  fake.state.reset();
  token = fake.state.issueTokens(fake.state.user.id, SCOPES, false).access_token;
});

interface Answer {
  status: number;
  headers: Headers;
  text: string;
  body: unknown;
}

interface Call {
  /** The spec's operation: method and templated path (relative to /v1). */
  op: [Method, string];
  /** The concrete path and query, relative to /v1. */
  path: string;
  body?: unknown;
  /** null: no Authorization header; a string: that bearer token. */
  auth?: string | null;
}

/** Calls the fake, then checks the answer against the spec's schema for that operation and status. */
async function conforming(call: Call, expectedStatus?: number): Promise<Answer> {
  const [method, template] = call.op;
  const auth = call.auth === undefined ? token : call.auth;
  const response = await fetch(`${fake.apiUrl}${call.path}`, {
    method: method.toUpperCase(),
    headers: {
      ...(auth === null ? {} : { authorization: `Bearer ${auth}` }),
      ...(call.body !== undefined ? { "content-type": "application/json" } : {}),
    },
    body: call.body !== undefined ? JSON.stringify(call.body) : undefined,
  });
  const text = await response.text();
  const label = `${method.toUpperCase()} ${call.path} → ${response.status}`;
  if (expectedStatus !== undefined) expect(response.status, `${label}: ${text.slice(0, 300)}`).toBe(expectedStatus);
  const validator = validatorFor(method, template, response.status);
  if (validator === "empty") {
    expect(text, `${label} must have no body`).toBe("");
    return { status: response.status, headers: response.headers, text, body: undefined };
  }
  expect(response.headers.get("content-type"), label).toMatch(/^application\/json/);
  const body: unknown = JSON.parse(text);
  const valid = validator(body);
  expect(
    valid,
    `${label} does not match ${method.toUpperCase()} ${template} in the spec:\n${ajv.errorsText(validator.errors, { separator: "\n", dataVar: "body" })}`,
  ).toBe(true);
  return { status: response.status, headers: response.headers, text, body };
}

const world = () => fakeWorld();
/** A track and artist that appear on other artists' records too, and an album. */
function samples() {
  const { catalog, appearsOn } = world();
  const featured = [...appearsOn.keys()][0] ?? "";
  const track = catalog.tracks.find((candidate) => candidate.artistIds.length > 1) ?? catalog.tracks[0];
  const album = catalog.albums[0];
  if (!track || !album) throw new Error("empty demo catalog");
  return { track, album, artistId: featured };
}

async function ownPlaylistId(): Promise<string> {
  const { body } = await conforming(
    { op: ["post", "/me/playlists"], path: "/me/playlists", body: { name: "Contract", public: false } },
    201,
  );
  return (body as { id: string }).id;
}

function friendsPlaylistId(collaborative: boolean): string {
  const playlist = fake.state.library.playlists.find((candidate) => candidate.ownerId !== "" && candidate.collaborative === collaborative);
  if (!playlist) throw new Error("no friend's playlist");
  return playlist.id;
}

const DEVICE = "5fbb3ba6aa454b5534c4ba43a8c7e8e45a63ad0e";

/** Every endpoint EchoTune calls, with a request that succeeds once the listener is set up. */
function endpoints(): Call[] {
  const { track, album, artistId } = samples();
  const ownPlaylist = fake.state.library.playlists.find((playlist) => playlist.ownerId === "")?.id ?? "";
  return [
    { op: ["get", "/me"], path: "/me" },
    { op: ["get", "/me/top/tracks"], path: "/me/top/tracks" },
    { op: ["get", "/me/top/artists"], path: "/me/top/artists" },
    { op: ["get", "/me/player/recently-played"], path: "/me/player/recently-played" },
    { op: ["get", "/me/tracks"], path: "/me/tracks" },
    { op: ["get", "/search"], path: "/search?q=a&type=track" },
    { op: ["get", "/tracks/{id}"], path: `/tracks/${track.id}` },
    { op: ["get", "/artists/{id}"], path: `/artists/${artistId}` },
    { op: ["get", "/artists/{id}/albums"], path: `/artists/${artistId}/albums` },
    { op: ["get", "/albums/{id}/tracks"], path: `/albums/${album.id}/tracks` },
    { op: ["get", "/me/playlists"], path: "/me/playlists" },
    { op: ["post", "/me/playlists"], path: "/me/playlists", body: { name: "x" } },
    { op: ["get", "/playlists/{playlist_id}"], path: `/playlists/${ownPlaylist}` },
    { op: ["get", "/playlists/{playlist_id}/items"], path: `/playlists/${ownPlaylist}/items` },
    {
      op: ["post", "/playlists/{playlist_id}/items"],
      path: `/playlists/${ownPlaylist}/items`,
      body: { uris: [`spotify:track:${track.id}`] },
    },
    {
      op: ["put", "/playlists/{playlist_id}/items"],
      path: `/playlists/${ownPlaylist}/items`,
      body: { uris: [`spotify:track:${track.id}`] },
    },
    { op: ["put", "/playlists/{playlist_id}"], path: `/playlists/${ownPlaylist}`, body: { name: "Renamed" } },
    { op: ["put", "/me/library"], path: `/me/library?uris=spotify:track:${track.id}` },
    { op: ["delete", "/me/library"], path: `/me/library?uris=spotify:track:${track.id}` },
    { op: ["get", "/me/player"], path: "/me/player" },
    { op: ["get", "/me/player/devices"], path: "/me/player/devices" },
    { op: ["put", "/me/player/play"], path: `/me/player/play?device_id=${DEVICE}`, body: { uris: [`spotify:track:${track.id}`] } },
    { op: ["put", "/me/player/pause"], path: "/me/player/pause" },
    { op: ["post", "/me/player/next"], path: "/me/player/next" },
    { op: ["post", "/me/player/queue"], path: `/me/player/queue?uri=spotify:track:${track.id}` },
  ];
}

describe("the spec itself", () => {
  it("compiles: every component schema (ajv reports `nullable` without `type` as an error)", () => {
    const schemas = Object.keys((spec.components as SpecNode).schemas as SpecNode);
    expect(schemas.length).toBeGreaterThan(80);
    for (const name of schemas) expect(ajv.getSchema(`spotify#/components/schemas/${name}`), name).toBeTypeOf("function");
  });

  it("applies OpenAPI nullable: null passes where nullable, fails where not", () => {
    const page = ajv.getSchema("spotify#/components/schemas/PagingObject");
    const base = { href: "h", items: [], limit: 1, offset: 0, total: 0 };
    expect(page?.({ ...base, next: null, previous: null })).toBe(true);
    const image = ajv.getSchema("spotify#/components/schemas/ImageObject");
    expect(image?.({ url: "u", height: null, width: null })).toBe(true);
    expect(image?.({ url: null, height: 300, width: 300 })).toBe(false);
  });
});

describe("fake Spotify responses match the OpenAPI description", () => {
  it("GET /me", async () => {
    await conforming({ op: ["get", "/me"], path: "/me" }, 200);
  });

  it("GET /me/top/tracks and /me/top/artists for each time range, with paging", async () => {
    for (const range of ["short_term", "medium_term", "long_term"]) {
      for (const kind of ["tracks", "artists"]) {
        const { body } = await conforming(
          { op: ["get", `/me/top/${kind}`], path: `/me/top/${kind}?time_range=${range}&limit=7&offset=3` },
          200,
        );
        const page = body as { items: unknown[]; limit: number; offset: number; href: string; previous: string | null };
        expect(page.items).toHaveLength(7);
        expect(page).toMatchObject({ limit: 7, offset: 3 });
        expect(page.href).toBe(`${fake.apiUrl}/me/top/${kind}?time_range=${range}&offset=3&limit=7`);
        expect(page.previous).toBe(`${fake.apiUrl}/me/top/${kind}?time_range=${range}&offset=0&limit=7`);
      }
    }
    await conforming({ op: ["get", "/me/top/tracks"], path: "/me/top/tracks?limit=51" }, 400);
    await conforming({ op: ["get", "/me/top/artists"], path: "/me/top/artists?time_range=forever" }, 400);
  });

  it("GET /me/player/recently-played: newest first, ms cursors, after/before, both at once is 400", async () => {
    const { body } = await conforming({ op: ["get", "/me/player/recently-played"], path: "/me/player/recently-played?limit=10" }, 200);
    const page = body as { items: Array<{ played_at: string }>; cursors: { after: string; before: string }; next: string };
    expect(page.items).toHaveLength(10);
    const times = page.items.map((item) => Date.parse(item.played_at));
    expect([...times].sort((a, b) => b - a)).toEqual(times);
    expect(page.cursors).toEqual({ after: String(times[0]), before: String(times[9]) });
    expect(page.next).toBe(`${fake.apiUrl}/me/player/recently-played?limit=10&before=${page.cursors.before}`);
    await conforming({ op: ["get", "/me/player/recently-played"], path: `/me/player/recently-played?before=${page.cursors.before}` }, 200);
    // Nothing after the newest play: no items, and (spec: non-nullable) no cursors or next.
    const { body: empty } = await conforming(
      { op: ["get", "/me/player/recently-played"], path: `/me/player/recently-played?after=${page.cursors.after}` },
      200,
    );
    expect(empty).toMatchObject({ items: [], total: 0 });
    await conforming({ op: ["get", "/me/player/recently-played"], path: "/me/player/recently-played?after=1&before=2" }, 400);
    await conforming({ op: ["get", "/me/player/recently-played"], path: "/me/player/recently-played?limit=51" }, 400);
  });

  it("GET /me/tracks", async () => {
    const { body } = await conforming({ op: ["get", "/me/tracks"], path: "/me/tracks?limit=50&offset=10" }, 200);
    expect((body as { items: unknown[] }).items).toHaveLength(50);
  });

  it("GET /search: tracks, artists, albums and the types the fake has nothing for; limit above 10 is 400", async () => {
    const { body } = await conforming({ op: ["get", "/search"], path: "/search?q=a&type=track,artist,album&limit=10&offset=5" }, 200);
    const results = body as Record<string, { items: unknown[]; next: string | null }>;
    for (const type of ["tracks", "artists", "albums"]) expect(results[type]?.items).toHaveLength(10);
    await conforming({ op: ["get", "/search"], path: "/search?q=zzzzqqq&type=playlist,show,episode,audiobook" }, 200);
    const { body: error } = await conforming({ op: ["get", "/search"], path: "/search?q=a&type=track&limit=11" }, 400);
    expect(error).toEqual({ error: { status: 400, message: "Invalid limit" } });
    await conforming({ op: ["get", "/search"], path: "/search?type=track" }, 400);
    await conforming({ op: ["get", "/search"], path: "/search?q=a&type=tracks" }, 400);
  });

  it("GET /tracks/{id}, /artists/{id} (with genres), /artists/{id}/albums (every group), /albums/{id}/tracks", async () => {
    const { track, album, artistId } = samples();
    const { body: one } = await conforming({ op: ["get", "/tracks/{id}"], path: `/tracks/${track.id}` }, 200);
    expect(one).toMatchObject({ id: track.id, type: "track", uri: `spotify:track:${track.id}` });
    const { body: artist } = await conforming({ op: ["get", "/artists/{id}"], path: `/artists/${artistId}` }, 200);
    expect((artist as { genres: string[] }).genres.length).toBeGreaterThan(0);
    const { body: albums } = await conforming(
      {
        op: ["get", "/artists/{id}/albums"],
        path: `/artists/${artistId}/albums?include_groups=album,single,compilation,appears_on&limit=10`,
      },
      200,
    );
    expect((albums as { items: Array<{ album_group: string }> }).items.some((item) => item.album_group === "appears_on")).toBe(true);
    await conforming({ op: ["get", "/artists/{id}/albums"], path: `/artists/${artistId}/albums?limit=11` }, 400);
    await conforming({ op: ["get", "/albums/{id}/tracks"], path: `/albums/${album.id}/tracks?limit=50` }, 200);
  });

  it("unknown ids are 404 Resource not found; malformed ones 400 Invalid base62 id", async () => {
    const unknown = "0000000000000000000000";
    for (const [template, path] of [
      ["/tracks/{id}", `/tracks/${unknown}`],
      ["/artists/{id}", `/artists/${unknown}`],
      ["/artists/{id}/albums", `/artists/${unknown}/albums`],
      ["/albums/{id}/tracks", `/albums/${unknown}/tracks`],
      ["/playlists/{playlist_id}", `/playlists/${unknown}`],
      ["/playlists/{playlist_id}/items", `/playlists/${unknown}/items`],
    ] as const) {
      const { body } = await conforming({ op: ["get", template], path }, 404);
      expect(body).toEqual({ error: { status: 404, message: "Resource not found" } });
      const { body: malformed } = await conforming({ op: ["get", template], path: path.replace(unknown, "not-an-id") }, 400);
      expect(malformed).toEqual({ error: { status: 400, message: "Invalid base62 id" } });
    }
    const add = {
      op: ["post", "/playlists/{playlist_id}/items"] as [Method, string],
      body: { uris: [`spotify:track:${samples().track.id}`] },
    };
    await conforming({ ...add, path: `/playlists/${unknown}/items` }, 404);
    await conforming({ ...add, path: "/playlists/not-an-id/items" }, 400);
  });

  it("playlists: list, create (201), read, items of own and collaborative ones, add (201), 403 for others", async () => {
    await conforming({ op: ["get", "/me/playlists"], path: "/me/playlists?limit=50" }, 200);
    const id = await ownPlaylistId();
    const { body: created } = await conforming({ op: ["get", "/playlists/{playlist_id}"], path: `/playlists/${id}` }, 200);
    expect(created).toMatchObject({ id, name: "Contract", public: false, owner: { id: fake.state.user.id } });
    await conforming({ op: ["post", "/me/playlists"], path: "/me/playlists", body: { description: "no name" } }, 400);
    const { track } = samples();
    const uris = Array.from({ length: 100 }, () => `spotify:track:${track.id}`);
    const { body: added } = await conforming(
      { op: ["post", "/playlists/{playlist_id}/items"], path: `/playlists/${id}/items`, body: { uris } },
      201,
    );
    expect((added as { snapshot_id: string }).snapshot_id).toEqual(expect.any(String));
    await conforming(
      { op: ["post", "/playlists/{playlist_id}/items"], path: `/playlists/${id}/items`, body: { uris: [...uris, uris[0]] } },
      400,
    );
    await conforming(
      { op: ["post", "/playlists/{playlist_id}/items"], path: `/playlists/${id}/items`, body: { uris: uris.slice(0, 1), position: 1000 } },
      400,
    );
    const { body: items } = await conforming(
      { op: ["get", "/playlists/{playlist_id}/items"], path: `/playlists/${id}/items?limit=50&offset=50` },
      200,
    );
    const first = (items as { items: Array<{ item: { id: string }; track: { id: string } }> }).items[0];
    expect(first?.item.id).toBe(track.id);
    expect(first?.track).toEqual(first?.item);
    await conforming({ op: ["get", "/playlists/{playlist_id}/items"], path: `/playlists/${friendsPlaylistId(true)}/items` }, 200);
    // Followed, not collaborative: no items in the playlist, 403 on its items.
    const other = friendsPlaylistId(false);
    const { body: followed } = await conforming({ op: ["get", "/playlists/{playlist_id}"], path: `/playlists/${other}` }, 200);
    expect(followed).not.toHaveProperty("items");
    const { body: forbidden } = await conforming({ op: ["get", "/playlists/{playlist_id}/items"], path: `/playlists/${other}/items` }, 403);
    expect(forbidden).toEqual({ error: { status: 403, message: "Forbidden" } });
    await conforming(
      { op: ["post", "/playlists/{playlist_id}/items"], path: `/playlists/${other}/items`, body: { uris: uris.slice(0, 1) } },
      403,
    );
  });

  it("PUT /playlists/{id}/items: replace (200, up to 100, empty clears), reorder, never both; 403 for others", async () => {
    const id = await ownPlaylistId();
    const tracks = world().catalog.tracks.slice(0, 101);
    const uris = tracks.map((track) => `spotify:track:${track.id}`);
    const put = (body: unknown, path = `/playlists/${id}/items`) =>
      conforming({ op: ["put", "/playlists/{playlist_id}/items"], path, body }, undefined);
    const entries = () => fake.state.library.playlists.find((playlist) => playlist.id === id)?.entries.map((entry) => entry.uri);

    const replaced = await put({ uris: uris.slice(0, 100) });
    expect(replaced.status).toBe(200);
    expect((replaced.body as { snapshot_id: string }).snapshot_id).toEqual(expect.any(String));
    expect(entries()).toEqual(uris.slice(0, 100));
    expect((await put({ uris })).body).toEqual({ error: { status: 400, message: "Too many items requested: the maximum is 100" } });
    expect(entries()).toHaveLength(100);
    // The query parameter wins over the body, as for POST.
    expect((await put({ uris: uris.slice(5, 9) }, `/playlists/${id}/items?uris=${uris.slice(0, 3).join(",")}`)).status).toBe(200);
    expect(entries()).toEqual(uris.slice(0, 3));
    // Move the first item to the end.
    expect((await put({ range_start: 0, insert_before: 3 })).status).toBe(200);
    expect(entries()).toEqual([uris[1], uris[2], uris[0]]);
    expect((await put({ range_start: 2, insert_before: 9 })).status).toBe(400);
    expect((await put({ uris: uris.slice(0, 1), range_start: 0, insert_before: 1 })).status).toBe(400);
    expect((await put({ uris: ["spotify:track:nope"] })).status).toBe(400);
    expect(entries()).toHaveLength(3);
    expect((await put({ uris: [] })).status).toBe(200);
    expect(entries()).toEqual([]);
    expect((await put({ uris: uris.slice(0, 1) }, `/playlists/${friendsPlaylistId(false)}/items`)).status).toBe(403);
    expect((await put({ uris: uris.slice(0, 1) }, "/playlists/0000000000000000000000/items")).status).toBe(404);
  });

  it("PUT /playlists/{id}: changes the owner's details (200, no body); 400 for bad values, 403 for others", async () => {
    const id = await ownPlaylistId();
    const change = (body: unknown, playlist = id) =>
      conforming({ op: ["put", "/playlists/{playlist_id}"], path: `/playlists/${playlist}`, body }, undefined);
    expect((await change({ name: "Rainy evening", description: "Trip-hop, slow" })).status).toBe(200);
    const { body } = await conforming({ op: ["get", "/playlists/{playlist_id}"], path: `/playlists/${id}` }, 200);
    expect(body).toMatchObject({ name: "Rainy evening", description: "Trip-hop, slow", public: false });
    expect((await change({ name: "" })).status).toBe(400);
    expect((await change({ public: "yes" })).status).toBe(400);
    expect((await change({ collaborative: true, public: true })).status).toBe(400);
    // A collaborator may edit the items but not the details.
    expect((await change({ name: "Mine now" }, friendsPlaylistId(true))).status).toBe(403);
    expect((await change({ name: "x" }, "0000000000000000000000")).status).toBe(404);
  });

  it("faults can name a method and let requests through first: the second add-items call fails, GETs pass", async () => {
    const id = await ownPlaylistId();
    const uris = [`spotify:track:${samples().track.id}`];
    const add = { op: ["post", "/playlists/{playlist_id}/items"] as [Method, string], path: `/playlists/${id}/items`, body: { uris } };
    fake.state.faults.push({ path: "/v1/playlists/", method: "POST", after: 1, status: 500, times: 1 });
    await conforming(add, 201);
    await conforming({ op: ["get", "/playlists/{playlist_id}/items"], path: `/playlists/${id}/items` }, 200);
    const response = await fetch(`${fake.apiUrl}/playlists/${id}/items`, {
      method: "POST",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      body: JSON.stringify({ uris }),
    });
    expect(response.status).toBe(500);
    expect(await response.json()).toEqual({ error: { status: 500, message: "Server error" } });
    await conforming(add, 201);
    expect(fake.state.library.playlists.find((playlist) => playlist.id === id)?.entries).toHaveLength(2);
  });

  it("PUT and DELETE /me/library: 200 with no body; 400 beyond 40 URIs or for a malformed one", async () => {
    const tracks = world()
      .catalog.tracks.slice(0, 40)
      .map((track) => `spotify:track:${track.id}`);
    for (const method of ["put", "delete"] as const) {
      await conforming({ op: [method, "/me/library"], path: `/me/library?uris=${tracks.join(",")}` }, 200);
      const { body } = await conforming(
        { op: [method, "/me/library"], path: `/me/library?uris=${[...tracks, "spotify:album:0000000000000000000000"].join(",")}` },
        400,
      );
      expect(body).toMatchObject({ error: { status: 400 } });
      await conforming({ op: [method, "/me/library"], path: "/me/library?uris=spotify:track:nope" }, 400);
      await conforming({ op: [method, "/me/library"], path: "/me/library" }, 400);
    }
  });

  it("the player: 204 without a device, state and devices, commands answer 204 with no body", async () => {
    await conforming({ op: ["get", "/me/player"], path: "/me/player" }, 204);
    const { body: devices } = await conforming({ op: ["get", "/me/player/devices"], path: "/me/player/devices" }, 200);
    expect((devices as { devices: unknown[] }).devices.length).toBeGreaterThan(0);
    const { album, track } = samples();
    await conforming(
      { op: ["put", "/me/player/play"], path: `/me/player/play?device_id=${DEVICE}`, body: { context_uri: `spotify:album:${album.id}` } },
      204,
    );
    const { body: state } = await conforming({ op: ["get", "/me/player"], path: "/me/player" }, 200);
    expect(state).toMatchObject({
      is_playing: true,
      device: { id: DEVICE, is_active: true },
      context: { uri: `spotify:album:${album.id}` },
    });
    await conforming({ op: ["post", "/me/player/queue"], path: `/me/player/queue?uri=spotify:track:${track.id}` }, 204);
    await conforming({ op: ["post", "/me/player/next"], path: "/me/player/next" }, 204);
    const { body: next } = await conforming({ op: ["get", "/me/player"], path: "/me/player" }, 200);
    expect(next).toMatchObject({ item: { id: track.id } });
    await conforming({ op: ["put", "/me/player/pause"], path: "/me/player/pause" }, 204);
    await conforming({ op: ["put", "/me/player/pause"], path: "/me/player/pause" }, 403);
    await conforming({ op: ["put", "/me/player/play"], path: "/me/player/play", body: { uris: [`spotify:track:${track.id}`] } }, 204);
    const { body: bare } = await conforming({ op: ["get", "/me/player"], path: "/me/player" }, 200);
    expect(bare).not.toHaveProperty("context");
  });

  it("player errors carry reference 3.4's bodies exactly: NO_ACTIVE_DEVICE (404), PREMIUM_REQUIRED (403)", async () => {
    const { track } = samples();
    const commands: Call[] = [
      { op: ["put", "/me/player/play"], path: "/me/player/play", body: { uris: [`spotify:track:${track.id}`] } },
      { op: ["put", "/me/player/pause"], path: "/me/player/pause" },
      { op: ["post", "/me/player/next"], path: "/me/player/next" },
      { op: ["post", "/me/player/queue"], path: `/me/player/queue?uri=spotify:track:${track.id}` },
    ];
    for (const command of commands) {
      const { body } = await conforming(command, 404);
      expect(body).toEqual({
        error: { status: 404, message: "Player command failed: No active device found", reason: "NO_ACTIVE_DEVICE" },
      });
    }
    fake.state.user.product = "free";
    for (const command of commands) {
      const { body } = await conforming(
        { ...command, path: `${command.path}${command.path.includes("?") ? "&" : "?"}device_id=${DEVICE}` },
        403,
      );
      expect(body).toEqual({ error: { status: 403, message: "Player command failed: Premium required", reason: "PREMIUM_REQUIRED" } });
    }
  });

  it("every endpoint: 401 without, with an unknown and with an expired token", async () => {
    for (const call of endpoints()) {
      const { body } = await conforming({ ...call, auth: null }, 401);
      expect(body).toEqual({ error: { status: 401, message: "No token provided" } });
      await conforming({ ...call, auth: "not-a-token" }, 401);
    }
    fake.state.expireAccessTokens();
    for (const call of endpoints()) {
      const { body } = await conforming(call, 401);
      expect(body).toEqual({ error: { status: 401, message: "The access token expired" } });
    }
  });

  it("every endpoint: scripted 403 and 429 (burst and quota) faults, with Retry-After", async () => {
    for (const call of endpoints()) {
      const path = `/v1${call.path.split("?")[0]}`;
      fake.state.faults.push({ path, status: 403, times: 1, message: "Insufficient client scope" });
      await conforming(call, 403);
      fake.state.faults.push({ path, status: 429, times: 1, retryAfter: 3 });
      const burst = await conforming(call, 429);
      expect(burst.body).toEqual({ error: { status: 429, message: "API rate limit exceeded" } });
      expect(burst.headers.get("retry-after")).toBe("3");
      fake.state.faults.push({ path, status: 429, times: 1, retryAfter: 7_293, reason: "QUOTA_EXCEEDED" });
      const quota = await conforming(call, 429);
      expect(quota.body).toEqual({ error: { status: 429, message: "Too many requests", reason: "QUOTA_EXCEEDED" } });
    }
  });

  it("endpoints removed for development-mode apps still answer 403 / 404 in the error envelope", async () => {
    const { track, artistId } = samples();
    const playlist = friendsPlaylistId(false);
    const removed: Array<[Call, number]> = [
      [{ op: ["get", "/recommendations"], path: `/recommendations?seed_tracks=${track.id}` }, 404],
      [{ op: ["get", "/audio-features/{id}"], path: `/audio-features/${track.id}` }, 403],
      [{ op: ["get", "/audio-features"], path: `/audio-features?ids=${track.id}` }, 403],
      [{ op: ["get", "/artists/{id}/related-artists"], path: `/artists/${artistId}/related-artists` }, 403],
      [{ op: ["get", "/artists/{id}/top-tracks"], path: `/artists/${artistId}/top-tracks` }, 403],
      [{ op: ["get", "/playlists/{playlist_id}/tracks"], path: `/playlists/${playlist}/tracks` }, 403],
      [{ op: ["get", "/tracks"], path: `/tracks?ids=${track.id}` }, 403],
      [{ op: ["get", "/browse/new-releases"], path: "/browse/new-releases" }, 403],
      [{ op: ["get", "/users/{user_id}"], path: "/users/mira-k" }, 403],
      [{ op: ["put", "/me/tracks"], path: "/me/tracks", body: { ids: [track.id] } }, 403],
    ];
    for (const [call, status] of removed) await conforming(call, status);
  });

  it("image URLs in objects resolve to the catalog's SVG cover art, without a token", async () => {
    const { body } = await conforming({ op: ["get", "/artists/{id}"], path: `/artists/${samples().artistId}` }, 200);
    const url = (body as { images: Array<{ url: string }> }).images[0]?.url ?? "";
    expect(url.startsWith(`${fake.url}/image/artist/`)).toBe(true);
    const image = await fetch(url);
    expect(image.status).toBe(200);
    expect(image.headers.get("content-type")).toMatch(/^image\/svg\+xml/);
    expect(await image.text()).toMatch(/^<svg /);
    expect((await fetch(`${fake.url}/image/album/0000000000000000000000.svg`)).status).toBe(404);
  });
});
