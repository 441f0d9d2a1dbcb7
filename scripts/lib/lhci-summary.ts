/**
 * The Lighthouse summary `npm run lhci` prints and the preview workflow posts on the pull request:
 * per page, its category scores and script bytes, each against what lighthouserc.json asserts for
 * that page. Values are aggregated as lhci asserts them by default ("optimistic"): the best score
 * and the fewest bytes of the page's runs, so one run slowed by a busy machine does not fail it.
 */

type Level = "error" | "warn" | "off";
type Assertion = [Level, { minScore?: number; maxNumericValue?: number }];

export interface LighthouseConfig {
  ci: { assert: { assertMatrix: Array<{ matchingUrlPattern: string; assertions: Record<string, Assertion> }> } };
}

export interface ManifestEntry {
  url: string;
  summary: Record<string, number>;
  jsonPath: string;
}

/** The marker the preview workflow finds its own pull-request comment by. */
export const COMMENT_MARKER = "<!-- echotune-lighthouse -->";

const CATEGORIES = [
  ["performance", "Performance"],
  ["accessibility", "Accessibility"],
  ["best-practices", "Best practices"],
  ["seo", "SEO"],
] as const;

interface Check {
  value: number;
  /** The score's minimum or the size's maximum, when asserted for this page. */
  limit?: number;
  level?: Level;
  passed: boolean;
}

export interface PageSummary {
  path: string;
  scores: Partial<Record<(typeof CATEGORIES)[number][0], Check>>;
  scriptBytes?: Check;
}

/** Every assertion lighthouserc.json applies to `url` (each matching matrix entry adds its own). */
function assertionsFor(config: LighthouseConfig, url: string): Record<string, Assertion> {
  const merged: Record<string, Assertion> = {};
  for (const entry of config.ci.assert.assertMatrix) {
    if (new RegExp(entry.matchingUrlPattern).test(url)) Object.assign(merged, entry.assertions);
  }
  return merged;
}

function scriptTransferBytes(lhr: unknown): number | undefined {
  const items = (lhr as { audits?: Record<string, { details?: { items?: Array<Record<string, unknown>> } }> }).audits?.["resource-summary"]
    ?.details?.items;
  const script = items?.find((item) => item.resourceType === "script");
  return typeof script?.transferSize === "number" ? script.transferSize : undefined;
}

export function summarizePages(config: LighthouseConfig, manifest: ManifestEntry[], readLhr: (path: string) => unknown): PageSummary[] {
  const runsByUrl = new Map<string, ManifestEntry[]>();
  for (const run of manifest) runsByUrl.set(run.url, [...(runsByUrl.get(run.url) ?? []), run]);
  return [...runsByUrl].map(([url, runs]) => {
    const assertions = assertionsFor(config, url);
    const scores: PageSummary["scores"] = {};
    for (const [id] of CATEGORIES) {
      const values = runs.map((run) => run.summary[id]).filter((value): value is number => value !== undefined);
      if (values.length === 0) continue;
      const value = Math.max(...values);
      const [level, { minScore } = {}] = assertions[`categories:${id}`] ?? [];
      scores[id] = { value, limit: minScore, level, passed: minScore === undefined || level === "off" || value >= minScore };
    }
    const sizes = runs.map((run) => scriptTransferBytes(readLhr(run.jsonPath))).filter((bytes): bytes is number => bytes !== undefined);
    const [level, { maxNumericValue } = {}] = assertions["resource-summary:script:size"] ?? [];
    const bytes = sizes.length > 0 ? Math.min(...sizes) : undefined;
    const scriptBytes =
      bytes === undefined
        ? undefined
        : {
            value: bytes,
            limit: maxNumericValue,
            level,
            passed: maxNumericValue === undefined || level === "off" || bytes <= maxNumericValue,
          };
    return { path: new URL(url).pathname, scores, scriptBytes };
  });
}

function runsPerPage(manifest: ManifestEntry[]): number {
  const counts = new Map<string, number>();
  for (const run of manifest) counts.set(run.url, (counts.get(run.url) ?? 0) + 1);
  return Math.max(0, ...counts.values());
}

const mark = (check: Check) => (check.passed ? "✅" : check.level === "warn" ? "⚠️" : "❌");
const kb = (bytes: number) => `${(bytes / 1000).toFixed(0)} kB`;

export function summarizeLighthouse(
  config: LighthouseConfig,
  manifest: ManifestEntry[],
  readLhr: (path: string) => unknown,
  origin: string,
): { pages: PageSummary[]; text: string; markdown: string } {
  const pages = summarizePages(config, manifest, readLhr);
  const score = (check?: Check) =>
    check ? `${Math.round(check.value * 100)}${check.limit === undefined ? "" : ` (≥ ${Math.round(check.limit * 100)})`}` : "–";
  const pathWidth = Math.max(12, ...pages.map((page) => page.path.length));
  const size = (check?: Check) => (check ? `${kb(check.value)}${check.limit === undefined ? "" : ` of ${kb(check.limit)}`}` : "–");

  const text = [
    `Best of ${runsPerPage(manifest)} runs per page at ${origin} (mobile emulation, simulated throttling; scores out of 100, scripts as sent):`,
    ...pages.map((page) => {
      const parts = CATEGORIES.filter(([id]) => page.scores[id]).map(([id, label]) => {
        const check = page.scores[id]!;
        return `${label.toLowerCase()} ${score(check)}${check.passed ? "" : check.level === "warn" ? " WARN" : " FAIL"}`;
      });
      const scripts = page.scriptBytes
        ? `scripts ${size(page.scriptBytes)}${page.scriptBytes.passed ? "" : page.scriptBytes.level === "warn" ? " WARN" : " FAIL"}`
        : "scripts –";
      return `  ${page.path.padEnd(pathWidth)} ${[...parts, scripts].join(", ")}`;
    }),
  ].join("\n");

  const header = `| Page | ${CATEGORIES.map(([, label]) => label).join(" | ")} | Scripts (budget) |`;
  const rows = pages.map((page) => {
    const cells = CATEGORIES.map(([id]) => {
      const check = page.scores[id];
      return check ? `${mark(check)} ${score(check)}` : "–";
    });
    const scripts = page.scriptBytes ? `${mark(page.scriptBytes)} ${size(page.scriptBytes)}` : "–";
    return `| \`${page.path}\` | ${cells.join(" | ")} | ${scripts} |`;
  });
  const markdown = [
    COMMENT_MARKER,
    `### Lighthouse on ${origin}`,
    "",
    header,
    `| --- | ${CATEGORIES.map(() => "---").join(" | ")} | --- |`,
    ...rows,
    "",
    `Best of ${runsPerPage(manifest)} runs per page, mobile emulation. ✅ meets \`lighthouserc.json\`, ⚠️ below a warning threshold, ❌ fails an assertion.`,
    "",
  ].join("\n");
  return { pages, text, markdown };
}
