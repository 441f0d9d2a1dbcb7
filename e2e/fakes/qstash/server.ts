/**
 * A fake Upstash QStash for tests and local development, on 127.0.0.1, speaking what
 * `@upstash/qstash` sends and what a destination receives: `POST /v2/publish/<destination>` with
 * `Authorization: Bearer <token>` and `Upstash-*` headers, answered `{messageId, url}` (202 with the
 * first message's id for a repeated `Upstash-Deduplication-Id`); then a delivery to the destination
 * with the body unchanged, `Upstash-Signature` (an HS256 JWT signed with the current signing key:
 * iss "Upstash", sub = the URL, iat/nbf/exp, jti, body = base64url SHA-256 of the body),
 * `Upstash-Message-Id`, `Upstash-Retried`, forwarded headers; retried on a non-2xx answer or a
 * timeout, after `Upstash-Delay` when one was asked.
 *
 *   node --import ./scripts/register.ts e2e/fakes/qstash/server.ts --port 3903
 *   QSTASH_URL=http://127.0.0.1:3903 QSTASH_TOKEN=fake-qstash-token
 *   QSTASH_CURRENT_SIGNING_KEY=sig_fake_current QSTASH_NEXT_SIGNING_KEY=sig_fake_next
 *
 * Admin (JSON): POST /__admin/config {tamper?: boolean (sign with a wrong key), timeouts?: number
 *   (the next N delivery attempts are cut off after timeoutMs), timeoutMs?, retries?, retryDelayMs?}
 *   | /__admin/reset | GET /__admin/log (publishes and delivery attempts) | GET /__admin/idle
 *   (true when no delivery is pending)
 *
 * One file: the fake is one server whose publish API and delivery loop share state; it runs
 * standalone from the command line too.
 */
import { createHash, createHmac, randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { setTimeout as sleep } from "node:timers/promises";

export const FAKE_QSTASH_TOKEN = "fake-qstash-token";
export const FAKE_SIGNING_KEYS = { current: "sig_fake_current", next: "sig_fake_next" };

export interface FakeQStashConfig {
  /** Sign deliveries with a key the receiver does not know. */
  tamper: boolean;
  /** The next this-many delivery attempts are abandoned after `timeoutMs` (the destination keeps running). */
  timeouts: number;
  timeoutMs: number;
  /** Retries after the first attempt (QStash's plan maximum; `Upstash-Retries` lowers it). */
  retries: number;
  /** Wait before a retry (QStash waits seconds to hours; tests want milliseconds). */
  retryDelayMs: number;
}

export interface PublishedMessage {
  messageId: string;
  destination: string;
  body: string;
  headers: Record<string, string>;
  deduplicated: boolean;
}

export interface DeliveryAttempt {
  messageId: string;
  retried: number;
  /** The destination's status, or "timeout" / "error". */
  outcome: number | "timeout" | "error";
  at: number;
}

const DEFAULT_CONFIG: FakeQStashConfig = { tamper: false, timeouts: 0, timeoutMs: 1_000, retries: 3, retryDelayMs: 200 };

export class FakeQStashState {
  config: FakeQStashConfig = { ...DEFAULT_CONFIG };
  published: PublishedMessage[] = [];
  deliveries: DeliveryAttempt[] = [];
  dedup = new Map<string, string>();
  pending = 0;

  reset(): void {
    this.config = { ...DEFAULT_CONFIG };
    this.published = [];
    this.deliveries = [];
    this.dedup.clear();
  }
}

const b64u = (value: string | Buffer) => Buffer.from(value).toString("base64url");

/** The JWT QStash puts in `Upstash-Signature` (reference 9.5). */
export function signDelivery(key: string, url: string, body: string, now = Math.floor(Date.now() / 1000)): string {
  const claims = {
    iss: "Upstash",
    sub: url,
    exp: now + 300,
    nbf: now,
    iat: now,
    jti: `jwt_${randomBytes(12).toString("hex")}`,
    body: createHash("sha256").update(body).digest("base64url"),
  };
  const input = `${b64u(JSON.stringify({ alg: "HS256", typ: "JWT" }))}.${b64u(JSON.stringify(claims))}`;
  return `${input}.${createHmac("sha256", key).update(input).digest("base64url")}`;
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    request.on("error", reject);
  });
}

function sendJson(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { "content-type": "application/json" });
  response.end(JSON.stringify(body));
}

/** "10s", "2m", "1h", "1d" or plain seconds, in milliseconds. */
function durationMs(value: string | undefined): number {
  const match = value?.match(/^(\d+)([smhd]?)$/);
  if (!match) return 0;
  return Number(match[1]) * { "": 1_000, s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 }[match[2] as "" | "s" | "m" | "h" | "d"];
}

