import { describe, expect, it, vi } from "vitest";
import { AppError } from "@/lib/errors";
import { isProblemCode, problemCatalog, problemResponse } from "./problem";

describe("problem+json", () => {
  it("renders RFC 9457 members plus a stable code", async () => {
    const response = problemResponse(new AppError("not_found", { detail: "No chat 42." }), {
      instance: "/api/chats/42",
      requestId: "r-1234567",
    });
    expect(response.status).toBe(404);
    expect(response.headers.get("content-type")).toBe("application/problem+json");
    expect(response.headers.get("cache-control")).toBe("no-store");
    expect(await response.json()).toEqual({
      type: "/problems/not_found",
      title: "Not found",
      status: 404,
      detail: "No chat 42.",
      code: "not_found",
      instance: "/api/chats/42",
      requestId: "r-1234567",
    });
  });

  it("defaults the detail to the title and what to do", () => {
    const error = new AppError("unavailable");
    expect(error.detail).toBe(`${problemCatalog.unavailable.title}. ${problemCatalog.unavailable.hint}`);
  });

  it("gives every code a status in the error range and a hint", () => {
    for (const [code, entry] of Object.entries(problemCatalog)) {
      expect(isProblemCode(code)).toBe(true);
      expect(entry.status).toBeGreaterThanOrEqual(400);
      expect(entry.hint.length).toBeGreaterThan(10);
    }
    expect(isProblemCode("toString")).toBe(false);
  });
});

describe("branded errors", () => {
  it("pass instanceof across separate copies of the module, as Next's bundle layers need", async () => {
    vi.resetModules();
    const first = await import("@/lib/db");
    const firstProblem = await import("@/lib/errors");
    vi.resetModules();
    const second = await import("@/lib/db");
    const secondProblem = await import("@/lib/errors");
    expect(second.StoreUnavailableError).not.toBe(first.StoreUnavailableError);

    const outage = new first.StoreUnavailableError("connection refused");
    expect(outage).toBeInstanceOf(second.StoreUnavailableError);
    expect(outage).toBeInstanceOf(secondProblem.AppError);
    expect(outage).toBeInstanceOf(Error);
    expect(new firstProblem.AppError("not_found")).not.toBeInstanceOf(second.StoreUnavailableError);
    expect(new first.DuplicateKeyError("plays_unique_stream")).toBeInstanceOf(second.DuplicateKeyError);
    expect(new Error("plain")).not.toBeInstanceOf(secondProblem.AppError);
    expect({ code: "unavailable" }).not.toBeInstanceOf(secondProblem.AppError);
  });
});
