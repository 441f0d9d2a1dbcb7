import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { COMMENT_MARKER, summarizeLighthouse, type LighthouseConfig, type ManifestEntry } from "./lhci-summary";

const config = JSON.parse(readFileSync("lighthouserc.json", "utf8")) as LighthouseConfig;
const origin = "https://echotune-git-branch.vercel.app";

function run(path: string, summary: Record<string, number>): ManifestEntry {
  return { url: `${origin}${path}`, summary, jsonPath: `${path}#${Object.values(summary).join()}` };
}
const lhrs: Record<string, number> = { "/": 150_000, "/dashboard": 900_000 };
// A run slowed by a busy machine loaded more script too: the summary keeps the best of each.
const readLhr = (path: string) => {
  const [page = "", scores = ""] = path.split("#");
  const bytes = (lhrs[page] ?? 0) + (scores.startsWith("0.1") ? 50_000 : 0);
  return { audits: { "resource-summary": { details: { items: [{ resourceType: "script", transferSize: bytes }] } } } };
};

describe("the Lighthouse summary", () => {
  const manifest = [
    run("/", { performance: 0.95, accessibility: 1, "best-practices": 1, seo: 0.9 }),
    run("/dashboard", { performance: 0.7, accessibility: 1, "best-practices": 1, seo: 0.6 }),
    run("/", { performance: 0.1, accessibility: 1, "best-practices": 1, seo: 0.9 }),
  ];
  const { pages, text, markdown } = summarizeLighthouse(config, manifest, readLhr, origin);

  it("keeps each page's best run, with the assertions lighthouserc.json applies to it", () => {
    expect(pages.map((page) => page.path)).toEqual(["/", "/dashboard"]);
    const [home, dashboard] = pages;
    expect(home!.scores.performance).toMatchObject({ value: 0.95, limit: 0.9, level: "error", passed: true });
    expect(home!.scores.seo).toMatchObject({ limit: 0.95, level: "error", passed: false });
    expect(home!.scriptBytes).toMatchObject({ value: 150_000, level: "error", passed: true });
    // Performance only warns on signed-in pages, and SEO is not asserted there (they are noindex).
    expect(dashboard!.scores.performance).toMatchObject({ level: "warn", passed: false });
    expect(dashboard!.scores.seo).toMatchObject({ limit: undefined, passed: true });
    expect(dashboard!.scriptBytes?.passed).toBe(false);
  });

  it("says which checks fail and which only warn, in the text and in the comment", () => {
    expect(text).toContain(`Best of 2 runs per page at ${origin}`);
    expect(text).toMatch(
      /\/\s+performance 95 \(≥ 90\), accessibility 100 \(≥ 100\), best practices 100 \(≥ 100\), seo 90 \(≥ 95\) FAIL, scripts 150 kB of \d+ kB/,
    );
    expect(text).toMatch(/\/dashboard\s+performance 70 \(≥ 95\) WARN.*seo 60, scripts 900 kB of \d+ kB FAIL/);
    expect(markdown.startsWith(COMMENT_MARKER)).toBe(true);
    expect(markdown).toContain("| `/dashboard` | ⚠️ 70 (≥ 95) | ✅ 100 (≥ 100) | ✅ 100 (≥ 100) | ✅ 60 | ❌ 900 kB of");
  });
});
