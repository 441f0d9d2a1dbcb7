import { expect, type Locator, type Page } from "@playwright/test";

/** The signed-in shell: sidebar or mobile menu, theme menu, main landmark. */
export class AppShell {
  readonly main: Locator;
  readonly themeToggle: Locator;
  readonly mobileMenuButton: Locator;
  readonly page: Page;

  constructor(page: Page) {
    this.page = page;
    this.main = page.getByRole("main");
    this.themeToggle = page.getByTestId("theme-toggle");
    this.mobileMenuButton = page.getByRole("button", { name: "Open menu" });
  }

  async goto(path: "/dashboard" | "/discover" | "/assistant" | "/playlists" | "/import" | "/settings") {
    await this.page.goto(path);
    await expect(this.main).toBeVisible();
  }

  sidebarLink(name: string): Locator {
    return this.page.getByRole("navigation", { name: "Sections" }).getByRole("link", { name, exact: true });
  }

  /** Presses Tab until `target` has focus; fails after `limit` presses rather than looping. */
  async tabTo(target: Locator, limit = 30) {
    for (let presses = 0; presses < limit; presses += 1) {
      await this.page.keyboard.press("Tab");
      if (await target.evaluate((element) => element === document.activeElement)) return presses + 1;
    }
    throw new Error(`Tabbed ${limit} times without reaching the target`);
  }

  async chooseTheme(theme: "light" | "dark" | "system") {
    await this.themeToggle.focus();
    await this.page.keyboard.press("Enter");
    const item = this.page.getByRole("menuitemradio", { name: theme[0]!.toUpperCase() + theme.slice(1) });
    await expect(item).toBeVisible();
    await item.focus();
    await this.page.keyboard.press("Enter");
    await expect(item).toBeHidden();
  }
}
