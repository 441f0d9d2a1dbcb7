/**
 * `npm run bench:chat -- [--runs 60] [--delay 200]`: the server's own latency to the first streamed
 * token of a chat turn. The real chat turn (store, budgets, history, the AI SDK and @ai-sdk/google
 * over HTTP) runs against the fake Gemini, whose first chunk waits `--delay` ms; the bench prints
 * p50/p95 of (time to the first text delta − that delay), alone and at 10 concurrent turns.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";

const { values } = parseArgs({ options: { runs: { type: "string", default: "60" }, delay: { type: "string", default: "200" } } });
const runs = Number(values.runs);
const delay = Number(values.delay);

const { startFakeGemini } = await import("../../e2e/fakes/gemini/server.ts");
const gemini = await startFakeGemini({ port: 0 });
const dataDir = mkdtempSync(join(tmpdir(), "echotune-bench-chat-"));
Object.assign(process.env, {
  DATA_DIR: dataDir,
  GOOGLE_GENERATIVE_AI_API_KEY: "bench",
  GEMINI_BASE_URL: gemini.url,
  ASSISTANT_TURNS_PER_MINUTE: "100000",
  ASSISTANT_LISTENER_DAILY_TOKENS: "1000000000",
  LOG_LEVEL: "warn",
});
for (const name of ["MONGODB_URI", "UPSTASH_REDIS_REST_URL", "UPSTASH_REDIS_REST_TOKEN"]) delete process.env[name];
await fetch(`${gemini.origin}/__admin/config`, {
  method: "POST",
  headers: { "content-type": "application/json" },
  body: JSON.stringify({ firstChunkDelayMs: delay }),
});

const { chatTurn } = await import("@/lib/assistant");
const listener = {
  id: "bench-listener",
  displayName: "Bench",
  imageUrl: null,
  isDemo: false,
  reconnectRequired: false,
  settings: { timeZone: "Europe/Berlin", listenThresholdMs: 30_000, allowExplicit: true },
};

let turn = 0;
async function firstToken(): Promise<number> {
  const n = ++turn;
  const started = performance.now();
  const response = await chatTurn(listener, {
    id: `bench-chat-${n}`,
    message: { id: `m-${n}`, role: "user", parts: [{ type: "text", text: `Question number ${n}` }] },
    trigger: "submit-message",
  });
  const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
  let buffered = "";
  for (;;) {
    const { done, value } = await reader.read();
    if (done) throw new Error("the stream ended without text");
    buffered += value;
    if (buffered.includes('"type":"text-delta"')) {
      const elapsed = performance.now() - started;
      await reader.cancel().catch(() => {});
      return elapsed - delay;
    }
  }
}

const percentile = (samples: number[], p: number) =>
  [...samples].sort((a, b) => a - b)[Math.min(samples.length - 1, Math.floor((p / 100) * samples.length))] ?? 0;
await firstToken(); // warm-up: module load, store open
console.log(`bench:chat: server-added time to the first streamed token, over a ${delay} ms first-chunk delay of the (fake) model\n`);
console.log(`${"concurrency".padEnd(12)}${"p50".padStart(10)}${"p95".padStart(10)}`);
for (const concurrency of [1, 10]) {
  const samples: number[] = [];
  for (let done = 0; done < runs; done += concurrency)
    samples.push(...(await Promise.all(Array.from({ length: concurrency }, () => firstToken()))));
  console.log(
    `${String(concurrency).padEnd(12)}${`${percentile(samples, 50).toFixed(1)} ms`.padStart(10)}${`${percentile(samples, 95).toFixed(1)} ms`.padStart(10)}`,
  );
}
await gemini.close();
rmSync(dataDir, { recursive: true, force: true });
process.exit(0);
