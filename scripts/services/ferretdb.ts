/**
 * FerretDB v1 as the MongoDB wire-protocol server for tests and local development, on SQLite in
 * a temporary directory. v2 needs a PostgreSQL extension this machine lacks, so v1 it is.
 *
 * Benchmarks may choose v1's PostgreSQL backend instead (a fresh database on a local PostgreSQL):
 * on SQLite v1 indexes `_id` on another expression than its queries use, so every lookup or update
 * by `_id` scans the collection, a cost real MongoDB never has. On PostgreSQL the write of an update
 * or delete by `_id` uses the index; the read that finds the documents (`_jsonb->$1 @> $2`) still
 * cannot, so lookups by `_id` scan there too.
 *
 * `go install …/ferretdb@v1.24.2` builds a binary that panics at start ("Invalid
 * build/version/version.txt"): the module zip leaves out the generated version file. So we copy the
 * module source, write that file, and `go build` it once into a per-user cache shared by every clone.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { closeSync, cpSync, existsSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync, chmodSync } from "node:fs";
import { createServer } from "node:net";
import { homedir, tmpdir } from "node:os";
import { join } from "node:path";
import { MongoClient } from "mongodb";

export const FERRETDB_VERSION = "v1.24.2";
const MODULE = "github.com/FerretDB/FerretDB";

function cacheDir(): string {
  const base = process.env.XDG_CACHE_HOME ?? join(homedir(), ".cache");
  return join(base, "echotune", `ferretdb-${FERRETDB_VERSION}`);
}

function which(command: string): string | undefined {
  const result = spawnSync("sh", ["-c", `command -v ${command}`], { encoding: "utf8" });
  const path = result.stdout.trim();
  if (path) return path;
  return command === "go" && existsSync("/usr/local/go/bin/go") ? "/usr/local/go/bin/go" : undefined;
}

function go(goBinary: string, args: string[], cwd?: string): string {
  const result = spawnSync(goBinary, args, { cwd, encoding: "utf8", env: { ...process.env, GOFLAGS: "-mod=mod" } });
  if (result.status !== 0) throw new Error(`go ${args.join(" ")} failed:\n${result.stderr || result.stdout}`);
  return result.stdout.trim();
}

/** Path to a working FerretDB binary, building it on first use (about 90 s, then cached). */
export function ensureFerretDbBinary(): string {
  const binary = join(cacheDir(), "ferretdb");
  if (existsSync(binary)) return binary;
  const goBinary = which("go");
  if (!goBinary) {
    throw new Error(
      [
        "The MongoDB test suite needs a MongoDB wire-protocol server and none is available.",
        "  Either install Go (https://go.dev/dl/; Debian: apt-get install -y golang) so the suite can build FerretDB v1,",
        "  or set MONGODB_TEST_URI to a MongoDB you may wipe (mongod, Atlas), e.g. MONGODB_TEST_URI=mongodb://127.0.0.1:27017",
      ].join("\n"),
    );
  }
  console.log(`Building FerretDB ${FERRETDB_VERSION} once into ${cacheDir()} (about a minute and a half)…`);
  go(goBinary, ["mod", "download", `${MODULE}@${FERRETDB_VERSION}`]);
  const moduleDir = go(goBinary, ["list", "-m", "-f", "{{.Dir}}", `${MODULE}@${FERRETDB_VERSION}`]);
  const work = mkdtempSync(join(tmpdir(), "ferretdb-src-"));
  try {
    cpSync(moduleDir, work, { recursive: true });
    chmodSync(join(work, "build", "version"), 0o755);
    writeFileSync(join(work, "build", "version", "version.txt"), `${FERRETDB_VERSION}\n`);
    mkdirSync(cacheDir(), { recursive: true });
    const partial = `${binary}.partial-${process.pid}`;
    go(goBinary, ["build", "-trimpath", "-o", partial, "./cmd/ferretdb"], work);
    // Rename is atomic: a concurrent or interrupted build never leaves a half-written binary.
    spawnSync("mv", [partial, binary]);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  return binary;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** Where FerretDB keeps its data: SQLite files (tests, the default) or a PostgreSQL database. */
export type FerretBackend = "sqlite" | "postgresql";

/** Each backend as benchmark tables name it. */
export const FERRET_BACKEND_NAMES: Readonly<Record<FerretBackend, string>> = { sqlite: "SQLite", postgresql: "PostgreSQL" };

const FERRET_BACKENDS = Object.keys(FERRET_BACKEND_NAMES) as FerretBackend[];

/** A PostgreSQL that may create databases: this machine's, trust auth, unless POSTGRES_URL says otherwise. */
const DEFAULT_POSTGRES_URL = "postgres://postgres@127.0.0.1:5432/postgres";

/** `value` as a backend, or an error naming the ones there are (for command-line flags). */
export function parseFerretBackend(value: string | undefined): FerretBackend {
  if (value === undefined) return "sqlite";
  const backend = FERRET_BACKENDS.find((candidate) => candidate === value);
  if (!backend) throw new Error(`Unknown FerretDB backend "${value}": use ${FERRET_BACKENDS.join(" or ")}.`);
  return backend;
}

/** The same server and credentials as `serverUrl`, another database (query parameters kept). */
export function postgresDatabaseUrl(serverUrl: string, database: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

/** A database name no other run has: lower case (PostgreSQL folds unquoted names), no quoting needed. */
export function scratchDatabaseName(): string {
  return `echotune_ferretdb_${process.pid}_${randomBytes(4).toString("hex")}`;
}

/** Runs one statement through psql against `url`; the error says how to get a PostgreSQL. */
function psql(url: string, sql: string): void {
  const result = spawnSync("psql", [url, "-v", "ON_ERROR_STOP=1", "-X", "-q", "-c", sql], {
    encoding: "utf8",
    env: { ...process.env, PGCONNECT_TIMEOUT: "5" },
  });
  if (result.status === 0) return;
  const reason = result.error ? String(result.error) : (result.stderr || result.stdout).trim();
  const shown = url.replace(/\/\/[^@]*@/, "//***@");
  throw new Error(
    [
      `FerretDB's PostgreSQL backend needs a PostgreSQL that may create databases, and \`${sql}\` at ${shown} failed:`,
      `  ${reason}`,
      "  Start one (Debian: apt-get install -y postgresql postgresql-client && service postgresql start; local",
      "  connections with trust auth for user postgres), or set POSTGRES_URL to one you may create databases on,",
      "  e.g. POSTGRES_URL=postgres://user:password@host:5432/postgres, or use the SQLite backend (the default).",
    ].join("\n"),
  );
}

export interface FerretDb {
  uri: string;
  backend: FerretBackend;
  port: number;
  version: string;
  /**
   * Stops the server, keeping its data, as an outage would: SIGTERM (SIGKILL after 5 s), or at
   * once with `kill`, as a crash would, in the middle of whatever it was writing.
   */
  stop(options?: { kill?: boolean }): Promise<void>;
  /** Starts it again on the same port and data. */
  start(): Promise<void>;
  /** Stops it and deletes its data. */
  dispose(): Promise<void>;
}

async function waitForServer(uri: string, child: ChildProcess, log: () => string, timeoutMs = 30_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`FerretDB exited with code ${child.exitCode}:\n${log()}`);
    const client = new MongoClient(uri, { serverSelectionTimeoutMS: 500, connectTimeoutMS: 500 });
    try {
      const info = await client.db("admin").command({ buildInfo: 1 });
      return String(info.ferretdbVersion ?? info.version);
    } catch (error) {
      lastError = error;
      await new Promise((resolve) => setTimeout(resolve, 200));
    } finally {
      await client.close().catch(() => undefined);
    }
  }
  throw new Error(`FerretDB did not answer within ${timeoutMs} ms: ${String(lastError)}\n${log()}`);
}

/**
 * Starts FerretDB on a free 127.0.0.1 port with SQLite storage in a fresh temporary directory, or
 * with `backend: "postgresql"` in a fresh database on POSTGRES_URL's server (dropped by `dispose`).
 */
export async function startFerretDb(options: { port?: number; backend?: FerretBackend } = {}): Promise<FerretDb> {
  const backend = options.backend ?? "sqlite";
  const binary = ensureFerretDbBinary();
  const port = options.port ?? (await freePort());
  const postgresUrl = process.env.POSTGRES_URL?.trim() || DEFAULT_POSTGRES_URL;
  const database = scratchDatabaseName();
  // Created before anything else, so an unreachable PostgreSQL fails first and leaves nothing behind.
  if (backend === "postgresql") psql(postgresUrl, `CREATE DATABASE ${database}`);
  // The state directory (FerretDB's state.json) exists for both; SQLite keeps its files there too.
  const dataDir = mkdtempSync(join(tmpdir(), "echotune-ferretdb-"));
  const uri = `mongodb://127.0.0.1:${port}/`;
  let child: ChildProcess | undefined;
  // FerretDB writes its log to a file, not a pipe: a parent blocked in spawnSync (the benches) does
  // not drain a pipe, and once its buffer is full FerretDB stops mid-command, holding a transaction
  // open (v1 logs every failed command in full at WARN: megabytes in one 300,000-play import).
  const logPath = join(dataDir, "ferretdb.log");
  const logTail = () => {
    try {
      return readFileSync(logPath, "utf8").slice(-4000);
    } catch {
      return "";
    }
  };
  let version = FERRETDB_VERSION;

  const start = async () => {
    const log = openSync(logPath, "w");
    child = spawn(
      binary,
      [
        ...(backend === "postgresql"
          ? ["--handler=postgresql", `--postgresql-url=${postgresDatabaseUrl(postgresUrl, database)}`]
          : [
              "--handler=sqlite",
              // WAL with synchronous=NORMAL (SQLite's advice for WAL): a commit no longer waits for an
              // fsync, and a crash can lose only the last commits, never corrupt the database.
              // A 64 MB page cache (the default is 2 MB) keeps the indexes of a few hundred thousand plays in memory.
              `--sqlite-url=file:${dataDir}/?_pragma=synchronous(normal)&_pragma=cache_size(-65536)`,
            ]),
        // FerretDB commits each batch of an insert in its own transaction; 100 documents (the
        // default) makes a 5,000-play chunk fifty commits.
        "--test-batch-size=1000",
        `--state-dir=${dataDir}`,
        `--listen-addr=127.0.0.1:${port}`,
        "--debug-addr=-",
        "--telemetry=disable",
        "--log-level=warn",
      ],
      { stdio: ["ignore", log, log] },
    );
    closeSync(log);
    version = await waitForServer(uri, child, logTail);
  };

  const stop = async ({ kill = false }: { kill?: boolean } = {}) => {
    const running = child;
    child = undefined;
    if (!running || running.exitCode !== null) return;
    await new Promise<void>((resolve) => {
      running.once("exit", () => resolve());
      running.kill(kill ? "SIGKILL" : "SIGTERM");
      setTimeout(() => running.kill("SIGKILL"), 5_000).unref();
    });
  };

  try {
    await start();
  } catch (error) {
    await stop();
    try {
      if (backend === "postgresql") psql(postgresUrl, `DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
    throw error;
  }
  return {
    uri,
    backend,
    port,
    get version() {
      return `FerretDB ${version} (${FERRET_BACKEND_NAMES[backend]})`;
    },
    start,
    stop,
    dispose: async () => {
      await stop();
      // FORCE: a client of FerretDB's pool that outlived it must not keep the database alive.
      if (backend === "postgresql") psql(postgresUrl, `DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
