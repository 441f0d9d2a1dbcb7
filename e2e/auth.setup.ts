import { expect, test as setup } from "./fixtures";

export const demoState = "e2e/.auth/demo.json";

/** Signs in once as the demo listener, as a visitor would, and keeps the session for the specs. */
setup("sign in as the demo listener", async ({ page }) => {
  setup.setTimeout(180_000);
  await page.goto("/");
  await page.getByTestId("sign-in-demo").click();
  // The server's first requests compile and open the store; allow for a slow machine.
  await expect(page).toHaveURL(/\/dashboard$/, { timeout: 60_000 });
  await expect(page.getByTestId("listener-name")).toHaveText("Demo listener");
  // The first visit stores the demo history (58,000 plays through the import pipeline) in the
  // background with a progress bar, and the page refreshes itself until the dashboard is there.
  const preparing = page.getByTestId("demo-preparing");
  if (await preparing.isVisible()) await expect(preparing.getByRole("progressbar")).toHaveAttribute("aria-valuenow", /\d+/);
  await expect(page.getByTestId("summary-tiles")).toBeVisible({ timeout: 150_000 });
  await page.context().storageState({ path: demoState });
});
