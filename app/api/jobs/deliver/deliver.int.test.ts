/**
 * QStash deliveries through the fake QStash (the real `@upstash/qstash` client publishing, signed
 * deliveries, retries): a bad signature is refused with 401, and a delivery retried after a timeout
 * does its step once (the lease and the saved cursor make it so).
 */
import { mkdtempSync, rmSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { startFakeQStash, type FakeQStash } from "@/e2e/fakes/qstash/server";

let qstash: FakeQStash;
let server: Server;
let dataDir: string;
let app: {
  POST: typeof import("./route").POST;
  db: typeof import("@/lib/db");
  testing: typeof import("@/lib/jobs/testing");
};
/** How many times each step of each job ran. */
const stepRuns = new Map<string, number>();
let stepMs = 0;

beforeAll(async () => {
  qstash = await startFakeQStash();
  dataDir = mkdtempSync(join(tmpdir(), "echotune-deliver-"));
  // The app behind a plain HTTP server, as QStash reaches it (the route keeps running after QStash gives up on it).
  server = createServer(async (incoming, outgoing) => {
    const chunks: Buffer[] = [];
    for await (const chunk of incoming) chunks.push(chunk as Buffer);
    const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const request = new Request(`${origin}${incoming.url}`, {
      method: incoming.method,
      headers: Object.entries(incoming.headers).map(([name, value]): [string, string] => [name, String(value)]),
      body: Buffer.concat(chunks),
    });
    const response = await app.POST(request, { params: Promise.resolve({}) });
    if (outgoing.destroyed) return;
    outgoing.writeHead(response.status, Object.fromEntries(response.headers));
    outgoing.end(Buffer.from(await response.arrayBuffer()));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  vi.resetModules();
  vi.stubEnv("DATA_DIR", dataDir);
  vi.stubEnv("APP_URL", `http://127.0.0.1:${(server.address() as AddressInfo).port}`);
  vi.stubEnv("QSTASH_URL", qstash.url);
  vi.stubEnv("QSTASH_TOKEN", qstash.token);
  vi.stubEnv("QSTASH_CURRENT_SIGNING_KEY", qstash.signingKeys.current);
  vi.stubEnv("QSTASH_NEXT_SIGNING_KEY", qstash.signingKeys.next);
  app = { POST: (await import("./route")).POST, db: await import("@/lib/db"), testing: await import("@/lib/jobs/testing") };
  app.testing.registerJobKind<Record<string, never>, { n: number }>({
    kind: "test-delivered",
    async step({ jobId, cursor }) {
      const n = (cursor?.n ?? 0) + 1;
      stepRuns.set(`${jobId}#${n}`, (stepRuns.get(`${jobId}#${n}`) ?? 0) + 1);
      await sleep(stepMs);
      return { cursor: { n }, done: n >= 2, progress: { done: n, total: 2 } };
    },
  });
});

afterAll(async () => {
  await app?.db.closeStore();
  vi.unstubAllEnvs();
  await qstash?.close();
  await new Promise((resolve) => server?.close(resolve));
  rmSync(dataDir, { recursive: true, force: true });
});

beforeEach(() => {
  qstash.state.reset();
  stepMs = 0;
});

async function enqueue(key: string) {
  const store = await app.db.getStore();
  const { job } = await app.db.jobsRepository(store).enqueue({ kind: "test-delivered", key, input: {} });
  await app.testing.publishJob(job);
  return job._id;
}

describe("QStash deliveries", () => {
  it("run the job's steps when signed, once each", async () => {
    const id = await enqueue("signed");
    await qstash.idle();
    expect(qstash.state.deliveries.map((attempt) => attempt.outcome)).toEqual([200]);
    const published = qstash.state.published[0]!;
    expect(published.headers).toMatchObject({
      "content-type": "application/json",
      "upstash-method": "POST",
      authorization: `Bearer ${qstash.token}`,
    });
    expect(published.headers["upstash-deduplication-id"]).toContain("test-delivered");
    const job = await app.db.jobsRepository(await app.db.getStore()).get(id);
    expect(job).toMatchObject({ status: "succeeded", progress: { done: 2, total: 2 } });
    expect(job?.history.find((entry) => entry.event === "started")?.detail).toBe(`qstash:${published.messageId}`);
    expect([stepRuns.get(`${id}#1`), stepRuns.get(`${id}#2`)]).toEqual([1, 1]);
  });

  it("are refused with 401 when the signature does not verify, and run nothing", async () => {
    qstash.state.config.tamper = true;
    qstash.state.config.retries = 1;
    const id = await enqueue("tampered");
    await qstash.idle();
    expect(qstash.state.deliveries.map((attempt) => attempt.outcome)).toEqual([401, 401]);
    expect(stepRuns.has(`${id}#1`)).toBe(false);
    expect(await app.db.jobsRepository(await app.db.getStore()).get(id)).toMatchObject({ status: "queued", leaseEpoch: 0 });

    // No signature at all, or a signature over another body: 401 problem+json.
    const url = `${process.env.APP_URL}/api/jobs/deliver`;
    const unsigned = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ jobId: id }),
    });
    expect(unsigned.status).toBe(401);
    expect(unsigned.headers.get("content-type")).toContain("application/problem+json");
    const { signDelivery } = await import("@/e2e/fakes/qstash/server");
    const otherBody = await fetch(url, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        "upstash-signature": signDelivery(qstash.signingKeys.current, url, '{"jobId":"other"}'),
      },
      body: JSON.stringify({ jobId: id }),
    });
    expect(otherBody.status).toBe(401);
    expect(stepRuns.has(`${id}#1`)).toBe(false);
  });

  it("are refused with 413 when the body passes 4 KB, signed or not, before anything else is read", async () => {
    const url = `${process.env.APP_URL}/api/jobs/deliver`;
    const { signDelivery } = await import("@/e2e/fakes/qstash/server");
    const body = JSON.stringify({ jobId: "j", padding: "x".repeat(8 * 1024) });
    const response = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json", "upstash-signature": signDelivery(qstash.signingKeys.current, url, body) },
      body,
    });
    expect(response.status).toBe(413);
    expect(await response.json()).toMatchObject({ code: "payload_too_large", limitBytes: 4 * 1024 });
  });

  it("retried after a timeout do each step once", async () => {
    stepMs = 700;
    Object.assign(qstash.state.config, { timeouts: 1, timeoutMs: 300, retries: 6, retryDelayMs: 400 });
    const id = await enqueue("timeout");
    await qstash.idle();
    const outcomes = qstash.state.deliveries.map((attempt) => attempt.outcome);
    // The first attempt timed out while its steps kept running; retries found the job busy (503) until it was done.
    expect(outcomes[0]).toBe("timeout");
    expect(outcomes).toContain(503);
    expect(outcomes.at(-1)).toBe(200);
    expect(qstash.state.deliveries.map((attempt) => attempt.retried)).toEqual(outcomes.map((_, index) => index));
    expect(await app.db.jobsRepository(await app.db.getStore()).get(id)).toMatchObject({ status: "succeeded" });
    expect([stepRuns.get(`${id}#1`), stepRuns.get(`${id}#2`)]).toEqual([1, 1]);
  });
});
