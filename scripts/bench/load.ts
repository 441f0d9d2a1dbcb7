/**
 * `npm run bench:load -- [--visitors 50] [--duration 60] [--closed-duration 20] [--url http://127.0.0.1:3000] [--port 3300]`:
 * the production build under the traffic of many demo visitors. Without --url it builds when the
 * build is not current, starts `next start` on 127.0.0.1 with zero configuration (demo mode, a
 * fresh embedded store in a temporary directory) and stops it at the end.
 *
 * Each visitor signs in through the demo sign-in (Auth.js's CSRF token, then the demo credentials
 * callback, as the sign-in form posts it), so each is a listener of their own with their own
 * session, rate limits and feedback, reading the shared demo history; the bench waits until that
 * history is stored and the recommender trained. Then two phases of the mix in load-mix.ts:
 *   1. think time: every visitor sends one request, reads the whole answer, and thinks 0.5 to
 *      1.5 s (about one request per second each) for --duration seconds;
 *   2. closed loop: autocannon with one connection per visitor and no think time, for
 *      --closed-duration seconds: the saturation throughput.
 * Each prints requests, throughput, p50/p95/p99 (HDR histograms) and failures per route. The
 * think-time phase must have no failures and p99 within 1 s, or the exit code is 1. A chat turn
 * counts there by its time to the first streamed text, printed on a row of its own: the offline
 * assistant streams its answer at a reading pace (12 ms a word), so the whole stream of a long
 * answer takes over a second by design; the chat row itself shows the whole stream.
 */
