import { strFromU8, unzipSync } from "fflate";
import { readFileSync } from "node:fs";
import { expect, test } from "./fixtures";
import { signInWithDemo } from "./pages/sign-in";

/**
 * "Your data" in Settings, as a fresh demo visitor of this spec's own (it deletes the account, so
 * never the shared demo session): the download is a zip of the listener's own JSON files, and
 * "Delete my account" ends on the home page signed out, after which the old session cookie gets
 * 401 from the API and the sign-in page from the app.
 */
test.use({ storageState: { cookies: [], origins: [] } });
test.describe.configure({ timeout: 120_000 });

test("a demo visitor downloads all their data, then deletes their account", async ({ page, context, expectAccessible }) => {
  await signInWithDemo(page);
  const me = (await (await page.request.get("/api/me")).json()) as { id: string };
  await page.goto("/settings");
  const card = page.getByTestId("your-data");
  await expect(card.getByRole("heading", { name: "Your data" })).toBeVisible();

  const [download] = await Promise.all([page.waitForEvent("download"), card.getByTestId("download-data").click()]);
  expect(download.suggestedFilename()).toMatch(/^echotune-\d{4}-\d{2}-\d{2}\.zip$/);
  const files = unzipSync(readFileSync(await download.path()));
  expect(Object.keys(files).sort()).toEqual(
    [
      "README.txt",
      "blends.json",
      "chats.json",
      "feedback.json",
      "imports.json",
      "playlists.json",
      "plays.json",
      "settings.json",
      "shares.json",
      "usage.json",
    ].sort(),
  );
  expect(JSON.parse(strFromU8(files["settings.json"]!)).profile).toMatchObject({ id: me.id, displayName: "Demo listener" });
  // The shared demo history is not theirs: a visitor who imported nothing has no plays of their own.
  expect(JSON.parse(strFromU8(files["plays.json"]!))).toEqual([]);
  await expect(card.getByTestId("download-data")).toHaveText("Download all my data");

  const oldCookies = await context.cookies();
  await card.getByTestId("delete-account").click();
  const dialog = page.getByRole("alertdialog", { name: "Delete your account?" });
  await expect(dialog).toBeVisible();
  const confirm = dialog.getByRole("button", { name: "Delete everything" });
  await expect(confirm).toBeDisabled();
  await expectAccessible();
  // Escape closes it and deletes nothing.
  await page.keyboard.press("Escape");
  await expect(dialog).toBeHidden();
  await card.getByTestId("delete-account").click();
  await dialog.getByLabel("Type “delete my account” to confirm").fill("delete my account");
  await expect(confirm).toBeEnabled();
  await page.keyboard.press("Enter");

  await expect(page).toHaveURL(/\/\?account=deleted$/);
  await expect(page.getByTestId("account-deleted")).toContainText("Your account and everything EchoTune kept about you have been deleted");
  expect((await page.request.get("/api/me")).status()).toBe(401);

  // The session cookie from before the deletion names nobody any more.
  const replay = await context.browser()!.newContext({ baseURL: test.info().project.use.baseURL });
  await replay.addCookies(oldCookies);
  expect((await replay.request.get("/api/me")).status()).toBe(401);
  const stale = await replay.newPage();
  await stale.goto("/settings");
  await expect(stale).toHaveURL(/\/sign-in/);
  await replay.close();
});
