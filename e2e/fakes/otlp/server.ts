/**
 * A local OpenTelemetry collector for tests: it receives OTLP/HTTP trace exports (protobuf, as
 * @vercel/otel sends by default, or JSON) on POST /v1/traces, decodes them and keeps the spans.
 *
 *   node --import ./scripts/register.ts e2e/fakes/otlp/server.ts --port 3905
 *   OTEL_EXPORTER_OTLP_ENDPOINT=http://127.0.0.1:3905
 *
 * Admin (JSON): GET /__admin/spans (every span received, ids in hex) | POST /__admin/reset
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { decodeTraceJson, decodeTraceRequest, type ReceivedSpan } from "./protobuf";

export type { ReceivedSpan } from "./protobuf";

async function bodyOf(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

function sendJson(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { "content-type": "application/json" });
  response.end(JSON.stringify(body, (_key, value: unknown) => (typeof value === "bigint" ? value.toString() : value)));
}

export async function startFakeCollector(options: { port?: number; host?: string } = {}) {
  const host = options.host ?? "127.0.0.1";
  let spans: ReceivedSpan[] = [];
  let exports = 0;
  const server = createServer(async (request, response) => {
    const url = new URL(request.url ?? "/", "http://collector");
    try {
      const route = `${request.method} ${url.pathname}`;
      if (route === "POST /v1/traces") {
        const body = await bodyOf(request);
        const json = (request.headers["content-type"] ?? "").includes("json");
        spans.push(...(json ? decodeTraceJson(JSON.parse(body.toString("utf8"))) : decodeTraceRequest(body)));
        exports += 1;
        // An empty ExportTraceServiceResponse: full success.
        if (json) return sendJson(response, 200, {});
        response.writeHead(200, { "content-type": "application/x-protobuf" });
        return void response.end();
      }
      if (route === "GET /__admin/spans") return sendJson(response, 200, { exports, spans });
      if (route === "POST /__admin/reset") {
        spans = [];
        exports = 0;
        return sendJson(response, 200, { ok: true });
      }
      return sendJson(response, 404, { error: `no route ${route}` });
    } catch (error) {
      return sendJson(response, 400, { error: (error as Error).message });
    }
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, host, resolve));
  const { port } = server.address() as AddressInfo;
  const origin = `http://${host}:${port}`;
  return {
    origin,
    spans: () => spans,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

if (import.meta.main) {
  const { parseArgs } = await import("node:util");
  const { values } = parseArgs({ options: { port: { type: "string", default: "3905" }, host: { type: "string" } } });
  const collector = await startFakeCollector({ port: Number(values.port), host: values.host });
  console.log(`Fake OTLP collector on ${collector.origin} (OTEL_EXPORTER_OTLP_ENDPOINT=${collector.origin})`);
  const stop = () => void collector.close().then(() => process.exit(0));
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}
