import { DEMO_LISTENER, demoListenerOptions, generateListeningHistory, getDemoCatalog } from "@/lib/demo";
import { expect, test } from "./fixtures";

const WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/**
 * The numbers on the dashboard, checked against a computation done here, from the demo listener's
 * raw plays (the generator the demo history is stored from), with nothing of our insights code.
 * 2022 is a year no other spec imports into, so the demo listener's plays there are only theirs.
 */
const FROM = "2022-01-01";
const TO = "2022-12-31";
const ZONE = DEMO_LISTENER.timeZone;

function expected() {
  const catalog = getDemoCatalog(DEMO_LISTENER.seed);
  // Today's history, as the server stores it (up to yesterday; a new one each day).
  const streams = generateListeningHistory(demoListenerOptions(Date.now()));
  const parts = new Intl.DateTimeFormat("en-CA", {
    timeZone: ZONE,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    hourCycle: "h23",
    weekday: "short",
  });
  let msPlayed = 0;
  const artists = new Map<string, { listens: number; ms: number }>();
  const hours = new Array<number>(24).fill(0);
  // The listening clock (weekday by hour, Monday first) and the timeline (by day), in milliseconds.
  const clock = WEEKDAYS.map(() => new Array<number>(24).fill(0));
  const days = new Map<string, number>();
  for (const stream of streams) {
    const track = stream.trackId ? catalog.tracksById.get(stream.trackId) : undefined;
    if (!track) continue;
    // Stored to the second, as the export gives it.
    const at = Math.floor(stream.ts.getTime() / 1000) * 1000;
    const fields = Object.fromEntries(parts.formatToParts(at).map((part) => [part.type, part.value]));
    const date = `${fields.year}-${fields.month}-${fields.day}`;
    if (date < FROM || date > TO) continue;
    msPlayed += stream.msPlayed;
    hours[Number(fields.hour)]! += stream.msPlayed;
    clock[WEEKDAYS.findIndex((day) => day.startsWith(fields.weekday ?? "?"))]![Number(fields.hour)]! += stream.msPlayed;
    days.set(date, (days.get(date) ?? 0) + stream.msPlayed);
    const name = catalog.artistsById.get(track.artistIds[0] ?? "")?.name ?? "Unknown artist";
    const artist = artists.get(name) ?? { listens: 0, ms: 0 };
    artist.ms += stream.msPlayed;
    if (stream.msPlayed >= 30_000) artist.listens += 1;
    artists.set(name, artist);
  }
  const topArtists = [...artists]
    .sort(([nameA, a], [nameB, b]) => b.listens - a.listens || b.ms - a.ms || nameA.localeCompare(nameB))
    .slice(0, 5)
    .map(([name]) => name);
  const busiestHour = hours.indexOf(Math.max(...hours));
  return { minutes: Math.round(msPlayed / 60_000), topArtists, busiestHour, clock, days };
}

