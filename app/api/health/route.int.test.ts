import { createServer, type Server } from "node:net";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it, vi } from "vitest";

const context = { params: Promise.resolve({}) };

/** Loads the route with a fresh environment, as a new server process would. */
async function loadHealthRoute(vars: Record<string, string>) {
  vi.resetModules();
  for (const [name, value] of Object.entries(vars)) vi.stubEnv(name, value);
  return (await import("./route")).GET;
}

function listen(): Promise<{ server: Server; port: number }> {
  return new Promise((resolve) => {
    const server = createServer((socket) => socket.end());
    server.listen(0, "127.0.0.1", () => resolve({ server, port: (server.address() as AddressInfo).port }));
  });
}

afterEach(() => {
  vi.unstubAllEnvs();
});

describe("GET /api/health", () => {
  it("is live with every backend in its built-in mode when nothing is configured", async () => {
    const GET = await loadHealthRoute({});
    const response = await GET(new Request("http://127.0.0.1:3000/api/health"), context);
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(body).toMatchObject({
      status: "ok",
      modes: { store: "embedded", cache: "embedded", signIn: "demo", spotify: "demo", assistant: "embedded" },
    });
    expect(body.version).toMatch(/^\d+\.\d+\.\d+/);

    const ready = await GET(new Request("http://127.0.0.1:3000/api/health?ready=1"), context);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ status: "ready", checks: [] });
  });

  it("is ready while the configured store accepts connections and names it when it stops", async () => {
    const { server, port } = await listen();
    const GET = await loadHealthRoute({ MONGODB_URI: `mongodb://127.0.0.1:${port}/echotune` });

    const ready = await GET(new Request("http://127.0.0.1:3000/api/health?ready=1"), context);
    expect(ready.status).toBe(200);
    expect((await ready.json()).checks).toEqual([expect.objectContaining({ name: "store", ok: true })]);

    await new Promise<void>((resolve) => server.close(() => resolve()));
    const down = await GET(new Request("http://127.0.0.1:3000/api/health?ready=1"), context);
    expect(down.status).toBe(503);
    expect(down.headers.get("content-type")).toBe("application/problem+json");
    expect(down.headers.get("retry-after")).toBe("30");
    const problem = await down.json();
    expect(problem).toMatchObject({ code: "unavailable", status: 503, down: ["store"] });
    expect(problem.detail).toMatch(/store is down \(.*ECONNREFUSED/);

    // Liveness stays green while a dependency is down: the process itself is fine.
    const live = await GET(new Request("http://127.0.0.1:3000/api/health"), context);
    expect(live.status).toBe(200);
  });
});
