import { expect, test } from "./fixtures";

test.describe("landing page", () => {
  test.use({ storageState: { cookies: [], origins: [] } });

  test("explains the product and leads to the demo", { tag: "@smoke" }, async ({ page, expectAccessible }) => {
    const response = await page.goto("/");
    expect(response?.status()).toBe(200);
    await expect(page).toHaveTitle(/EchoTune/);
    await expect(page.getByRole("heading", { level: 1, name: "Your listening, understood." })).toBeVisible();
    await expect(page.locator('meta[name="description"]')).toHaveAttribute("content", /Spotify history/);
    await expect(page.getByRole("heading", { name: "How it works" })).toBeVisible();
    await expectAccessible();

    await page.getByTestId("sign-in-demo").click();
    await expect(page).toHaveURL(/\/dashboard$/);
    await expect(page.getByRole("heading", { level: 1, name: "Dashboard" })).toBeVisible();
    await expect(page.getByTestId("listener-name")).toHaveText("Demo listener");
  });

  test("serves its metadata files", async ({ request }) => {
    const robots = await request.get("/robots.txt");
    expect(robots.status()).toBe(200);
    const rules = await robots.text();
    expect(rules).toContain("Sitemap: http://127.0.0.1:3000/sitemap.xml");
    // Every signed-in section and the operators' view stay out of search results.
    for (const path of ["/dashboard", "/recap", "/blend", "/settings", "/ops"]) expect(rules).toContain(`Disallow: ${path}\n`);
    const sitemap = await request.get("/sitemap.xml");
    expect(await sitemap.text()).toContain("<loc>http://127.0.0.1:3000/</loc>");
    const og = await request.get("/opengraph-image");
    expect(og.headers()["content-type"]).toBe("image/png");
    const manifest = await request.get("/manifest.webmanifest");
    expect((await manifest.json()).short_name).toBe("EchoTune");
  });

  test("fits a 360 px phone without sideways scrolling", { tag: "@smoke" }, async ({ page }) => {
    await page.setViewportSize({ width: 360, height: 740 });
    await page.goto("/");
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await expect(page.getByTestId("sign-in-demo")).toBeInViewport();
  });
});

test.describe("signing in and out", () => {
  test.use({ storageState: { cookies: [], origins: [] } });

  test("an app page asks a signed-out visitor to sign in, then returns there", async ({ page, expectAccessible }) => {
    await page.goto("/settings");
    await expect(page).toHaveURL(/\/sign-in\?callbackUrl=%2Fsettings$/);
    await expect(page.getByRole("heading", { level: 1, name: "Sign in to EchoTune" })).toBeVisible();
    await expectAccessible();
    await page.getByTestId("sign-in-demo").click();
    await expect(page).toHaveURL(/\/settings$/);
    await expect(page.getByTestId("account-description")).toContainText("demo listener");

    await page.getByTestId("user-menu").click();
    await page.getByTestId("sign-out").click();
    await expect(page).toHaveURL(/127\.0\.0\.1:\d+\/$/);
    await page.goto("/dashboard");
    await expect(page).toHaveURL(/\/sign-in/);
  });

  test("the API answers 401 problem+json without a session", { tag: "@smoke" }, async ({ request }) => {
    const response = await request.get("/api/me");
    expect(response.status()).toBe(401);
    expect(await response.json()).toMatchObject({ code: "unauthorized", status: 401 });
  });
});
