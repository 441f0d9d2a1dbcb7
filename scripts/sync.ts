/**
 * `npm run sync`: fetches recently played tracks for every connected listener now (what the cron
 * route does every few minutes) and prints what each one got.
 */
import { closeStore } from "@/lib/db";
import { syncAll } from "@/lib/ingest";

const results = await syncAll();
if (results.length === 0) console.log("No connected Spotify listeners to sync.");
for (const result of results) {
  console.log(
    `${result.userId.padEnd(32)} ${result.status.padEnd(19)} fetched ${result.fetched}, new ${result.inserted}, already stored ${result.duplicates}${result.detail ? `  (${result.detail})` : ""}`,
  );
}
await closeStore();
