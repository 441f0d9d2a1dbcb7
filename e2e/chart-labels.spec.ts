import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures";

/**
 * Every chart's axis labels, measured in a real browser at a phone, a tablet and a desktop width:
 * no two labels of one axis overlap, none sticks out of its chart, and every axis keeps a label.
 * The charts choose their labels on the server from estimated text widths (components/charts/axis.ts);
 * this is where the estimate meets real fonts and layouts.
 */
const WIDTHS = [320, 768, 1440];
const DASHBOARD_RANGES = ["4w", "6m", "1y", "all"];

interface Problem {
  chart: string;
  problem: string;
}

/** Checks every chart on the page; returns how many it checked. */
async function checkCharts(page: Page, where: string): Promise<number> {
  await page.evaluate(() => document.fonts.ready);
  const charts = page.locator("[data-chart]");
  const count = await charts.count();
  const problems: Problem[] = [];
  for (let at = 0; at < count; at++) {
    const chart = charts.nth(at);
    // Widgets below the fold skip layout until they near the viewport (content-visibility: auto).
    await chart.scrollIntoViewIfNeeded();
    const found = await chart.evaluate((root, name) => {
      const out: Array<{ chart: string; problem: string }> = [];
      const box = root.getBoundingClientRect();
      const title = root.closest("figure")?.querySelector("h2, h3, h4")?.textContent ?? root.getAttribute("data-chart") ?? "";
      const chartName = `${name} · ${title}`;
      for (const axis of root.querySelectorAll<HTMLElement>("[data-axis]")) {
        const labels = [...axis.querySelectorAll<HTMLElement>("[data-tick]")]
          .filter((label) => label.checkVisibility({ visibilityProperty: true, opacityProperty: true }))
          .map((label) => ({ text: label.textContent ?? "", rect: label.getBoundingClientRect() }))
          .filter((label) => label.rect.width > 0 && label.rect.height > 0);
        const kind = axis.getAttribute("data-axis");
        if (labels.length === 0) out.push({ chart: chartName, problem: `the ${kind} axis shows no label` });
        for (const label of labels) {
          const { left, right, top, bottom } = label.rect;
          if (left < box.left - 0.5 || right > box.right + 0.5 || top < box.top - 0.5 || bottom > box.bottom + 0.5)
            out.push({ chart: chartName, problem: `${kind} label "${label.text}" leaves the chart` });
        }
        for (let a = 0; a < labels.length; a++) {
          for (let b = a + 1; b < labels.length; b++) {
            const first = labels[a]!.rect;
            const second = labels[b]!.rect;
            const wide = Math.min(first.right, second.right) - Math.max(first.left, second.left);
            const high = Math.min(first.bottom, second.bottom) - Math.max(first.top, second.top);
            if (wide > 0.5 && high > 0.5)
              out.push({ chart: chartName, problem: `${kind} labels "${labels[a]!.text}" and "${labels[b]!.text}" overlap` });
          }
        }
      }
      return out;
    }, where);
    problems.push(...found);
  }
  expect(problems, `${where}: ${count} charts`).toEqual([]);
  return count;
}

for (const width of WIDTHS) {
  test(`axis labels neither overlap nor overflow at ${width} px`, async ({ page }) => {
    test.setTimeout(180_000);
    await page.setViewportSize({ width, height: 900 });

    for (const range of DASHBOARD_RANGES) {
      await page.goto(`/dashboard?range=${range}`);
      await expect(page.getByRole("heading", { level: 1, name: "Dashboard" })).toBeVisible();
      // The timeline, the listening clock and discovery at least.
      expect(await checkCharts(page, `dashboard ${range} at ${width} px`)).toBeGreaterThanOrEqual(3);
    }

    // An item page (the top track of all time) and the newest year in music.
    await page.goto("/dashboard?range=all");
    const track = page.getByTestId("top-tracks").getByRole("link").first();
    await page.goto((await track.getAttribute("href")) ?? "");
    await expect(page.getByRole("heading", { name: "History", exact: true })).toBeVisible();
    expect(await checkCharts(page, `track page at ${width} px`)).toBeGreaterThanOrEqual(1);

    await page.goto("/recap");
    await expect(page.getByRole("heading", { level: 1, name: /in music$/ })).toBeVisible();
    expect(await checkCharts(page, `recap at ${width} px`)).toBeGreaterThanOrEqual(1);
  });
}
