import { expect, test } from "./fixtures";

const sections = ["Dashboard", "Discover", "Assistant", "Playlists", "Import", "Settings"] as const;

test.describe("app shell", () => {
  test(
    "every section has a heading, a title and no accessibility violations",
    { tag: "@smoke" },
    async ({ page, shell, expectAccessible }) => {
      // Seven pages, each checked by axe: the dashboard alone has a dozen charts.
      test.setTimeout(90_000);
      for (const section of sections) {
        await shell.goto(`/${section.toLowerCase()}` as Parameters<typeof shell.goto>[0]);
        await expect(page.getByRole("heading", { level: 1, name: section })).toBeVisible();
        await expect(shell.sidebarLink(section)).toHaveAttribute("aria-current", "page");
        await expect(page).toHaveTitle(`${section} · EchoTune`);
        await expectAccessible();
      }
      // The demo listener has a history: the dashboard shows it rather than an empty state.
      await shell.goto("/dashboard");
      await expect(page.getByTestId("summary-tiles")).toBeVisible();
    },
  );

  test("works with the keyboard alone", async ({ page, shell }) => {
    await shell.goto("/dashboard");

    // The first Tab lands on the skip link, which moves focus past the navigation.
    await page.keyboard.press("Tab");
    const skip = page.getByRole("link", { name: "Skip to content" });
    await expect(skip).toBeFocused();
    await expect(skip).toBeInViewport();
    await page.keyboard.press("Enter");
    await expect(shell.main).toBeFocused();

    // From the top, Tab reaches a section link; Enter follows it.
    await page.goto("/dashboard");
    await shell.tabTo(shell.sidebarLink("Discover"));
    await page.keyboard.press("Enter");
    await expect(page).toHaveURL(/\/discover$/);
    await expect(shell.sidebarLink("Discover")).toHaveAttribute("aria-current", "page");

    await shell.tabTo(shell.sidebarLink("Settings"));
    await page.keyboard.press("Enter");
    await expect(page.getByRole("heading", { level: 1, name: "Settings" })).toBeVisible();
  });

  test("opens the menu on a phone and moves through it by keyboard", async ({ page, shell }) => {
    await page.setViewportSize({ width: 360, height: 740 });
    await shell.goto("/dashboard");
    await expect(shell.sidebarLink("Discover")).toBeHidden();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);

    await shell.tabTo(shell.mobileMenuButton);
    await page.keyboard.press("Enter");
    const dialog = page.getByRole("dialog", { name: "EchoTune" });
    await expect(dialog).toBeVisible();
    const importLink = dialog.getByRole("link", { name: "Import" });
    await shell.tabTo(importLink, 10);
    await page.keyboard.press("Enter");
    await expect(page).toHaveURL(/\/import$/);
    await expect(dialog).toBeHidden();

    await shell.mobileMenuButton.focus();
    await page.keyboard.press("Enter");
    await expect(dialog).toBeVisible();
    await page.keyboard.press("Escape");
    await expect(dialog).toBeHidden();
    await expect(shell.mobileMenuButton).toBeFocused();
  });
});
