import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { zipSync } from "fflate";
import { afterAll, describe, expect, it } from "vitest";

const work = mkdtempSync(join(tmpdir(), "echotune-import-cli-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** The CLI as a person runs it, on the embedded store in a folder of its own. */
function importCli(args: string[]) {
  const result = spawnSync(process.execPath, ["--import", "./scripts/register.ts", "scripts/import.ts", ...args], {
    encoding: "utf8",
    timeout: 60_000,
    env: {
      ...process.env,
      DATA_DIR: join(work, "data"),
      MONGODB_URI: "",
      UPSTASH_REDIS_REST_URL: "",
      UPSTASH_REDIS_REST_TOKEN: "",
      LOG_LEVEL: "info",
      LOG_DESTINATION: undefined,
    },
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

function streamRow(ts: string, track: string) {
  return {
    ts,
    platform: "android",
    ms_played: 215_000,
    conn_country: "DE",
    ip_addr: "203.0.113.7",
    master_metadata_track_name: track,
    master_metadata_album_artist_name: "Artist",
    master_metadata_album_album_name: "Album",
    spotify_track_uri: "spotify:track:4uLU6hMCjMI75M1A2tKUQC",
    reason_start: "trackdone",
    reason_end: "trackdone",
    shuffle: false,
    skipped: false,
    offline: false,
    incognito_mode: false,
  };
}

describe("npm run import", () => {
  it("names a path that does not exist and exits 2, without a stack trace", () => {
    const missing = join(work, "no such export.zip");
    const { status, stdout, stderr } = importCli(["--user", "cli-listener", missing]);
    expect(status).toBe(2);
    expect(stdout).toBe("");
    expect(stderr).toContain(`Cannot import ${missing}: no such file`);
    expect(stderr).not.toMatch(/\n\s+at /);
  });

  it("with --json, prints the report as the last line of standard output, titles of 560 characters included", () => {
    const title = `Song (feat. ${Array.from({ length: 30 }, (_, index) => `Featured Artist Number ${index + 1}`).join(", ")})`;
    expect(title.length).toBeGreaterThan(550);
    const file = join(work, "Streaming_History_Audio_2023.json");
    writeFileSync(file, JSON.stringify([streamRow("2023-02-25T11:20:37Z", "Short Song"), streamRow("2023-02-25T11:30:37Z", title)]));
    const { status, stdout, stderr } = importCli(["--user", "cli-listener", "--json", file]);
    expect(status, stderr).toBe(0);
    const lines = stdout.trim().split("\n");
    const report = JSON.parse(lines.at(-1) ?? "") as { accepted: number; rowsRead: number; rejected: Record<string, number> };
    expect(report).toMatchObject({ rowsRead: 2, accepted: 2, rejected: {} });
    // Nothing but the report on standard output: logs and progress go to standard error.
    expect(lines).toHaveLength(1);
  });

  it("refuses a zip entry that declares 400 MB as too large instead of inflating it", () => {
    // A bomb's header says what it expands to; rewrite a small entry's to 400 MB (the reader's
    // unit tests inflate a real one, and one whose header lies).
    const bomb = zipSync({ "Spotify Extended Streaming History/Streaming_History_Audio_2020.json": new Uint8Array(1_000).fill(0x20) });
    const view = new DataView(bomb.buffer);
    expect(view.getUint32(0, true)).toBe(0x04034b50);
    view.setUint32(22, 400_000_000, true);
    const path = join(work, "my_spotify_data.zip");
    writeFileSync(path, bomb);
    const { status, stdout, stderr } = importCli(["--user", "cli-listener", "--json", path]);
    expect(status, stderr).toBe(0);
    expect(stderr).toMatch(/Streaming_History_Audio_2020\.json is 400 MB, more than the 300 MB EchoTune reads from one file/);
    const report = JSON.parse(stdout.trim().split("\n").at(-1) ?? "") as { accepted: number; files: Array<{ error?: string }> };
    expect(report.accepted).toBe(0);
    expect(report.files[0]?.error).toBe("too_large");
  });
});