async function deliver(state: FakeQStashState, message: PublishedMessage, signingKeys: typeof FAKE_SIGNING_KEYS): Promise<void> {
  state.pending += 1;
  try {
    await sleep(durationMs(message.headers["upstash-delay"]));
    const maxRetries = Math.min(state.config.retries, Number(message.headers["upstash-retries"] ?? state.config.retries));
    for (let retried = 0; retried <= maxRetries; retried++) {
      if (retried > 0) await sleep(state.config.retryDelayMs);
      const timeout = state.config.timeouts > 0;
      if (timeout) state.config.timeouts -= 1;
      const key = state.config.tamper ? "sig_not_the_signing_key" : signingKeys.current;
      const forwarded = Object.fromEntries(
        Object.entries(message.headers)
          .filter(([name]) => name.startsWith("upstash-forward-"))
          .map(([name, value]) => [name.slice("upstash-forward-".length), value]),
      );
      const attempt: DeliveryAttempt = { messageId: message.messageId, retried, outcome: "error", at: Date.now() };
      state.deliveries.push(attempt);
      try {
        const response = await fetch(message.destination, {
          method: message.headers["upstash-method"] ?? "POST",
          headers: {
            ...forwarded,
            ...(message.headers["content-type"] ? { "content-type": message.headers["content-type"] } : {}),
            "user-agent": "Upstash-QStash",
            "upstash-signature": signDelivery(key, message.destination, message.body),
            "upstash-message-id": message.messageId,
            "upstash-retried": String(retried),
          },
          body: message.body,
          signal: AbortSignal.timeout(timeout ? state.config.timeoutMs : 300_000),
        });
        await response.arrayBuffer();
        attempt.outcome = response.status;
        if (response.ok) return;
      } catch (error) {
        attempt.outcome = (error as Error).name === "TimeoutError" ? "timeout" : "error";
      }
    }
  } finally {
    state.pending -= 1;
  }
}

export interface FakeQStash {
  /** `QSTASH_URL`. */
  url: string;
  state: FakeQStashState;
  signingKeys: typeof FAKE_SIGNING_KEYS;
  token: string;
  /** Resolves when no delivery is pending (every attempt answered, timed out or given up). */
  idle(timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

export async function startFakeQStash(options: { port?: number; host?: string } = {}): Promise<FakeQStash> {
  const host = options.host ?? "127.0.0.1";
  const state = new FakeQStashState();
  const server = createServer(async (request, response) => {
    const url = new URL(request.url ?? "/", "http://fake");
    const body = await readBody(request);
    try {
      if (url.pathname.startsWith("/__admin/")) {
        switch (`${request.method} ${url.pathname}`) {
          case "POST /__admin/config":
            state.config = { ...state.config, ...(JSON.parse(body || "{}") as Partial<FakeQStashConfig>) };
            return sendJson(response, 200, state.config);
          case "POST /__admin/reset":
            state.reset();
            return sendJson(response, 200, { ok: true });
          case "GET /__admin/log":
            return sendJson(response, 200, { published: state.published, deliveries: state.deliveries });
          case "GET /__admin/idle":
            return sendJson(response, 200, { idle: state.pending === 0 });
        }
        return sendJson(response, 404, { error: "no such admin endpoint" });
      }
      if (request.method === "POST" && url.pathname.startsWith("/v2/publish/")) {
        if (request.headers.authorization !== `Bearer ${FAKE_QSTASH_TOKEN}`) return sendJson(response, 401, { error: "Unauthorized" });
        // The destination is in the path unencoded; its own query string ends up in ours (reference 9.2).
        const destination = `${url.pathname.slice("/v2/publish/".length)}${url.search}`;
        if (!/^https?:\/\//.test(destination)) return sendJson(response, 400, { error: `invalid destination url: ${destination}` });
        const headers = Object.fromEntries(Object.entries(request.headers).map(([name, value]) => [name, String(value)]));
        const dedupId = headers["upstash-deduplication-id"];
        const known = dedupId ? state.dedup.get(dedupId) : undefined;
        const messageId = known ?? `msg_${randomBytes(12).toString("hex")}`;
        const message: PublishedMessage = { messageId, destination, body, headers, deduplicated: Boolean(known) };
        state.published.push(message);
        if (known) return sendJson(response, 202, { messageId, url: destination, deduplicated: true });
        if (dedupId) state.dedup.set(dedupId, messageId);
        void deliver(state, message, FAKE_SIGNING_KEYS);
        return sendJson(response, 200, { messageId, url: destination });
      }
      return sendJson(response, 404, { error: "Not Found" });
    } catch (error) {
      return sendJson(response, 500, { error: (error as Error).message });
    }
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, host, resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${host}:${port}`,
    state,
    signingKeys: FAKE_SIGNING_KEYS,
    token: FAKE_QSTASH_TOKEN,
    async idle(timeoutMs = 30_000) {
      const deadline = Date.now() + timeoutMs;
      // A delivery may publish a continuation: idle means nothing pending for a moment.
      let quiet = 0;
      while (quiet < 3) {
        if (Date.now() > deadline) throw new Error("fake QStash: deliveries still pending");
        quiet = state.pending === 0 ? quiet + 1 : 0;
        await sleep(50);
      }
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

if (import.meta.main) {
  const { parseArgs } = await import("node:util");
  const { values } = parseArgs({ options: { port: { type: "string", default: "3903" }, host: { type: "string" } } });
  const fake = await startFakeQStash({ port: Number(values.port), host: values.host });
  console.log(
    `Fake QStash on ${fake.url} (QSTASH_URL=${fake.url} QSTASH_TOKEN=${fake.token} QSTASH_CURRENT_SIGNING_KEY=${fake.signingKeys.current} QSTASH_NEXT_SIGNING_KEY=${fake.signingKeys.next})`,
  );
  const stop = () => void fake.close().then(() => process.exit(0));
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}
