import { describe, expect, it } from "vitest";
import { routePattern } from "./route-pattern";

describe("routePattern", () => {
  it("names each param's segment as the app folder does", () => {
    expect(routePattern("/api/imports/3f2a/chunks", { id: "3f2a" })).toBe("/api/imports/[id]/chunks");
    expect(routePattern("/api/playlists/p1/versions/v2", { id: "p1", version: "v2" })).toBe("/api/playlists/[id]/versions/[version]");
  });

  it("matches encoded segments and catch-all params", () => {
    expect(routePattern("/api/items/a%20b", { key: "a b" })).toBe("/api/items/[key]");
    expect(routePattern("/api/auth/callback/spotify", { nextauth: ["callback", "spotify"] })).toBe("/api/auth/[...nextauth]");
  });

  it("leaves a static path and missing params as they are", () => {
    expect(routePattern("/api/chat", {})).toBe("/api/chat");
    expect(routePattern("/api/chat", undefined)).toBe("/api/chat");
    expect(routePattern("/api/things", { optional: undefined, rest: [] })).toBe("/api/things");
  });
});
