import { expect, test } from "./fixtures";

/** A response from the API client or the browser. */
interface Answer {
  headers(): Record<string, string>;
}

/** The headers next.config.ts gives every response, pages and APIs alike. */
function expectBaseHeaders(response: Answer) {
  const headers = response.headers();
  expect(headers["x-content-type-options"]).toBe("nosniff");
  expect(headers["referrer-policy"]).toBe("strict-origin-when-cross-origin");
  expect(headers["x-frame-options"]).toBe("DENY");
  expect(headers["permissions-policy"]).toContain("camera=()");
  expect(headers["cross-origin-opener-policy"]).toBe("same-origin");
  // Served over http here: HSTS is for production on https only.
  expect(headers["strict-transport-security"]).toBeUndefined();
}

function nonceOf(response: Answer | null): string {
  const policy = response?.headers()["content-security-policy"] ?? "";
  expect(policy).toContain("frame-ancestors 'none'");
  expect(policy).not.toMatch(/script-src[^;]*'unsafe-(inline|eval)'/);
  const nonce = /script-src[^;]*'nonce-([A-Za-z0-9+/=]+)'/.exec(policy)?.[1];
  expect(nonce, policy).toBeTruthy();
  return nonce ?? "";
}

test.describe("security headers", () => {
  test.use({ storageState: { cookies: [], origins: [] } });

  test("each page response has a policy with a fresh nonce, on every script Next sends", async ({ request }) => {
    const pages = await Promise.all(["/", "/", "/sign-in", "/problems/not_found"].map((path) => request.get(path)));
    const nonces = pages.map(nonceOf);
    expect(new Set(nonces).size).toBe(nonces.length);
    for (const [index, response] of pages.entries()) {
      expect(response.status()).toBe(200);
      expect(response.headers()["content-type"]).toContain("text/html");
      expectBaseHeaders(response);
      const scripts = (await response.text()).match(/<script\b[^>]*>/g) ?? [];
      // Next's runtime and chunks, its inline RSC payload and next-themes' theme script.
      expect(scripts.length).toBeGreaterThan(3);
      for (const tag of scripts) expect(tag).toContain(`nonce="${nonces[index]}"`);
    }
  });

  test("the browser sees the nonce on the scripts it ran, and hears a violation", async ({ page, cspViolations }) => {
    const response = await page.goto("/");
    const nonce = nonceOf(response);
    const scriptNonces = await page
      .locator("script")
      .evaluateAll((scripts) => scripts.map((script) => (script as HTMLScriptElement).nonce));
    expect(scriptNonces.length).toBeGreaterThan(3);
    expect(new Set(scriptNonces)).toEqual(new Set([nonce]));
    // The theme script ran (it set the class before paint), so the nonce let it through.
    await expect(page.locator("html")).toHaveClass(/\b(light|dark)\b/);

    // The fixture every spec uses hears what the policy blocks: an image from an unlisted origin.
    await page.evaluate(() => {
      const image = new Image();
      image.src = "https://unlisted.example/pixel.png";
      document.body.append(image);
    });
    // Heard twice: by the page's securitypolicyviolation listener and in the console.
    const heard = () => cspViolations.violations.filter((line) => line.includes("https://unlisted.example/pixel.png"));
    await expect.poll(() => heard().length).toBe(2);
    expect(heard().join("\n")).toContain("img-src blocked https://unlisted.example/pixel.png");
    // Heard; this one was on purpose.
    cspViolations.violations.length = 0;
  });

  test("APIs and the art we draw get the base headers; SVGs may run nothing", async ({ request }) => {
    const health = await request.get("/api/health");
    expectBaseHeaders(health);
    expect(health.headers()["content-security-policy"]).toBeUndefined();
    const icon = await request.get("/icon.svg");
    expectBaseHeaders(icon);
    expect(icon.headers()["content-security-policy"]).toBe("default-src 'none'; frame-ancestors 'none'");
  });
});