test.describe("insights dashboard", () => {
  test("the demo listener sees every widget, with numbers that match the raw plays", async ({ page, expectAccessible }) => {
    // axe over a dozen charts and the glossary takes a while when two browsers share the machine.
    test.setTimeout(60_000);
    const want = expected();
    await page.goto(`/dashboard?range=custom&from=${FROM}&to=${TO}`);
    await expect(page.getByRole("heading", { level: 1, name: "Dashboard" })).toBeVisible();

    for (const title of [
      "Top artists",
      "Top tracks",
      "Top albums",
      "Listening over time",
      "Listening clock",
      "Sessions",
      "What gets skipped",
      "Streaks",
      "Discovery",
      "Platforms",
      "Top genres",
      "On this day",
    ]) {
      await expect(page.getByRole("heading", { name: title, exact: true })).toBeVisible();
    }

    const tiles = page.getByTestId("summary-tiles");
    await expect(tiles.locator("dl", { hasText: "Minutes played" }).locator("dd").first()).toHaveText(
      `${want.minutes.toLocaleString("en-US")} min`,
    );
    const artists = page.getByTestId("top-artists").getByRole("listitem");
    for (const [rank, name] of want.topArtists.entries()) await expect(artists.nth(rank)).toContainText(name);
    await expect(page.getByTestId("listening-clock")).toHaveAttribute("data-busiest-hour", String(want.busiestHour));
    await expect(page.getByText(`Your busiest hour is ${String(want.busiestHour).padStart(2, "0")}:00`)).toBeVisible();
    await expectAccessible();
  });

  test("a chart's table opens from its disclosure, with the values of the raw plays", async ({ page }) => {
    const want = expected();
    await page.goto(`/dashboard?range=custom&from=${FROM}&to=${TO}&unit=day`);
    const figure = (title: string) => page.locator("figure", { has: page.getByRole("heading", { name: title, exact: true }) });
    const whole = (ms: number) => Math.round(ms / 60_000).toLocaleString("en-US");

    // The listening clock: a row a weekday, a column an hour, each cell whole minutes.
    await figure("Listening clock").getByText("Show data as a table").click();
    const clock = figure("Listening clock").getByRole("table", { name: "Listening clock" });
    await expect(clock.locator("tbody tr")).toHaveCount(7);
    for (const [day, name] of WEEKDAYS.entries()) {
      const row = clock.locator("tbody tr").nth(day);
      await expect(row.getByRole("rowheader")).toHaveText(name);
      await expect(row.locator("td")).toHaveText(want.clock[day]!.map((ms) => `${whole(ms)} min`));
    }

    // Listening over time, a year by day: a row for every day, the busiest with its minutes.
    await figure("Listening over time").getByText("Show data as a table").click();
    const timeline = figure("Listening over time").getByRole("table", { name: "Listening over time" });
    await expect(timeline.locator("tbody tr")).toHaveCount(365);
    const [busiest, ms] = [...want.days].sort(([, a], [, b]) => b - a)[0]!;
    const [year, month, date] = busiest.split("-").map(Number) as [number, number, number];
    const row = timeline.locator("tbody tr", {
      has: page.getByRole("rowheader", { name: `${date} ${MONTHS[month - 1]} ${year}`, exact: true }),
    });
    await expect(row.locator("td")).toHaveText(`${whole(ms)} minutes`);
  });

  test("a range change updates the URL and the data, and Back restores both", async ({ page }) => {
    await page.goto(`/dashboard?range=custom&from=${FROM}&to=${TO}`);
    const minutes = page.getByTestId("summary-tiles").locator("dl", { hasText: "Minutes played" }).locator("dd").first();
    const custom = await minutes.textContent();

    await page.getByRole("button", { name: "Last 6 months" }).click();
    await expect(page).toHaveURL(/[?&]range=6m(&|$)/);
    // Other specs import into the demo listener meanwhile, so the index may be rebuilt first.
    await expect(page.getByTestId("range-label")).toContainText("Last 6 months", { timeout: 20_000 });
    await expect(minutes).not.toHaveText(custom ?? "");
    await expect(page.getByRole("button", { name: "Last 6 months" })).toHaveAttribute("aria-pressed", "true");

    await page.getByRole("button", { name: "By minutes" }).click();
    await expect(page).toHaveURL(/[?&]by=time(&|$)/);

    await page.goBack();
    await page.goBack();
    await expect(page).toHaveURL(new RegExp(`from=${FROM}`));
    await expect(minutes).toHaveText(custom ?? "");
  });

  test.describe("before the page's script has run", () => {
    // What a busy phone shows for seconds: the server's HTML, no event handler yet.
    test.use({ javaScriptEnabled: false });

    test("a range or a ranking button still loads its view, keeping the others", async ({ page }) => {
      await page.goto("/dashboard?by=time");
      await page.getByRole("button", { name: "Last 6 months" }).click();
      await expect(page).toHaveURL(/[?&]range=6m(&|$)/);
      await expect(page).toHaveURL(/[?&]by=time(&|$)/);
      await expect(page.getByTestId("range-label")).toContainText("Last 6 months", { timeout: 20_000 });
      await expect(page.getByRole("button", { name: "Last 6 months" })).toHaveAttribute("aria-pressed", "true");

      await page.getByRole("button", { name: "By listens" }).click();
      await expect(page).toHaveURL(/[?&]by=plays(&|$)/);
      await expect(page).toHaveURL(/[?&]range=6m(&|$)/);
      await expect(page.getByRole("button", { name: "By listens" })).toHaveAttribute("aria-pressed", "true");

      // Custom dates, open when the view is custom: Apply loads them.
      await page.goto(`/dashboard?range=custom&from=${FROM}&to=${TO}&by=time`);
      await page.getByLabel("From").fill("2022-03-01");
      await page.getByRole("button", { name: "Apply" }).click();
      await expect(page).toHaveURL(/[?&]from=2022-03-01(&|$)/);
      await expect(page).toHaveURL(/[?&]range=custom(&|$)/);
      await expect(page).toHaveURL(/[?&]by=time(&|$)/);
      await expect(page.getByTestId("range-label")).toContainText(/1 Mar( 2022)? – 31 Dec 2022/, { timeout: 20_000 });
    });
  });

  test("the range buttons say what they select, and the widgets agree with each other", async ({ page }) => {
    await page.goto("/dashboard");
    await expect(page.getByRole("group", { name: "Time range" }).getByRole("button")).toHaveText([
      "Last 4 weeks",
      "Last 6 months",
      "Last 12 months",
      "All time",
      "Custom dates",
    ]);
    await expect(page.getByTestId("range-label")).toContainText(/^Last 4 weeks: \d+ \w+( \d{4})? – \d+ \w+ \d{4} · /);

    // Streaks come from the same days: the longest ever is never shorter than the others.
    const days = async (id: string) => Number(((await page.getByTestId(id).textContent()) ?? "").match(/^([\d,]+) days?$/)?.[1] ?? 0);
    await expect(page.getByTestId("streak-longest-ever")).toHaveText(/^[\d,]+ days?$/);
    const ever = await days("streak-longest-ever");
    expect(ever).toBeGreaterThanOrEqual(await days("streak-current"));
    expect(ever).toBeGreaterThanOrEqual(await days("streak-longest"));

    // One session length: the tile's median is the widget's.
    const tile = (await page.getByTestId("summary-tiles").locator("dl", { hasText: "Sessions" }).textContent()) ?? "";
    const median = tile.match(/median (.+)$/)?.[1] ?? "missing";
    await expect(page.getByText(`median length ${median}.`)).toBeVisible();

    // What each number means is on the page, with the listener's threshold.
    await expect(page.getByTestId("definitions")).toContainText("Listen: A play of at least 30 seconds.");

    // On all time everything is new to the range: discovery shows each year instead of a 100% share.
    await page.getByRole("button", { name: "All time" }).click();
    await expect(page.getByTestId("range-label")).toContainText("All time", { timeout: 20_000 });
    await expect(page.getByTestId("discovery-by-year")).toBeVisible();
    await expect(page.getByText(/100% of [\d,]+ listens went to new tracks/)).toHaveCount(0);
  });

  test("a track's first listen is the first year of its yearly ranks", async ({ page }) => {
    await page.goto("/dashboard?range=all");
    await page.getByTestId("top-tracks").getByRole("link").first().click();
    await expect(page).toHaveURL(/\/dashboard\/track\//);
    const first = (await page.locator("dl", { hasText: "First listen" }).locator("dd").first().textContent()) ?? "";
    const year = first.match(/\d{4}$/)?.[0] ?? "missing";
    const ranks = page.getByRole("table", { name: "Rank by year" });
    await expect(ranks.getByRole("rowheader").first()).toHaveText(year);
  });

  test("custom dates in the wrong order get an inline message, not a request", async ({ page }) => {
    await page.goto("/dashboard");
    await page.getByRole("button", { name: "Custom dates" }).click();
    await page.getByLabel("From", { exact: true }).fill("2023-05-01");
    await page.getByLabel("To", { exact: true }).fill("2023-01-01");
    await page.getByRole("button", { name: "Apply" }).click();
    await expect(page.getByRole("alert").filter({ hasText: "start date must be on or before" })).toBeVisible();
    await expect(page).not.toHaveURL(/range=custom/);
  });

  test("artist pages show history, first and last listen, and what plays alongside", async ({ page }) => {
    await page.goto(`/dashboard?range=custom&from=${FROM}&to=${TO}`);
    const first = page.getByTestId("top-artists").getByRole("link").first();
    const name = (await first.textContent())?.trim() ?? "";
    await first.click();
    await expect(page).toHaveURL(/\/dashboard\/artist\//);
    await expect(page.getByRole("heading", { level: 1 })).toContainText(name);
    for (const title of ["History", "Rank over time", "Played in the same sessions", "Top tracks"]) {
      await expect(page.getByRole("heading", { name: title, exact: true })).toBeVisible();
    }
    await expect(page.locator("dl", { hasText: "First listen" })).toBeVisible();
  });

  test("GET /api/insights answers the dashboard as JSON, and bad parameters as problem+json", async ({ page, browser }) => {
    const ok = await page.request.get(`/api/insights?range=custom&from=${FROM}&to=${TO}&by=time`);
    expect(ok.status()).toBe(200);
    const body = await ok.json();
    expect(body).toMatchObject({ by: "time", timeZone: ZONE, range: { fromDate: FROM, toDate: TO } });
    expect(body.top.artists.length).toBeGreaterThan(0);

    const bad = await page.request.get("/api/insights?range=custom&from=2023-02-30&to=2023-03-01");
    expect(bad.status()).toBe(400);
    expect(bad.headers()["content-type"]).toBe("application/problem+json");
    expect((await bad.json()).errors).toEqual([{ field: "query.from", message: expect.stringContaining("YYYY-MM-DD") }]);

    const stranger = await browser.newContext({ storageState: { cookies: [], origins: [] } });
    const anonymous = await stranger.request.get("/api/insights");
    expect(anonymous.status()).toBe(401);
    await stranger.close();
  });
});
