import { expect, test as setup } from "@playwright/test";

export const demoState = "e2e/.auth/demo.json";

/** Signs in once as the demo listener, as a visitor would, and keeps the session for the specs. */
setup("sign in as the demo listener", async ({ page }) => {
  await page.goto("/");
  await page.getByTestId("sign-in-demo").click();
  await expect(page).toHaveURL(/\/dashboard$/);
  await expect(page.getByTestId("listener-name")).toHaveText("Demo listener");
  await page.context().storageState({ path: demoState });
});
