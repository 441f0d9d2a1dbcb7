import { expect, type Page } from "@playwright/test";

/** Signs in through the fake Spotify's consent page, as a listener would. */
export async function signInWithSpotify(page: Page, decision: "Agree" | "Cancel" = "Agree") {
  await page.goto("/sign-in");
  await page.getByTestId("sign-in-spotify").click();
  await expect(page.getByRole("heading", { name: "Connect EchoTune to your Spotify account?" })).toBeVisible();
  await page.getByRole("button", { name: decision }).click();
  if (decision === "Agree") await expect(page).toHaveURL(/\/dashboard$/);
}
