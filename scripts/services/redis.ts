/**
 * Finds a Redis for tests and local development: the one at `REDIS_URL` (or the default port) when
 * it answers, otherwise a throwaway `redis-server` started on a free port when one is installed,
 * otherwise an error that says how to get one. Nothing here is used in production, which talks to
 * Upstash.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { accessSync, constants } from "node:fs";
import { createServer, type AddressInfo } from "node:net";
import { delimiter, join } from "node:path";
import { Redis } from "ioredis";

const DEFAULT_URL = "redis://127.0.0.1:6379";
const CONNECT_TIMEOUT_MS = 1_000;
const START_TIMEOUT_MS = 10_000;
const STOP_TIMEOUT_MS = 5_000;

export interface RedisService {
  url: string;
  /** `redis_version` from `INFO server`, e.g. "7.0.15". */
  version: string;
  /** True when this call started the server; `stop()` is a no-op otherwise. */
  started: boolean;
  stop(): Promise<void>;
}

/** Connects once, without retries or an offline queue, and reads the server version. */
async function probe(url: string): Promise<string> {
  const client = new Redis(url, {
    lazyConnect: true,
    protocol: 2,
    connectTimeout: CONNECT_TIMEOUT_MS,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
    enableOfflineQueue: false,
  });
  // ioredis logs unhandled `error` events; the rejection of connect() already carries the reason.
  client.on("error", () => {});
  try {
    await client.connect();
    await client.ping();
    const info = await client.info("server");
    return /^redis_version:(\S+)/m.exec(info)?.[1] ?? "unknown";
  } finally {
    client.disconnect();
  }
}

function findOnPath(command: string): string | undefined {
  for (const dir of (process.env.PATH ?? "").split(delimiter)) {
    if (!dir) continue;
    const candidate = join(dir, command);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // Not here; keep looking.
    }
  }
  return undefined;
}

/** Asks the OS for a free port. Another process could take it before redis-server binds; unlikely enough locally. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const force = setTimeout(() => child.kill("SIGKILL"), STOP_TIMEOUT_MS);
    child.once("exit", () => {
      clearTimeout(force);
      resolve();
    });
    child.kill("SIGTERM");
  });
}

async function startRedisServer(binary: string): Promise<RedisService> {
  const port = await freePort();
  const url = `redis://127.0.0.1:${port}`;
  // No persistence: this server holds test and development data only, and must leave no files behind.
  const child = spawn(binary, ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"], {
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  const collect = (chunk: Buffer) => {
    output = (output + chunk.toString("utf8")).slice(-4_000);
  };
  child.stdout?.on("data", collect);
  child.stderr?.on("data", collect);
  let spawnError: Error | undefined;
  child.once("error", (error) => {
    spawnError = error;
  });
  // If the caller crashes before stop(), do not leave an orphaned server behind.
  const killOnExit = () => child.kill("SIGKILL");
  process.once("exit", killOnExit);

  const deadline = Date.now() + START_TIMEOUT_MS;
  let lastError: unknown;
  while (Date.now() < deadline) {
    if (spawnError || child.exitCode !== null || child.signalCode !== null) break;
    try {
      const version = await probe(url);
      return {
        url,
        version,
        started: true,
        stop: async () => {
          process.off("exit", killOnExit);
          await stopChild(child);
        },
      };
    } catch (error) {
      lastError = error;
      await sleep(50);
    }
  }
  process.off("exit", killOnExit);
  await stopChild(child);
  const reason = spawnError?.message ?? (lastError instanceof Error ? lastError.message : "it did not answer in time");
  throw new Error(`Started ${binary} on port ${port}, but it never answered PING: ${reason}.\n${output.trim()}`);
}

/**
 * Returns a Redis that answers PING: `options.url`, else `REDIS_URL`, else redis://127.0.0.1:6379;
 * failing that, a `redis-server` from PATH on a free port, which `stop()` shuts down.
 */
export async function ensureRedis(options: { url?: string } = {}): Promise<RedisService> {
  const url = options.url ?? process.env.REDIS_URL ?? DEFAULT_URL;
  let reason: string;
  try {
    const version = await probe(url);
    return { url, version, started: false, stop: async () => {} };
  } catch (error) {
    reason = error instanceof Error ? error.message : String(error);
  }

  const binary = findOnPath("redis-server");
  if (binary) return startRedisServer(binary);

  throw new Error(
    [
      `No Redis answered at ${url} (${reason}), and redis-server is not on PATH to start one. Either:`,
      "  - install Redis: sudo apt-get install -y redis-server (Debian/Ubuntu) or brew install redis (macOS); or",
      "  - start one in Docker: docker run --rm -p 6379:6379 redis:7; or",
      "  - set REDIS_URL to a Redis that is running, e.g. REDIS_URL=redis://127.0.0.1:6379",
    ].join("\n"),
  );
}
