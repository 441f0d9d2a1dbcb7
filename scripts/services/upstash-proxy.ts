/**
 * An Upstash-Redis-REST-compatible HTTP proxy in front of a real Redis, for tests and local
 * development; production talks to Upstash itself. It serves what `@upstash/redis` and
 * `@upstash/ratelimit` send (Upstash's REST contract, redis/features/restapi.mdx in upstash/docs)
 * and otherwise behaves like SRH (hiett/serverless-redis-http), the emulator Upstash recommends:
 *
 *   GET  /            health, 200 with a JSON string
 *   POST /            one command:  ["set","k","v"]        → {"result":…} or 400 {"error":…}
 *   POST /pipeline    many, in order, not atomic           → 200 [{"result"}|{"error"}, …]
 *   POST /multi-exec  many, atomically (MULTI … EXEC)      → 200 [{"result"}|{"error"}, …], or 400
 *                     {"error"} when Redis discards the whole transaction
 *
 * As a command:
 *   node scripts/services/upstash-proxy.ts --port 8079 --token dev-token --redis redis://127.0.0.1:6379
 *
 * One file: it is one small server (command parsing, Lua fixes, base64 replies) started
 * as a standalone process by the test setup and `npm run services`.
 */
import { createHash, timingSafeEqual } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { parseArgs } from "node:util";
import { Redis, ReplyError, type RedisOptions } from "ioredis";
import { ensureRedis } from "./redis.ts";

const HEALTH = "Upstash-compatible Redis proxy: POST commands to /, /pipeline or /multi-exec.";
const MAX_BODY_BYTES = 16 * 1024 * 1024;
const OK = Buffer.from("OK");

/**
 * Commands that would change or hold the state of a connection the proxy shares between requests
 * (transactions, pub/sub, the selected database, the protocol). Upstash's REST API does not offer
 * them either; transactions go through /multi-exec. Blocking commands (BLPOP, …) do run, but hold the
 * shared connection while they wait, which is acceptable for tests and local development.
 */
const UNSUPPORTED = new Set([
  "MULTI",
  "EXEC",
  "DISCARD",
  "WATCH",
  "UNWATCH",
  "SUBSCRIBE",
  "PSUBSCRIBE",
  "SSUBSCRIBE",
  "UNSUBSCRIBE",
  "PUNSUBSCRIBE",
  "SUNSUBSCRIBE",
  "MONITOR",
  "SELECT",
  "HELLO",
  "AUTH",
  "RESET",
  "QUIT",
  "CLIENT",
  "SYNC",
  "PSYNC",
  "REPLCONF",
]);

type Json = null | number | string | Json[];
type Outcome = { result: Json } | { error: string };

/** A command ready for Redis, with an optional rewrite of its successful reply. */
interface Command {
  name: string;
  args: string[];
  mapReply?: (reply: unknown) => unknown;
}

type Prepared = Command | { error: string };

/** An error answered as `{"error": message}` with its own status, before anything reaches Redis. */
class HttpError extends Error {
  readonly status: number;
  constructor(status: number, message: string) {
    super(message);
    this.status = status;
  }
}

export interface UpstashProxyOptions {
  redisUrl: string;
  token: string;
  /** 0 or omitted: a free port. */
  port?: number;
  host?: string;
}

export interface UpstashProxy {
  /** Base URL for `new Redis({ url })` from `@upstash/redis`, e.g. http://127.0.0.1:8079. */
  url: string;
  token: string;
  close(): Promise<void>;
}

const sha1 = (text: string) => createHash("sha1").update(text).digest("hex");
const isReplyError = (error: unknown): error is Error => error instanceof ReplyError;

/** Digests first, so the comparison takes the same time whatever the lengths. */
function sameToken(given: string, expected: string): boolean {
  const digest = (text: string) => createHash("sha256").update(text).digest();
  return timingSafeEqual(digest(given), digest(expected));
}

function bearerToken(header: string | undefined): string | undefined {
  return header ? /^Bearer\s+(\S+)\s*$/i.exec(header)?.[1] : undefined;
}

/** `application/json`, with or without parameters such as `; charset=utf-8`. */
function isJsonContentType(header: string | undefined): boolean {
  return (header ?? "").split(";")[0]?.trim().toLowerCase() === "application/json";
}

/** The body as text; over the limit it is drained, not buffered, so the 413 still reaches the client. */
function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) chunks.push(chunk);
    });
    request.on("end", () => {
      if (size > MAX_BODY_BYTES) reject(new HttpError(413, `Request body exceeds ${MAX_BODY_BYTES} bytes.`));
      else resolve(Buffer.concat(chunks).toString("utf8"));
    });
    request.on("error", reject);
  });
}

