import { expect, test as setup } from "@playwright/test";

export const demoState = "e2e/.auth/demo.json";

/** Signs in once as the demo listener, as a visitor would, and keeps the session for the specs. */
setup("sign in as the demo listener", async ({ page }) => {
  await page.goto("/");
  await page.getByTestId("sign-in-demo").click();
  // The first visit of the demo stores its history (60,000 plays) before the dashboard renders.
  await expect(page).toHaveURL(/\/dashboard$/, { timeout: 45_000 });
  await expect(page.getByTestId("listener-name")).toHaveText("Demo listener");
  await page.context().storageState({ path: demoState });
});
