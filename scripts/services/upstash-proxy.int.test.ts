/**
 * The Upstash REST proxy against a real Redis, driven by the real clients (`@upstash/redis` in its
 * default base64 mode, `@upstash/ratelimit`) and by raw fetch where the wire format itself matters.
 * Every key lives under a prefix unique to this run and is deleted afterwards.
 */
import { createHash } from "node:crypto";
import { Ratelimit } from "@upstash/ratelimit";
import { Redis } from "@upstash/redis";
import { Redis as IORedis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureRedis, type RedisService } from "./redis.ts";
import { startUpstashProxy, type UpstashProxy } from "./upstash-proxy.ts";

const TOKEN = "test-token";
const prefix = `test:upstash-proxy:${process.pid}:${Date.now()}:`;
const key = (name: string) => `${prefix}${name}`;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const sha1 = (text: string) => createHash("sha1").update(text).digest("hex");

let service: RedisService;
let proxy: UpstashProxy;
let redis: Redis;
/** A direct connection, to look at what the proxy really stored. */
let direct: IORedis;

/** A raw request, for what the SDK hides: status codes, headers and the encoded body. */
async function post(path: string, body: unknown, headers: Record<string, string> = {}) {
  const response = await fetch(`${proxy.url}${path}`, {
    method: "POST",
    headers: { authorization: `Bearer ${TOKEN}`, "content-type": "application/json", ...headers },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
  return { status: response.status, headers: response.headers, body: (await response.json()) as unknown };
}

beforeAll(async () => {
  service = await ensureRedis();
  console.log(`Upstash proxy tests: Redis ${service.version} at ${service.url}${service.started ? " (started for this run)" : ""}`);
  proxy = await startUpstashProxy({ redisUrl: service.url, token: TOKEN });
  redis = new Redis({ url: proxy.url, token: TOKEN, enableTelemetry: false });
  direct = new IORedis(service.url, { protocol: 2 });
});

afterAll(async () => {
  if (direct) {
    const keys = await direct.keys(`${prefix}*`);
    if (keys.length > 0) await direct.del(...keys);
    await direct.quit();
  }
  await proxy?.close();
  await service?.stop();
});

describe("ensureRedis", () => {
  it("finds the configured Redis and reports its version", () => {
    expect(service.version).toMatch(/^\d+\.\d+/);
  });

  it("starts a throwaway redis-server when nothing answers, or says how to get one", async () => {
    const unreachable = "redis://127.0.0.1:1";
    const outcome = await ensureRedis({ url: unreachable }).then(
      (started) => ({ started }),
      (error: Error) => ({ error }),
    );
    if ("started" in outcome) {
      const { started } = outcome;
      expect(started).toMatchObject({ started: true, version: expect.stringMatching(/^\d+\.\d+/) });
      expect(started.url).not.toBe(unreachable);
      const client = new IORedis(started.url, { protocol: 2 });
      expect(await client.ping()).toBe("PONG");
      client.disconnect();
      await started.stop();
      const gone = new IORedis(started.url, { protocol: 2, lazyConnect: true, retryStrategy: () => null });
      gone.on("error", () => {});
      await expect(gone.connect()).rejects.toThrow();
      gone.disconnect();
    } else {
      expect(outcome.error.message).toMatch(/apt-get install -y redis-server/);
      expect(outcome.error.message).toMatch(/REDIS_URL/);
    }
  });
});

describe("Upstash REST proxy", () => {
  it("answers the health check without a token", async () => {
    const response = await fetch(`${proxy.url}/`);
    expect(response.status).toBe(200);
    expect(typeof (await response.json())).toBe("string");
  });

  it("round-trips strings that look like base64, JSON, unicode and control characters", async () => {
    const cases: Array<[string, unknown]> = [
      ["base64-lookalike", "YmFy"],
      ["ok", "OK"],
      ["unicode", "héllo wörld · 日本語 · 🎵"],
      ["binary-ish", "\u0000\u0001\u0002\r\n\t\u007f\u00ff end"],
      ["json", { a: 1, b: [true, null, "x"] }],
    ];
    for (const [name, value] of cases) {
      expect(await redis.set(key(name), value)).toBe("OK");
      expect(await redis.get(key(name))).toEqual(value);
    }
    // The proxy stored the bytes as sent, not a decoded or re-encoded form.
    expect(await direct.get(key("base64-lookalike"))).toBe("YmFy");
    expect(await direct.get(key("json"))).toBe('{"a":1,"b":[true,null,"x"]}');
    expect(await redis.get(key("missing"))).toBeNull();

    // "OK" inside an array too: the SDK's array decoder does not special-case it.
    await redis.rpush(key("list"), "OK", "YmFy", "plain");
    expect(await redis.lrange(key("list"), 0, -1)).toEqual(["OK", "YmFy", "plain"]);
  });

  it("encodes results as base64 only when asked, never the top-level OK or errors", async () => {
    const set = await post("/", ["SET", key("wire"), "bar"], { "upstash-encoding": "base64" });
    expect(set).toMatchObject({ status: 200, body: { result: "OK" } });
    expect(Number(set.headers.get("upstash-sync-token"))).toBeGreaterThan(0);

    expect((await post("/", ["GET", key("wire")], { "upstash-encoding": "base64" })).body).toEqual({ result: "YmFy" });
    expect((await post("/", ["GET", key("wire")])).body).toEqual({ result: "bar" });
    expect((await post("/", ["rpush", key("wire-list"), "a", 2, true])).body).toEqual({ result: 3 });
    expect((await post("/", ["LRANGE", key("wire-list"), 0, -1], { "upstash-encoding": "base64" })).body).toEqual({
      result: ["YQ==", "Mg==", "dHJ1ZQ=="],
    });
    const error = await post("/", ["INCR", key("wire")], { "upstash-encoding": "base64" });
    expect(error).toMatchObject({ status: 400, body: { error: "ERR value is not an integer or out of range" } });

    const next = await post("/", ["GET", key("wire")]);
    expect(Number(next.headers.get("upstash-sync-token"))).toBeGreaterThan(Number(set.headers.get("upstash-sync-token")));
  });

  it("maps replies as Upstash does: flat HGETALL, scores as strings, SCAN cursor as a string", async () => {
    await redis.hset(key("hash"), { f: "v", n: 1 });
    expect(await redis.hgetall(key("hash"))).toEqual({ f: "v", n: 1 });
    expect((await post("/", ["HGETALL", key("hash")])).body).toEqual({ result: ["f", "v", "n", "1"] });

    await redis.zadd(key("zset"), { score: 1.5, member: "m" });
    expect((await post("/", ["ZRANGE", key("zset"), 0, -1, "WITHSCORES"])).body).toEqual({ result: ["m", "1.5"] });
    expect(await redis.zrange(key("zset"), 0, -1, { withScores: true })).toEqual(["m", 1.5]);

    const scan = (await post("/", ["SCAN", 0, "MATCH", key("hash"), "COUNT", 1000])).body as { result: [string, string[]] };
    expect(typeof scan.result[0]).toBe("string");
    expect(Array.isArray(scan.result[1])).toBe(true);
  });

  it("increments, and expires keys set with a short PX", async () => {
    expect(await redis.incr(key("counter"))).toBe(1);
    expect(await redis.incrby(key("counter"), 41)).toBe(42);
    await redis.set(key("text"), "not a number");
    await expect(redis.incr(key("text"))).rejects.toThrow(/ERR value is not an integer or out of range/);

    await redis.set(key("short"), "soon gone", { px: 200 });
    expect(await redis.get(key("short"))).toBe("soon gone");
    expect(await redis.pttl(key("short"))).toBeGreaterThan(0);
    await sleep(350);
    expect(await redis.get(key("short"))).toBeNull();
    expect(await redis.exists(key("short"))).toBe(0);
  });

  it("runs pipelines in order and reports errors per item", async () => {
    const pipeline = redis.pipeline();
    pipeline.set(key("pipe"), "a");
    pipeline.incr(key("pipe"));
    pipeline.get(key("pipe"));
    const results = await pipeline.exec({ keepErrors: true });
    expect(results).toEqual([
      { result: "OK", error: undefined },
      { result: undefined, error: "ERR value is not an integer or out of range" },
      { result: "a", error: undefined },
    ]);

    const failing = redis.pipeline();
    failing.get(key("pipe"));
    failing.incr(key("pipe"));
    await expect(failing.exec()).rejects.toThrow(/Command 2 \[ incr \] failed: ERR value is not an integer/);

    const raw = await post("/pipeline", [
      ["SET", key("pipe-raw"), 1],
      ["INCR", key("pipe-raw")],
      ["HGET", key("pipe-raw"), "f"],
    ]);
    expect(raw.status).toBe(200);
    expect(raw.body).toEqual([
      { result: "OK" },
      { result: 2 },
      { error: "WRONGTYPE Operation against a key holding the wrong kind of value" },
    ]);
  });

  it("runs multi-exec atomically on its own connection", async () => {
    const tx = redis.multi();
    tx.set(key("tx"), 1);
    tx.incr(key("tx"));
    tx.get(key("tx"));
    expect(await tx.exec()).toEqual(["OK", 2, 2]);

    // Two INCRs inside a transaction stay adjacent while plain INCRs on the same key race them.
    const counter = key("tx-counter");
    const transactions = Array.from({ length: 20 }, () => {
      const multi = redis.multi();
      multi.incr(counter);
      multi.incr(counter);
      return multi.exec<[number, number]>();
    });
    const singles = Array.from({ length: 20 }, () => redis.incr(counter));
    const [txResults] = await Promise.all([Promise.all(transactions), Promise.all(singles)]);
    for (const [first, second] of txResults) expect(second).toBe(first + 1);
    expect(await redis.get(counter)).toBe(60);

    // A command failing at run time fails alone; the others still ran.
    const partial = redis.multi();
    partial.set(key("tx-partial"), "x");
    partial.incr(key("tx-partial"));
    partial.get(key("tx-partial"));
    expect(await partial.exec({ keepErrors: true })).toEqual([
      { result: "OK", error: undefined },
      { result: undefined, error: "ERR value is not an integer or out of range" },
      { result: "x", error: undefined },
    ]);
  });

  it("answers a discarded transaction with one 400 error and runs none of it", async () => {
    const discarded = await post("/multi-exec", [
      ["SET", key("tx-discarded"), "v"],
      ["SET", key("tx-discarded")],
    ]);
    expect(discarded.status).toBe(400);
    expect(discarded.body).toEqual({ error: "ERR wrong number of arguments for 'set' command" });
    expect(await direct.exists(key("tx-discarded"))).toBe(0);

    const nested = await post("/", ["MULTI"]);
    expect(nested.status).toBe(400);
    expect(nested.body).toMatchObject({ error: expect.stringMatching(/not available: 'MULTI'/) });
  });

  it("passes EVALSHA, EVAL and SCRIPT LOAD through, so NOSCRIPT reaches the client", async () => {
    const script = `-- ${prefix}\nreturn {KEYS[1], ARGV[1]}`;
    const sha = sha1(script);
    const raw = await post("/", ["EVALSHA", sha, 1, key("script"), "arg"]);
    expect(raw).toMatchObject({ status: 400, body: { error: "NOSCRIPT No matching script. Please use EVAL." } });
    await expect(redis.evalsha(sha, [key("script")], ["arg"])).rejects.toThrow(/NOSCRIPT/);

    expect(await redis.eval(script, [key("script")], ["arg"])).toEqual([key("script"), "arg"]);
    expect(await redis.evalsha(sha, [key("script")], ["again"])).toEqual([key("script"), "again"]);

    // The SDK's Script does the EVALSHA → NOSCRIPT → EVAL dance itself.
    const fresh = redis.createScript<string>(`-- ${prefix} fresh\nreturn ARGV[1]`);
    expect(await fresh.exec([], ["first"])).toBe("first");
    expect(await fresh.exec([], ["second"])).toBe("second");
  });

  it("rewrites @upstash/ratelimit's shebang scripts and keeps their SHA working", async () => {
    const script = `#!lua flags=allow-key-locking\n-- ${prefix}\nreturn redis.call("INCR", KEYS[1])`;
    const sha = sha1(script);
    await expect(redis.evalsha(sha, [key("shebang")], [])).rejects.toThrow(/NOSCRIPT/);
    expect(await redis.eval(script, [key("shebang")], [])).toBe(1);
    expect(await redis.evalsha(sha, [key("shebang")], [])).toBe(2);
    expect(await redis.scriptExists(sha)).toEqual([1]);
    // Redis holds the script under the rewritten text's SHA; the client never sees that one.
    expect(await direct.script("EXISTS", sha1(`--${script}`))).toEqual([1]);

    const loaded = `#!lua flags=allow-key-locking\n-- ${prefix} loaded\nreturn ARGV[1]`;
    expect(await redis.scriptLoad(loaded)).toBe(sha1(loaded));
    expect(await redis.evalsha(sha1(loaded), [], ["via load"])).toBe("via load");
  });

  it("rejects a wrong or missing token with 401 Unauthorized", async () => {
    const intruder = new Redis({ url: proxy.url, token: "wrong-token", enableTelemetry: false });
    await expect(intruder.get(key("anything"))).rejects.toThrow(/Unauthorized/);

    const missing = await fetch(proxy.url, { method: "POST", headers: { "content-type": "application/json" }, body: '["PING"]' });
    expect(missing.status).toBe(401);
    expect(await missing.json()).toEqual({ error: "Unauthorized" });

    const basic = await post("/", ["PING"], { authorization: `Basic ${TOKEN}` });
    expect(basic).toMatchObject({ status: 401, body: { error: "Unauthorized" } });
  });

  it("accepts only JSON bodies shaped as commands", async () => {
    const text = await post("/", ["PING"], { "content-type": "text/plain" });
    expect(text).toMatchObject({ status: 400, body: { error: "Invalid content type. Expected application/json." } });
    expect(await post("/", ["PING"], { "content-type": "application/json; charset=utf-8" })).toMatchObject({
      status: 200,
      body: { result: "PONG" },
    });
    expect((await post("/", "[not json")).status).toBe(400);
    expect(await post("/", { command: "PING" })).toMatchObject({ status: 400, body: { error: expect.stringMatching(/Invalid command/) } });
    expect(await post("/pipeline", ["PING"])).toMatchObject({ status: 400, body: { error: expect.stringMatching(/Invalid command/) } });
  });

  it("answers unknown routes with 404 and a JSON error", async () => {
    const unknown = await post("/nope", ["PING"]);
    expect(unknown.status).toBe(404);
    expect(unknown.body).toMatchObject({ error: expect.any(String) });
    const wrongMethod = await fetch(`${proxy.url}/pipeline`, { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(wrongMethod.status).toBe(404);
  });

  it("serves @upstash/ratelimit: a sliding window of 3 per second", async () => {
    const ratelimit = new Ratelimit({ redis, limiter: Ratelimit.slidingWindow(3, "1 s"), prefix: key("ratelimit") });
    const limit = async () => {
      const result = await ratelimit.limit("user");
      await result.pending;
      // On a timeout the limiter lets the request pass with reason "timeout"; that must not count as a pass.
      expect(result.reason).toBeUndefined();
      return result;
    };
    // Start at the beginning of a window so that all four requests fall into the same one.
    await sleep(1_000 - (Date.now() % 1_000) + 20);

    for (let i = 0; i < 3; i += 1) expect(await limit()).toMatchObject({ success: true, limit: 3, remaining: 2 - i });
    const blocked = await limit();
    expect(blocked).toMatchObject({ success: false, remaining: 0 });
    expect(blocked.reset).toBeGreaterThan(Date.now());

    // One more window for the previous window's weight to drop to zero too.
    await sleep(blocked.reset + 1_000 - Date.now() + 50);
    for (let i = 0; i < 3; i += 1) expect((await limit()).success).toBe(true);
  });
});