/**
 * `["set","k",1,true]` → SET k "1" "true". Every argument reaches Redis as a string, as Upstash does.
 * The name is upper-cased: Redis does not mind, and ioredis keys its reply transformers by the name
 * as given, so "hgetall" would come back as an object instead of Redis's flat array.
 */
function parseCommand(value: unknown): Command | undefined {
  if (!Array.isArray(value) || value.length === 0) return undefined;
  const parts: string[] = [];
  for (const part of value) {
    if (typeof part === "string" || typeof part === "number" || typeof part === "boolean") parts.push(String(part));
    else return undefined;
  }
  const [name, ...args] = parts;
  return name ? { name: name.toUpperCase(), args } : undefined;
}

function parseCommands(value: unknown): Command[] | undefined {
  if (!Array.isArray(value)) return undefined;
  const commands = value.map(parseCommand);
  return commands.every((command) => command !== undefined) ? commands : undefined;
}

/**
 * Script translation. `@upstash/ratelimit` sends Lua scripts starting with `#!lua flags=allow-key-locking`,
 * a flag only Upstash knows: Redis 7 rejects it ("Unexpected flag in script shebang") and Redis 6 does not
 * understand shebangs at all. The proxy turns that first line into a Lua comment (`--#!lua …`), which
 * every Redis accepts and which keeps line numbers in error messages. Redis then caches the script under
 * the SHA-1 of the rewritten text, while the client keeps sending EVALSHA with the SHA-1 of what it sent,
 * so the proxy remembers original → rewritten and translates EVALSHA and SCRIPT EXISTS. An unknown SHA
 * passes through untouched and Redis answers NOSCRIPT, which is what makes the client fall back to EVAL.
 */
function createScriptTranslator() {
  const rewrittenSha = new Map<string, string>();

  const rewrite = (script: string): string => {
    if (!script.startsWith("#!")) return script;
    const rewritten = `--${script}`;
    rewrittenSha.set(sha1(script), sha1(rewritten));
    return rewritten;
  };
  const translateSha = (sha: string) => rewrittenSha.get(sha.toLowerCase()) ?? sha;

  return (command: Command): Command => {
    const { name, args } = command;
    const [first, ...rest] = args;
    if (first === undefined) return command;
    switch (name) {
      case "EVAL":
      case "EVAL_RO":
        return { name, args: [rewrite(first), ...rest] };
      case "EVALSHA":
      case "EVALSHA_RO":
        return { name, args: [translateSha(first), ...rest] };
      case "SCRIPT": {
        const subcommand = first.toUpperCase();
        const [script] = rest;
        if (subcommand === "LOAD" && rest.length === 1 && script?.startsWith("#!")) {
          // Answer with the SHA the client computes itself, as Upstash would, not the rewritten script's.
          return { name, args: [first, rewrite(script)], mapReply: () => Buffer.from(sha1(script)) };
        }
        if (subcommand === "EXISTS") return { name, args: [first, ...rest.map(translateSha)] };
        return command;
      }
      default:
        return command;
    }
  };
}

/**
 * A RESP2 reply (as ioredis returns it with `callBuffer`) to JSON: integers stay numbers, bulk and
 * status strings become text, nil becomes null, arrays nest. With `Upstash-Encoding: base64` every
 * string is base64 (binary-safe), except a top-level "OK": the SDK special-cases that one, but its
 * array decoder does not, so an "OK" inside an array is encoded too (left bare, the SDK would atob()
 * it into "8"). An error nested in an array (a Lua table holding an error reply) fails the command.
 */
function toJson(reply: unknown, base64: boolean, topLevel = true): Json {
  if (reply === null || reply === undefined) return null;
  if (typeof reply === "number") return reply;
  if (typeof reply === "string") return toJson(Buffer.from(reply), base64, topLevel);
  if (Buffer.isBuffer(reply)) {
    if (!base64) return reply.toString("utf8");
    return topLevel && reply.equals(OK) ? "OK" : reply.toString("base64");
  }
  if (Array.isArray(reply)) return reply.map((item) => toJson(item, base64, false));
  if (reply instanceof Error) throw reply;
  throw new Error(`Unexpected reply from Redis: ${typeof reply}`);
}

/** A Redis error becomes the item's `{"error"}`; anything else (a lost connection) fails the request. */
async function settle(reply: Promise<unknown>, command: Command, base64: boolean): Promise<Outcome> {
  try {
    const value = await reply;
    return { result: toJson(command.mapReply ? command.mapReply(value) : value, base64) };
  } catch (error) {
    if (isReplyError(error)) return { error: error.message };
    throw error;
  }
}

