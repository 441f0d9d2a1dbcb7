import AxeBuilder from "@axe-core/playwright";
import { test as base, expect, type BrowserContext, type Page } from "@playwright/test";
import { AppShell } from "./pages/app-shell";

interface Fixtures {
  shell: AppShell;
  /** Runs axe (WCAG 2.2 A and AA) on the current page and fails on any violation. */
  expectAccessible: () => Promise<void>;
  /**
   * Automatic: every page of every context a test opens (its own, and those from browser.newContext)
   * reports Content-Security-Policy violations, and the test fails at its end if there was one.
   */
  cspViolations: CspWatch;
}

interface CspWatch {
  violations: string[];
  /** Resolves once the context's pages report violations. */
  ready: (context: BrowserContext) => Promise<void>;
}

/** Called by the pages' listener; survives navigations, unlike anything kept on window. */
const REPORT_BINDING = "__echotuneReportCspViolation";
const PENDING = "__echotuneCspViolations";

/** Runs in every frame before the page's own scripts. */
function listenForViolations({ binding, pending }: { binding: string; pending: string }) {
  const slots = window as unknown as Record<string, unknown>;
  const queue: string[] = [];
  slots[pending] = queue;
  document.addEventListener("securitypolicyviolation", (event) => {
    const where = `${event.sourceFile || document.location.href}:${event.lineNumber}`;
    const line = `${event.effectiveDirective} blocked ${event.blockedURI || "inline"} at ${where} (${event.sample || "no sample"})`;
    const report = slots[binding] as ((line: string) => Promise<void>) | undefined;
    if (report) void report(line);
    else queue.push(line);
  });
}

async function watch(context: BrowserContext, violations: string[]) {
  context.on("console", (message) => {
    if (/Content[- ]Security[- ]Policy/i.test(message.text())) violations.push(`console: ${message.text()}`);
  });
  await context.exposeBinding(REPORT_BINDING, (_source, line: string) => void violations.push(line));
  await context.addInitScript(listenForViolations, { binding: REPORT_BINDING, pending: PENDING });
}

/** Collects what a listener queued before the binding was there, from every page still open. */
async function drain(context: BrowserContext): Promise<string[]> {
  const lines: string[] = [];
  for (const page of context.pages()) {
    const queued = await page
      .evaluate((pending) => ((window as unknown as Record<string, unknown>)[pending] as string[] | undefined) ?? [], PENDING)
      .catch(() => []);
    lines.push(...queued);
  }
  return lines;
}

/**
 * Waits until React has hydrated the page's controls (they carry React's fiber once it has): a
 * test, like a fast finger, must not act before they listen. A select changed before hydration is
 * set back to React's state, and a click is lost. Waits 10 s at most and never fails by itself: a
 * page with no controls, or one that never hydrates, is left to the test's own assertions.
 */
async function hydrated(page: Page): Promise<void> {
  await page
    .waitForFunction(
      () =>
        // Not the hidden inputs Next adds to server-action forms: React does not own those.
        [...document.querySelectorAll("main button, main select, main input:not([type=hidden]), main textarea, main a[href]")].every(
          (node) => Object.keys(node).some((key) => key.startsWith("__reactFiber$")),
        ),
      undefined,
      { timeout: 10_000 },
    )
    .catch(() => undefined);
}

export const test = base.extend<Fixtures>({
  // Navigations made by the test return once the page can be used, not merely loaded. With
  // JavaScript off nothing will hydrate: waiting would only spend the 10 s of `hydrated`.
  page: async ({ page, javaScriptEnabled }, use) => {
    if (javaScriptEnabled === false) {
      await use(page);
      return;
    }
    const goto = page.goto.bind(page);
    const reload = page.reload.bind(page);
    page.goto = async (url, options) => {
      const response = await goto(url, options);
      await hydrated(page);
      return response;
    };
    page.reload = async (options) => {
      const response = await reload(options);
      await hydrated(page);
      return response;
    };
    await use(page);
  },
  cspViolations: [
    async ({ browser }, use) => {
      const violations: string[] = [];
      const watching = new Map<BrowserContext, Promise<void>>();
      const onContext = (context: BrowserContext) => {
        if (watching.has(context)) return;
        const watched = watch(context, violations);
        // A context closed at once cannot be watched; ready() still reports it to whoever awaits.
        watched.catch(() => {});
        watching.set(context, watched);
      };
      browser.on("context", onContext);
      for (const context of browser.contexts()) onContext(context);
      await use({
        violations,
        ready: (context) => {
          onContext(context);
          return watching.get(context) ?? Promise.resolve();
        },
      });
      browser.off("context", onContext);
      for (const context of watching.keys()) violations.push(...(await drain(context)));
      expect(violations, "Content-Security-Policy violations").toEqual([]);
    },
    { auto: true },
  ],
  // The test's own context reports from its first page on.
  context: async ({ context, cspViolations }, use) => {
    await cspViolations.ready(context);
    await use(context);
  },
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
