import AxeBuilder from "@axe-core/playwright";
import { test as base, expect } from "@playwright/test";
import { AppShell } from "./pages/app-shell";

interface Fixtures {
  shell: AppShell;
  /** Runs axe (WCAG 2.2 A and AA) on the current page and fails on any violation. */
  expectAccessible: () => Promise<void>;
}

export const test = base.extend<Fixtures>({
  shell: async ({ page }, use) => {
    await use(new AppShell(page));
  },
  expectAccessible: async ({ page }, use) => {
    await use(async () => {
      const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]).analyze();
      const summary = results.violations.map(
        (violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(" ")).join(", ")}`,
      );
      expect(summary).toEqual([]);
    });
  },
});

export { expect };
