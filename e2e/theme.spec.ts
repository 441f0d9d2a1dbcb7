import { expect, test } from "./fixtures";

test.describe("theme", () => {
  test.use({ colorScheme: "light" });

  test("the choice persists across reloads and applies before first paint", async ({ page, shell, expectAccessible }) => {
    // Reloads and an axe run on a busy two-core machine.
    test.setTimeout(60_000);
    await shell.goto("/dashboard");
    const html = page.locator("html");
    await expect(html).not.toHaveClass(/dark/);

    await shell.chooseTheme("dark");
    await expect(html).toHaveClass(/dark/);
    await expectAccessible();

    // Read the class as soon as the document is parsed: a flash of the wrong theme would show here.
    await page.reload({ waitUntil: "commit" });
    await page.waitForFunction(() => document.readyState !== "loading");
    expect(await page.evaluate(() => document.documentElement.classList.contains("dark"))).toBe(true);

    await page.goto("/");
    await expect(html).toHaveClass(/dark/);
    await expectAccessible();

    await shell.chooseTheme("light");
    await page.reload();
    await expect(html).not.toHaveClass(/dark/);
  });

  test("system follows the device, and Settings shows the choice", async ({ page, shell }) => {
    await page.emulateMedia({ colorScheme: "dark" });
    await shell.goto("/settings");
    await expect(page.locator("html")).toHaveClass(/dark/);
    await expect(page.getByTestId("theme-choice-system")).toBeChecked();

    await page.getByText("Light", { exact: true }).click();
    await expect(page.getByTestId("theme-choice-light")).toBeChecked();
    await expect(page.locator("html")).not.toHaveClass(/dark/);
    await page.reload();
    await expect(page.getByTestId("theme-choice-light")).toBeChecked();
    await expect(page.locator("html")).not.toHaveClass(/dark/);
  });
});
