import type { Locator, Page } from "@playwright/test";
import { demoListenerOptions, generateListeningHistory, getDemoCatalog } from "@/lib/demo";
import { fakeGeminiUrl } from "../playwright.config";
import { expect, test } from "./fixtures";

/**
 * One truth: for the questions listeners ask most, the assistant (the offline model: Gemini fails
 * on purpose) names the same items and numbers as the dashboard, item pages and recap, and both
 * equal a count made here from the demo listener's raw plays (the generator's streams, as the app
 * seeded them today).
 */

const THRESHOLD_MS = 30_000;
const local = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Berlin", year: "numeric", month: "2-digit", day: "2-digit" });

interface Play {
  day: string;
  ms: number;
  trackId: string;
  title: string;
  artist: string;
}

function rawPlays(): Play[] {
  const catalog = getDemoCatalog(demoListenerOptions(Date.now()).seed);
  return generateListeningHistory(demoListenerOptions(Date.now())).flatMap((stream) => {
    const track = stream.trackId ? catalog.tracksById.get(stream.trackId) : undefined;
    if (!track) return [];
    return [
      {
        day: local.format(Math.floor(stream.ts.getTime() / 1000) * 1000),
        ms: stream.msPlayed,
        trackId: track.id,
        title: track.name,
        artist: catalog.artistsById.get(track.artistIds[0] ?? "")?.name ?? "Unknown artist",
      },
    ];
  });
}

/** The top entry by listens (then minutes), as every page ranks. */
function top(plays: Play[], keyOf: (play: Play) => string): { key: string; listens: number } {
  const counts = new Map<string, { listens: number; ms: number }>();
  for (const play of plays) {
    const entry = counts.get(keyOf(play)) ?? { listens: 0, ms: 0 };
    entry.ms += play.ms;
    if (play.ms >= THRESHOLD_MS) entry.listens++;
    counts.set(keyOf(play), entry);
  }
  const [key, best] = [...counts].sort(([, a], [, b]) => b.listens - a.listens || b.ms - a.ms)[0]!;
  return { key, listens: best.listens };
}

const listens = (count: number) => `${count.toLocaleString("en-US")} ${count === 1 ? "listen" : "listens"}`;

function longestStreak(plays: Play[]): number {
  const days = [...new Set(plays.filter((play) => play.ms >= THRESHOLD_MS).map((play) => play.day))].sort();
  let best = 0;
  let run = 0;
  let previous = "";
  for (const day of days) {
    const next = previous ? new Date(Date.parse(`${previous}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10) : "";
    run = day === next ? run + 1 : 1;
    best = Math.max(best, run);
    previous = day;
  }
  return best;
}

async function ask(page: Page, question: string): Promise<Locator> {
  // Gemini fails for this question: the offline model answers, as it does with no key or budget.
  const response = await fetch(`${fakeGeminiUrl}/__admin/script`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ replies: [{ type: "error", status: 500, match: question }] }),
  });
  expect(response.ok).toBe(true);
  const answers = page.getByTestId("chat-message").and(page.locator('[data-role="assistant"]'));
  const before = await answers.count();
  await page.getByRole("textbox", { name: "Message" }).fill(question);
  await page.getByRole("button", { name: "Send", exact: true }).click();
  await expect(answers).toHaveCount(before + 1, { timeout: 30_000 });
  const answer = answers.last();
  await expect(answer.getByTestId("model-badge")).toContainText("Answered by EchoTune", { timeout: 60_000 });
  // Finished (Regenerate shows once the stream has ended): the next question can be sent.
  await expect(answer.getByRole("button", { name: "Regenerate" })).toBeVisible({ timeout: 60_000 });
  return answer;
}

const firstRow = (page: Page, list: "artists" | "tracks") => page.getByTestId(`top-${list}`).getByRole("listitem").first();

test.describe("one truth", () => {
  test.describe.configure({ timeout: 180_000 });

  test("the assistant and the pages give the same items and numbers as the raw plays", async ({ page }) => {
    const plays = rawPlays();
    const artistOf = (play: Play) => play.artist;
    const trackOf = (play: Play) => play.trackId;
    const titleOf = new Map(plays.map((play) => [play.trackId, play.title]));

    const topArtist = top(plays, artistOf);
    const in2024 = plays.filter((play) => play.day.startsWith("2024-"));
    const topTrack2024 = top(in2024, trackOf);
    const topTrackTitle = titleOf.get(topTrack2024.key)!;
    // "How many times did I play <title>": the listener's most played track of that title.
    const sameTitle = plays.filter((play) => play.title === topTrackTitle);
    const trackAllTime = top(sameTitle, trackOf);
    const streak = longestStreak(plays);
    const march2023 = plays.filter((play) => play.day.startsWith("2023-03-"));
    const marchArtist = top(march2023, artistOf);
    const marchTrack = top(march2023, trackOf);

    await page.goto("/assistant");
    const answerTop = await ask(page, "Who is my top artist of all time?");
    await expect(answerTop).toContainText(`${topArtist.key} with ${listens(topArtist.listens)}`);
    const answerTrack = await ask(page, "What was my top track in 2024?");
    await expect(answerTrack).toContainText(`“${topTrackTitle}”`);
    await expect(answerTrack).toContainText(listens(topTrack2024.listens));
    const answerCount = await ask(page, `How many times did I play ${topTrackTitle}?`);
    await expect(answerCount).toContainText(`${trackAllTime.listens.toLocaleString("en-US")} times`);
    const answerStreak = await ask(page, "What's my longest streak?");
    await expect(answerStreak).toContainText(`${streak.toLocaleString("en-US")} days in a row`);
    const answerMarch = await ask(page, "What did I play most in March 2023?");
    await expect(answerMarch).toContainText(`${marchArtist.key} with ${listens(marchArtist.listens)}`);
    await expect(answerMarch).toContainText(`“${titleOf.get(marchTrack.key)}”`);

    // The dashboard, all time: the same top artist and number, and the same longest streak.
    await page.goto("/dashboard?range=all");
    await expect(firstRow(page, "artists")).toContainText(topArtist.key);
    await expect(firstRow(page, "artists")).toContainText(listens(topArtist.listens));
    await expect(page.getByTestId("streak-longest-ever")).toHaveText(`${streak.toLocaleString("en-US")} days`);

    // March 2023 on the dashboard.
    await page.goto("/dashboard?range=custom&from=2023-03-01&to=2023-03-31");
    await expect(firstRow(page, "artists")).toContainText(marchArtist.key);
    await expect(firstRow(page, "artists")).toContainText(listens(marchArtist.listens));
    await expect(firstRow(page, "tracks")).toContainText(titleOf.get(marchTrack.key)!);

    // 2024's recap names the same top track; its item page the same all-time count.
    await page.goto("/recap/2024");
    await expect(page.getByRole("list", { name: "Top tracks" }).getByRole("listitem").first()).toContainText(topTrackTitle);
    await expect(page.getByRole("list", { name: "Top tracks" }).getByRole("listitem").first()).toContainText(listens(topTrack2024.listens));
    await page.goto(`/dashboard/track/${encodeURIComponent(`spotify:track:${trackAllTime.key}`)}`);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(topTrackTitle);
    const listensTile = page.getByRole("region", { name: "Totals" }).locator("dl").filter({ hasText: "Listens" });
    await expect(listensTile.locator("dd").first()).toHaveText(listens(trackAllTime.listens));
  });
});
