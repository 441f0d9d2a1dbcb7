import { expect, test } from "./fixtures";

test.describe("not found and the API", () => {
  test.use({ storageState: { cookies: [], origins: [] } });

  test("an unknown page shows the not-found page with a 404", async ({ page, expectAccessible }) => {
    const response = await page.goto("/no/such/page");
    expect(response?.status()).toBe(404);
    await expect(page.getByTestId("not-found-title")).toBeVisible();
    await expectAccessible();
    await page.getByRole("link", { name: "Go to the home page" }).click();
    await expect(page).toHaveURL(/127\.0\.0\.1:\d+\/$/);
  });

  test("/api/health answers with every backend's mode", async ({ request }) => {
    const live = await request.get("/api/health");
    expect(live.status()).toBe(200);
    expect(live.headers()["x-request-id"]).toBeTruthy();
    // The end-to-end server signs in with (fake) Spotify and asks the (fake) Gemini; the rest is built in.
    expect(await live.json()).toMatchObject({
      status: "ok",
      modes: { store: "embedded", cache: "embedded", signIn: "configured", spotify: "configured", assistant: "configured" },
    });
    const ready = await request.get("/api/health?ready=1");
    expect(ready.status()).toBe(200);
    expect((await ready.json()).status).toBe("ready");
  });

  test("unknown API paths and bad input answer problem+json", async ({ request }) => {
    const missing = await request.post("/api/does-not-exist", { data: { any: "thing" } });
    expect(missing.status()).toBe(404);
    expect(missing.headers()["content-type"]).toBe("application/problem+json");
    expect(await missing.json()).toMatchObject({ code: "not_found", status: 404, type: "/problems/not_found" });

    const invalid = await request.get("/api/health?ready=maybe");
    expect(invalid.status()).toBe(400);
    expect((await invalid.json()).errors).toEqual([{ field: "query.ready", message: "must be 1 or 0" }]);
  });

  test("each problem type links to a page that says what to do", async ({ page }) => {
    await page.goto("/problems/rate_limited");
    await expect(page.getByRole("heading", { level: 1, name: "Too many requests" })).toBeVisible();
    await expect(page.getByText("Retry-After")).toBeVisible();
  });
});
