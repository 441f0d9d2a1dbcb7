import { describe, expect, it } from "vitest";
import { callerOf } from "./caller";

const request = (headers: Record<string, string> = {}) => new Request("http://test/api/things", { headers });

describe("callerOf", () => {
  it("keys a signed-in listener by id, whatever address they claim", () => {
    const claiming = request({ "x-forwarded-for": "203.0.113.7" });
    expect(callerOf(claiming, { id: "u-1" }, true)).toBe("listener:u-1");
    expect(callerOf(claiming, { id: "u-1" }, false)).toBe("listener:u-1");
  });

  it("keys an anonymous caller by the first forwarded address behind a trusted proxy", () => {
    expect(callerOf(request({ "x-forwarded-for": "203.0.113.7, 10.0.0.1" }), null, true)).toBe("address:203.0.113.7");
    expect(callerOf(request({ "x-real-ip": "198.51.100.9" }), null, true)).toBe("address:198.51.100.9");
    expect(callerOf(request({ "x-forwarded-for": " ", "x-real-ip": "198.51.100.9" }), null, true)).toBe("address:198.51.100.9");
    expect(callerOf(request({ "x-forwarded-for": "x".repeat(500) }), null, true)).toHaveLength("address:".length + 64);
  });

  it("ignores forwarded headers nobody trusted set: every anonymous caller shares one key", () => {
    expect(callerOf(request({ "x-forwarded-for": "203.0.113.7" }), null, false)).toBe("anonymous");
    expect(callerOf(request({ "x-real-ip": "198.51.100.9" }), null, false)).toBe("anonymous");
    expect(callerOf(request(), null, true)).toBe("anonymous");
  });

  it("follows the environment by default: no proxy is trusted unless configured", () => {
    expect(callerOf(request({ "x-forwarded-for": "203.0.113.7" }))).toBe("anonymous");
  });
});
