/**
 * The Lighthouse summary `npm run lhci` prints and the preview workflow posts on the pull request:
 * per page, the median run's category scores and its script bytes, each against what
 * lighthouserc.json asserts for that page.
 */

type Level = "error" | "warn" | "off";
type Assertion = [Level, { minScore?: number; maxNumericValue?: number }];

export interface LighthouseConfig {
  ci: { assert: { assertMatrix: Array<{ matchingUrlPattern: string; assertions: Record<string, Assertion> }> } };
}

export interface ManifestEntry {
  url: string;
  isRepresentativeRun: boolean;
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
  return manifest
    .filter((run) => run.isRepresentativeRun)
    .map((run) => {
      const assertions = assertionsFor(config, run.url);
      const scores: PageSummary["scores"] = {};
      for (const [id] of CATEGORIES) {
        const value = run.summary[id];
        if (value === undefined) continue;
        const [level, { minScore } = {}] = assertions[`categories:${id}`] ?? [];
        scores[id] = { value, limit: minScore, level, passed: minScore === undefined || level === "off" || value >= minScore };
      }
      const bytes = scriptTransferBytes(readLhr(run.jsonPath));
      const [level, { maxNumericValue } = {}] = assertions["resource-summary:script:size"] ?? [];
      const scriptBytes =
        bytes === undefined
          ? undefined
          : {
              value: bytes,
              limit: maxNumericValue,
              level,
              passed: maxNumericValue === undefined || level === "off" || bytes <= maxNumericValue,
            };
      return { path: new URL(run.url).pathname, scores, scriptBytes };
    });
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
  const size = (check?: Check) => (check ? `${kb(check.value)}${check.limit === undefined ? "" : ` of ${kb(check.limit)}`}` : "–");

  const text = [
    `Median run per page at ${origin} (mobile emulation, simulated throttling; scores out of 100, scripts gzipped as sent):`,
    ...pages.map((page) => {
      const parts = CATEGORIES.filter(([id]) => page.scores[id]).map(([id, label]) => {
        const check = page.scores[id]!;
        return `${label.toLowerCase()} ${score(check)}${check.passed ? "" : check.level === "warn" ? " WARN" : " FAIL"}`;
      });
      const scripts = page.scriptBytes
        ? `scripts ${size(page.scriptBytes)}${page.scriptBytes.passed ? "" : page.scriptBytes.level === "warn" ? " WARN" : " FAIL"}`
        : "scripts –";
      return `  ${page.path.padEnd(12)} ${[...parts, scripts].join(", ")}`;
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
    "Median of 3 runs per page, mobile emulation. ✅ meets `lighthouserc.json`, ⚠️ below a warning threshold, ❌ fails an assertion.",
    "",
  ].join("\n");
  return { pages, text, markdown };
}