import type { ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { availableParallelism, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { createHistogram, type RecordableHistogram } from "node:perf_hooks";
import { parseArgs } from "node:util";
import autocannon from "autocannon";
import { freePort } from "../services/ferretdb.ts";
import { ensureBuild } from "../lib/build.ts";
import { demoSessionCookie, startZeroConfigServer, waitForServer } from "../lib/demo-server.ts";
import { answerProblem, headersFor, MIX_ROUTES, nextStep, type Step, type Visitor } from "./load-mix.ts";

const { values } = parseArgs({
  options: {
    visitors: { type: "string", default: "50" },
    duration: { type: "string", default: "60" },
    "closed-duration": { type: "string", default: "20" },
    url: { type: "string" },
    port: { type: "string" },
  },
});
const visitorCount = Number(values.visitors);
const durationSeconds = Number(values.duration);
const closedSeconds = Number(values["closed-duration"]);
const TARGET_P99_MS = 1000;
const REQUEST_TIMEOUT_MS = 30_000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Per-route counts and an HDR latency histogram (microseconds). */
class RouteStats {
  readonly latency: RecordableHistogram = createHistogram({ lowest: 1, highest: 120_000_000, figures: 3 });
  requests = 0;
  /** Answers outside 2xx, by status. */
  readonly statuses = new Map<number, number>();
  /** No answer (a timeout, a reset) or a 2xx answer that was wrong, with why. */
  readonly failures = new Map<string, number>();

  record(ms: number, status: number | null, problem: string | null) {
    this.requests += 1;
    this.latency.record(Math.max(1, Math.round(ms * 1000)));
    if (status !== null && (status < 200 || status > 299)) this.statuses.set(status, (this.statuses.get(status) ?? 0) + 1);
    if (problem) this.failures.set(problem, (this.failures.get(problem) ?? 0) + 1);
  }
  get non2xx() {
    return [...this.statuses.values()].reduce((sum, count) => sum + count, 0);
  }
  get errors() {
    return [...this.failures.values()].reduce((sum, count) => sum + count, 0);
  }
}

type Phase = Map<string, RouteStats>;
/** A chat turn's time to its first streamed text (think-time phase only), a row of its own: not a request of its own. */
const FIRST_TEXT = "  … to its first text";
const CHAT = "POST /api/chat";
const newPhase = (): Phase =>
  new Map(MIX_ROUTES.flatMap((route) => (route === CHAT ? [route, FIRST_TEXT] : [route])).map((route) => [route, new RouteStats()]));

function printPhase(title: string, phase: Phase, seconds: number): { failures: number; p99: number } {
  const ms = (value: number) => `${(value / 1000).toFixed(value < 100_000 ? 1 : 0)} ms`;
  const total = new RouteStats();
  console.log(`\n${title}`);
  console.log(
    `${"route".padEnd(26)}${"requests".padStart(9)}${"req/s".padStart(8)}${"p50".padStart(11)}${"p95".padStart(11)}${"p99".padStart(11)}${"non-2xx".padStart(9)}${"errors".padStart(8)}`,
  );
  const row = (name: string, stats: RouteStats) =>
    console.log(
      `${name.padEnd(26)}${String(stats.requests).padStart(9)}${(stats.requests / seconds).toFixed(1).padStart(8)}${ms(stats.latency.percentile(50)).padStart(11)}${ms(stats.latency.percentile(95)).padStart(11)}${ms(stats.latency.percentile(99)).padStart(11)}${String(stats.non2xx).padStart(9)}${String(stats.errors).padStart(8)}`,
    );
  // The target counts a chat turn by its first text when that was measured: the rest of its answer is paced by design.
  const answered = createHistogram({ lowest: 1, highest: 120_000_000, figures: 3 });
  const chatByFirstText = (phase.get(FIRST_TEXT)?.requests ?? 0) > 0;
  for (const [route, stats] of phase) {
    if (stats.requests === 0) continue;
    row(route, stats);
    if (route !== (chatByFirstText ? CHAT : FIRST_TEXT)) answered.add(stats.latency);
    if (route === FIRST_TEXT) continue;
    total.latency.add(stats.latency);
    total.requests += stats.requests;
    for (const [status, count] of stats.statuses) total.statuses.set(status, (total.statuses.get(status) ?? 0) + count);
    for (const [why, count] of stats.failures) total.failures.set(why, (total.failures.get(why) ?? 0) + count);
  }
  row("total", total);
  for (const [route, stats] of phase) {
    const reasons = [
      ...[...stats.statuses].map(([status, count]) => `HTTP ${status} ×${count}`),
      ...[...stats.failures].map(([why, count]) => `${why} ×${count}`),
    ];
    if (reasons.length > 0) console.log(`  ${route}: ${reasons.join(", ")}`);
  }
  if (chatByFirstText) console.log(`p99 with chat turns by their first text: ${ms(answered.percentile(99))}`);
  return { failures: total.non2xx + total.errors, p99: answered.percentile(99) / 1000 };
}

/** Signs each visitor in (a few at a time, as visitors arrive) and waits until the demo is ready for them. */
async function signInVisitors(origin: string): Promise<Visitor[]> {
  const visitors: Visitor[] = [];
  const started = performance.now();
  for (let index = 0; index < visitorCount; index += 5) {
    const batch = Array.from({ length: Math.min(5, visitorCount - index) }, async (_, offset): Promise<Visitor> => {
      const n = index + offset;
      return {
        index: n,
        cookie: await demoSessionCookie(origin),
        tracks: [],
        chat: { id: `load-${n}-0`, turns: 0, count: 0 },
        messages: 0,
      };
    });
    visitors.push(...(await Promise.all(batch)));
  }
  console.log(`signed in ${visitors.length} demo visitors in ${((performance.now() - started) / 1000).toFixed(1)} s`);

  // The first visit of the day stores the shared demo history and queues the recommender's training.
  const deadline = Date.now() + 10 * 60_000;
  const first = visitors[0]!;
  for (let attempt = 0; ; attempt += 1) {
    const page = await fetch(`${origin}/dashboard`, { headers: { cookie: first.cookie } }).catch(() => null);
    const html = (await page?.text().catch(() => "")) ?? "";
    if (page?.ok && !html.includes('data-testid="demo-preparing"')) break;
    if (Date.now() > deadline) throw new Error("the demo history was not stored within 10 minutes");
    await sleep(1000);
  }
  for (let attempt = 0; ; attempt += 1) {
    // A different novelty each time: an answer without the model is cached under its own query.
    const response = await fetch(`${origin}/api/recommendations?limit=1&novelty=${(0.5 + attempt / 10_000).toFixed(4)}`, {
      headers: { cookie: first.cookie },
    }).catch(() => null);
    const picks = ((await response?.json().catch(() => null)) ?? {}) as { model?: string | null };
    if (response?.ok && picks.model) break;
    if (Date.now() > deadline) throw new Error("the recommender was not trained on the demo history within 10 minutes");
    await sleep(2000);
  }
  console.log(`demo history stored and recommender trained after ${((performance.now() - started) / 1000).toFixed(1)} s`);

  // Each visitor, ten at a time: their dashboard shows the history, and they have picks to give feedback on.
  const check = async (visitor: Visitor): Promise<string | null> => {
    const page = await fetch(`${origin}/dashboard`, { headers: { cookie: visitor.cookie } });
    const html = await page.text();
    if (!page.ok || html.includes('data-testid="demo-preparing"')) return `dashboard HTTP ${page.status}, not ready`;
    const response = await fetch(`${origin}/api/recommendations?limit=20`, { headers: { cookie: visitor.cookie } });
    const picks = (await response.json()) as { items?: Array<{ key: string; name: string; artist: string }> };
    visitor.tracks = (picks.items ?? []).map(({ key, name, artist }) => ({ key, name, artist }));
    return visitor.tracks.length > 0 ? null : `no recommendations (HTTP ${response.status})`;
  };
  for (let index = 0; index < visitors.length; index += 10) {
    await Promise.all(
      visitors.slice(index, index + 10).map(async (visitor) => {
        let problem: string | null = "not checked";
        for (let attempt = 0; attempt < 3 && problem; attempt += 1) problem = await check(visitor).catch((error: Error) => error.message);
        if (problem) throw new Error(`visitor ${visitor.index}: ${problem}`);
      }),
    );
  }
  return visitors;
}

/** Phase 1: each visitor on their own loop, one request at a time, thinking 0.5 to 1.5 s after each answer. */
async function thinkTimePhase(origin: string, visitors: Visitor[]): Promise<Phase> {
  const phase = newPhase();
  const until = performance.now() + durationSeconds * 1000;
  await Promise.all(
    visitors.map(async (visitor) => {
      await sleep(Math.random() * 1000); // visitors arrive spread over the first second
      while (performance.now() < until) {
        const step = nextStep(visitor);
        const started = performance.now();
        let status: number | null = null;
        let problem: string | null = null;
        try {
          const response = await fetch(`${origin}${step.path}`, {
            method: step.method,
            headers: headersFor(visitor, step, origin),
            body: step.body,
            redirect: "manual",
            signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
          });
          status = response.status;
          let body = "";
          if (step.expect === "chat" && response.ok && response.body) {
            // A chat turn streams its answer at a reading pace: what the listener waits for is its first text.
            for await (const chunk of response.body.pipeThrough(new TextDecoderStream())) {
              if (!body.includes('"type":"text-delta"') && chunk.includes('"type":"text-delta"'))
                phase.get(FIRST_TEXT)!.record(performance.now() - started, null, null);
              body += chunk;
            }
          } else body = await response.text();
          if (response.ok) problem = answerProblem(step, body);
        } catch (error) {
          problem = (error as Error).name === "TimeoutError" ? `no answer within ${REQUEST_TIMEOUT_MS / 1000} s` : (error as Error).message;
        }
        phase.get(step.route)!.record(performance.now() - started, status, problem);
        await sleep(500 + Math.random() * 1000);
      }
    }),
  );
  return phase;
}

/** Phase 2: autocannon, one connection per visitor (their cookie), each sending its next request as soon as the last is answered. */
async function closedLoopPhase(origin: string, visitors: Visitor[]): Promise<{ phase: Phase; result: autocannon.Result }> {
  const phase = newPhase();
  const byCookie = new Map(visitors.map((visitor) => [visitor.cookie, visitor]));
  let nextVisitor = 0;
  // The step answered last, set when autocannon hands over the body and read by the 'response'
  // event right after it (both synchronous, on the same connection).
  let answered: { step: Step; problem: string | null } | undefined;
  let finish!: (outcome: { error?: unknown; result?: autocannon.Result }) => void;
  const finished = new Promise<{ error?: unknown; result?: autocannon.Result }>((resolve) => (finish = resolve));
  const instance = autocannon(
    {
      url: origin,
      connections: visitors.length,
      duration: closedSeconds,
      timeout: REQUEST_TIMEOUT_MS / 1000,
      setupClient: (client) => client.setHeaders({ cookie: visitors[nextVisitor++ % visitors.length]!.cookie }),
      requests: [
        {
          setupRequest: (request, context) => {
            const visitor = byCookie.get(String(request.headers?.cookie));
            if (!visitor) return request; // before setupClient gave the connection its visitor: replaced at once
            const step = nextStep(visitor);
            (context as { step?: Step }).step = step;
            return { ...request, method: step.method, path: step.path, headers: headersFor(visitor, step, origin), body: step.body ?? "" };
          },
          onResponse: (status, body, context) => {
            const step = (context as { step: Step }).step;
            answered = { step, problem: status >= 200 && status < 300 ? answerProblem(step, body) : null };
          },
        },
      ],
    },
    (error: unknown, result: autocannon.Result) => finish({ error, result }),
  );
  instance.on("response", (_client, statusCode, _bytes, responseTime) => {
    if (answered) phase.get(answered.step.route)!.record(responseTime, statusCode, answered.problem);
    answered = undefined;
  });
  const { error, result } = await finished;
  if (error || !result) throw new Error(`autocannon failed: ${String(error)}`);
  return { phase, result };
}

let server: ChildProcess | undefined;
const dataDir = mkdtempSync(join(tmpdir(), "echotune-bench-load-"));
let exitCode = 1;
try {
  let origin = values.url?.replace(/\/$/, "");
  if (!origin) {
    if (!ensureBuild()) throw new Error("the production build failed (errors above)");
    const port = values.port ? Number(values.port) : await freePort();
    origin = `http://127.0.0.1:${port}`;
    // Zero configuration: the embedded store, the memory cache and rate limiter, the offline assistant, the demo.
    server = startZeroConfigServer(port, dataDir);
  }
  await waitForServer(origin);
  // The server, this bench and anything else running share the machine: say how busy it was.
  const machine = () =>
    `${availableParallelism()} CPUs, load average ${loadavg()
      .map((load) => load.toFixed(1))
      .join(" ")}`;
  console.log(`bench:load against ${origin}: ${visitorCount} demo visitors (${machine()})`);
  const visitors = await signInVisitors(origin);

  const think = await thinkTimePhase(origin, visitors);
  const thinkResult = printPhase(
    `Think time: ${visitorCount} visitors, each one request then 0.5 to 1.5 s of thought, for ${durationSeconds} s`,
    think,
    durationSeconds,
  );

  const { phase: closed, result } = await closedLoopPhase(origin, visitors);
  printPhase(
    `Closed loop (saturation): ${visitorCount} visitors, no think time, for ${closedSeconds} s (autocannon)`,
    closed,
    result.duration,
  );
  console.log(
    `saturation throughput: ${result.requests.average.toFixed(1)} req/s on average (autocannon: p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms, ${result.errors} errors, ${result.timeouts} timeouts)`,
  );

  console.log(`machine after the run: ${machine()}`);
  const met = thinkResult.failures === 0 && thinkResult.p99 <= TARGET_P99_MS;
  console.log(
    `\ntarget (think time): no failures and p99 ≤ ${TARGET_P99_MS} ms: ${met ? "met" : "missed"} (${thinkResult.failures} failures, p99 ${thinkResult.p99.toFixed(0)} ms)`,
  );
  exitCode = met ? 0 : 1;
} catch (error) {
  const cause = (error as Error).cause;
  console.error(`bench:load: ${(error as Error).message}${cause ? ` (${cause instanceof Error ? cause.message : String(cause)})` : ""}`);
} finally {
  server?.kill("SIGTERM");
  rmSync(dataDir, { recursive: true, force: true });
}
process.exit(exitCode);