function send(response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  const text = JSON.stringify(body);
  response.writeHead(status, {
    "content-type": "application/json",
    "content-length": String(Buffer.byteLength(text)),
    ...headers,
  });
  response.end(text);
}

/** Starts the proxy once both Redis connections are up; throws if Redis cannot be reached. */
export async function startUpstashProxy(options: UpstashProxyOptions): Promise<UpstashProxy> {
  const { redisUrl, token, port = 0, host = "127.0.0.1" } = options;
  if (!token) throw new Error("startUpstashProxy: a non-empty token is required.");

  const connectionOptions: RedisOptions = {
    lazyConnect: true,
    // Upstash answers in RESP2 shapes (flat HGETALL, scores as strings); ioredis 6 defaults to RESP3.
    protocol: 2,
    connectTimeout: 2_000,
    maxRetriesPerRequest: 2,
    // A command cut off by a dropped connection may already have run; never replay it (INCR twice).
    autoResendUnfulfilledCommands: false,
  };
  // One connection for single commands and pipelines (ioredis keeps them in order), and one dedicated to
  // transactions so MULTI state can never leak into, or interleave with, anyone else's commands.
  const shared = new Redis(redisUrl, { ...connectionOptions, connectionName: "upstash-proxy" });
  const transactions = new Redis(redisUrl, { ...connectionOptions, connectionName: "upstash-proxy-multi-exec" });
  const connections = [shared, transactions];
  // Reconnection is ioredis's job and failed commands report their own error; do not log each attempt.
  for (const connection of connections) connection.on("error", () => {});
  const disconnect = async () => {
    await Promise.all(connections.map((connection) => connection.quit().catch(() => connection.disconnect())));
  };
  try {
    await Promise.all(connections.map((connection) => connection.connect()));
  } catch (error) {
    connections.forEach((connection) => connection.disconnect());
    throw new Error(`Upstash proxy: cannot connect to Redis at ${redisUrl}: ${(error as Error).message}`, { cause: error });
  }

  const translateScript = createScriptTranslator();
  let syncToken = 0;

  const prepare = (command: Command): Prepared =>
    UNSUPPORTED.has(command.name)
      ? { error: `ERR Command is not available: '${command.name}'. Use POST /multi-exec for transactions.` }
      : translateScript(command);

  const call = (connection: Redis, command: Command) => connection.callBuffer(command.name, command.args);

  async function runSingle(body: unknown, base64: boolean): Promise<[number, unknown]> {
    const command = parseCommand(body);
    if (!command) throw new HttpError(400, "Invalid command array. Expected a non-empty array of strings, numbers or booleans.");
    const prepared = prepare(command);
    if ("error" in prepared) return [400, prepared];
    const outcome = await settle(call(shared, prepared), prepared, base64);
    return ["error" in outcome ? 400 : 200, outcome];
  }

  async function runPipeline(body: unknown, base64: boolean): Promise<[number, unknown]> {
    const commands = parseCommands(body);
    if (!commands) throw new HttpError(400, "Invalid command array. Expected an array of command arrays.");
    // Every call is issued before the first await, so they go out back to back, in order.
    const outcomes = commands
      .map(prepare)
      .map((prepared) => ("error" in prepared ? Promise.resolve(prepared) : settle(call(shared, prepared), prepared, base64)));
    return [200, await Promise.all(outcomes)];
  }

  async function runTransaction(body: unknown, base64: boolean): Promise<[number, unknown]> {
    const commands = parseCommands(body);
    if (!commands) throw new HttpError(400, "Invalid command array. Expected an array of command arrays.");
    const prepared = commands.map(prepare);
    const refused = prepared.find((item) => "error" in item);
    if (refused) return [400, refused];
    const queued = prepared as Command[];

    // MULTI, the commands and EXEC are written in one synchronous burst on the dedicated connection, so
    // nothing can come between them; Redis itself makes the block atomic.
    const multi = call(transactions, { name: "MULTI", args: [] });
    const queueing = queued.map((command) => call(transactions, command));
    const exec = call(transactions, { name: "EXEC", args: [] });
    const [multiResult, execResult, ...queueResults] = await Promise.allSettled([multi, exec, ...queueing]);
    for (const settled of [multiResult, execResult, ...queueResults]) {
      if (settled?.status === "rejected" && !isReplyError(settled.reason)) throw settled.reason;
    }

    if (execResult?.status !== "fulfilled" || !Array.isArray(execResult.value)) {
      // Discarded (EXECABORT): the first command Redis refused to queue says why; EXEC's own message does not.
      const refusal = queueResults.find((settled) => settled.status === "rejected");
      const reason = refusal?.status === "rejected" ? refusal.reason : execResult?.status === "rejected" ? execResult.reason : undefined;
      return [400, { error: reason instanceof Error ? reason.message : "EXECABORT Transaction discarded." }];
    }
    const replies: unknown[] = execResult.value;
    const outcomes = await Promise.all(
      queued.map((command, index) => {
        const reply = replies[index];
        // A command that failed while the transaction ran comes back as an error inside EXEC's array.
        return settle(reply instanceof Error ? Promise.reject(reply) : Promise.resolve(reply), command, base64);
      }),
    );
    return [200, outcomes];
  }

  const routes: Record<string, (body: unknown, base64: boolean) => Promise<[number, unknown]>> = {
    "/": runSingle,
    "/pipeline": runPipeline,
    "/multi-exec": runTransaction,
  };

  async function handle(request: IncomingMessage, response: ServerResponse) {
    const { pathname } = new URL(request.url ?? "/", "http://proxy");
    if (request.method === "GET" && pathname === "/") return send(response, 200, HEALTH);

    // Upstash answers 401 {"error":"Unauthorized"} both for a missing or malformed header and for a
    // wrong token (SRH answers 400 for the former). We do the same, so code that handles auth failures
    // behaves here as it will in production.
    const given = bearerToken(request.headers.authorization);
    if (given === undefined || !sameToken(given, token)) return send(response, 401, { error: "Unauthorized" });

    const run = request.method === "POST" ? routes[pathname] : undefined;
    if (!run) {
      return send(response, 404, {
        error: `Not found: ${request.method} ${pathname}. This proxy serves GET /, POST /, POST /pipeline and POST /multi-exec.`,
      });
    }
    if (!isJsonContentType(request.headers["content-type"])) {
      return send(response, 400, { error: "Invalid content type. Expected application/json." });
    }
    let body: unknown;
    try {
      body = JSON.parse(await readBody(request));
    } catch (error) {
      if (error instanceof HttpError) throw error;
      throw new HttpError(400, `Invalid JSON body: ${(error as Error).message}`);
    }
    const base64 = String(request.headers["upstash-encoding"]).toLowerCase() === "base64";
    const [status, result] = await run(body, base64);
    // Read-your-writes: the SDK echoes this on its next request; an increasing counter is enough here.
    send(response, status, result, { "upstash-sync-token": String(++syncToken) });
  }

  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      if (error instanceof HttpError) return send(response, error.status, { error: error.message });
      console.error("Upstash proxy: request failed:", error);
      if (!response.headersSent) {
        send(response, 500, { error: `Upstash proxy: Redis at ${redisUrl} did not answer: ${(error as Error).message}` });
      }
    });
  });

  try {
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(port, host, () => {
        server.off("error", reject);
        resolve();
      });
    });
  } catch (error) {
    await disconnect();
    throw error;
  }
  const { port: boundPort } = server.address() as AddressInfo;
  const urlHost = host.includes(":") ? `[${host}]` : host;

  return {
    url: `http://${urlHost}:${boundPort}`,
    token,
    close: async () => {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        // The SDK keeps connections alive; without this, close() would wait for them to time out.
        server.closeAllConnections();
      });
      await disconnect();
    },
  };
}

async function main() {
  const { values } = parseArgs({
    options: {
      port: { type: "string", default: "8079" },
      host: { type: "string", default: "127.0.0.1" },
      token: { type: "string" },
      redis: { type: "string" },
    },
  });
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) throw new Error(`--port must be a port number, got "${values.port}".`);
  const token = values.token ?? process.env.UPSTASH_REDIS_REST_TOKEN ?? "dev-token";

  const redis = await ensureRedis({ url: values.redis });
  const proxy = await startUpstashProxy({ redisUrl: redis.url, token, port, host: values.host });
  console.log(`Redis ${redis.version} at ${redis.url}${redis.started ? " (started for this session)" : ""}`);
  console.log(`Upstash-compatible proxy listening; use:\n  UPSTASH_REDIS_REST_URL=${proxy.url}\n  UPSTASH_REDIS_REST_TOKEN=${proxy.token}`);

  let stopping = false;
  const shutdown = async () => {
    if (stopping) return;
    stopping = true;
    await proxy.close();
    await redis.stop();
    process.exit(0);
  };
  process.on("SIGINT", shutdown);
  process.on("SIGTERM", shutdown);
}

if (import.meta.main) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
