import { expect, type Page } from "@playwright/test";

/** Signs in through the fake Spotify's consent page, as a listener would. */
export async function signInWithSpotify(page: Page, decision: "Agree" | "Cancel" = "Agree") {
  await page.goto("/sign-in");
  await page.getByTestId("sign-in-spotify").click();
  await expect(page.getByRole("heading", { name: "Connect EchoTune to your Spotify account?" })).toBeVisible();
  await page.getByRole("button", { name: decision }).click();
  if (decision === "Agree") await expect(page).toHaveURL(/\/dashboard$/);
}

/** Clicks "Try the demo" as a new visitor would: a demo listener of their own, reading the shared demo history. */
export async function signInWithDemo(page: Page) {
  await page.goto("/");
  await page.getByTestId("sign-in-demo").click();
  await expect(page).toHaveURL(/\/dashboard$/, { timeout: 60_000 });
  await expect(page.getByTestId("summary-tiles")).toBeVisible({ timeout: 60_000 });
}
