import { globSync, readFileSync } from "node:fs";
import { dirname } from "node:path";
import { describe, expect, it } from "vitest";
import { fillPlaceholders, UNAUDITED_ROUTES } from "./lhci-pages";

const urls = (JSON.parse(readFileSync("lighthouserc.json", "utf8")) as { ci: { collect: { url: string[] } } }).ci.collect.url;

describe("the pages `npm run lhci` audits", () => {
  it("get their placeholders replaced by values, encoded for a path segment", () => {
    expect(fillPlaceholders("http://127.0.0.1:3000/dashboard/artist/{artist}", { artist: "Röyksopp & Robyn" })).toBe(
      "http://127.0.0.1:3000/dashboard/artist/R%C3%B6yksopp%20%26%20Robyn",
    );
    expect(fillPlaceholders("http://127.0.0.1:3000/discover", {})).toBe("http://127.0.0.1:3000/discover");
  });

  it("fail loudly when the config names a placeholder nothing fills", () => {
    expect(() => fillPlaceholders("http://127.0.0.1:3000/playlists/{playlist}", { chat: "c" })).toThrow("nothing fills {playlist}");
  });

  it("are every page of the app: each app/**/page.tsx, unless UNAUDITED_ROUTES says why not", () => {
    const paths = urls.map((url) => new URL(url).pathname);
    const routes = globSync("app/**/page.tsx").map((file) =>
      `/${dirname(file)}`
        .replace(/^\/app/, "")
        .replaceAll(/\/\([^)]+\)/g, "")
        .replace(/^$/, "/"),
    );
    expect(routes.length).toBeGreaterThan(10);
    const uncovered = routes
      .filter((route) => !(route in UNAUDITED_ROUTES))
      .filter((route) => {
        const pattern = new RegExp(`^${route.replaceAll(/\[[^\]]+\]/g, "[^/]+")}$`);
        return !paths.some((path) => pattern.test(path));
      });
    expect(uncovered).toEqual([]);
  });
});
