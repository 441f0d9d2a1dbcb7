import { describe, expect, it } from "vitest";
import { generateListeningHistory, getDemoCatalog, writeAccountData, writeExtendedHistory } from "@/lib/demo";
import { baseName, classifyFile, detectFile, FILE_KINDS, HEAD_CHARS, type FileKind } from "./index";

const catalog = getDemoCatalog();
const streams = generateListeningHistory({ plays: 3_000, years: 10, end: new Date("2026-11-01T00:00:00Z") });
const extended = writeExtendedHistory(streams, catalog, { maxBytesPerFile: 400_000 });
const account = writeAccountData(streams, catalog, { since: new Date(0) });
const content = (files: typeof extended, pattern: RegExp) => {
  const file = files.find((candidate) => pattern.test(candidate.name));
  if (!file) throw new Error(`No demo file matches ${pattern}`);
  return file.content;
};
const audioJson = content(extended, /^Streaming_History_Audio_/);
const bomAudioJson = extended.filter((file) => file.name.startsWith("Streaming_History_Audio_")).at(-1)?.content ?? "";
const videoJson = content(extended, /^Streaming_History_Video_/);
const musicJson = content(account, /^StreamingHistory_music_0/);
const podcastJson = content(account, /^StreamingHistory_podcast_0/);
const userdataJson = content(account, /^Userdata\.json$/);
const identityJson = content(account, /^Identity\.json$/);
const audiobookJson = JSON.stringify(
  [{ endTime: "2024-01-10 20:57", audiobookName: "A Book", chapterName: "Chapter 1", authorName: "An Author", msPlayed: 1_000 }],
  null,
  2,
);
const head = (text: string) => text.slice(0, HEAD_CHARS);

describe("detectFile by name", () => {
  const cases: Array<[string, FileKind]> = [
    ["Streaming_History_Audio_2015-2018_0.json", "extended-audio"],
    ["Streaming_History_Audio_2025_5.json", "extended-audio"],
    ["Streaming_History_Audio_2023.json", "extended-audio"],
    ["Spotify Extended Streaming History/Streaming_History_Audio_2019_3.json", "extended-audio"],
    ["C:\\Users\\me\\Downloads\\streaming_history_audio_2019_3 (1).json", "extended-audio"],
    ["endsong_0.json", "extended-audio"],
    ["MyData/endsong_12.json", "extended-audio"],
    ["Streaming_History_Video_2020-2024.json", "extended-video"],
    ["Streaming_History_Video_2024_0.json", "extended-video"],
    ["StreamingHistory_music_0.json", "account-music"],
    ["Spotify Account Data/StreamingHistory_music_3.json", "account-music"],
    ["StreamingHistory0.json", "account-music"],
    ["StreamingHistory12.json", "account-music"],
    ["StreamingHistory_podcast_0.json", "account-podcast"],
    ["StreamingHistory_audiobook_1.json", "account-audiobook"],
    ["Userdata.json", "wrong-package"],
    ["Identity.json", "wrong-package"],
    ["Payments.json", "wrong-package"],
    ["Playlist1.json", "wrong-package"],
    ["Playlist12.json", "wrong-package"],
    ["YourLibrary.json", "wrong-package"],
    ["Wrapped2023.json", "wrong-package"],
    ["Follow.json", "wrong-package"],
    ["Inferences.json", "wrong-package"],
    ["SearchQueries.json", "wrong-package"],
    ["Marquee.json", "wrong-package"],
    ["YourSoundCapsule.json", "wrong-package"],
    ["FamilyPlan.json", "wrong-package"],
    ["Spotify Account Data/SomethingNew.json", "wrong-package"],
    ["Spotify Technical Log Information/AccountActivity.json", "wrong-package"],
    ["ReadMeFirst_ExtendedStreamingHistory.pdf", "readme"],
    ["Spotify Extended Streaming History/ReadMeFirst_ExtendedStreamingHistory.pdf", "readme"],
    ["notes.txt", "unknown"],
    ["holiday.jpg", "unknown"],
    ["data.json", "unknown"],
  ];

  it.each(cases)("%s is %s", (name, kind) => {
    expect(detectFile(name, "")).toBe(kind);
  });

  it("covers every kind", () => {
    expect(new Set(cases.map(([, kind]) => kind))).toEqual(new Set(FILE_KINDS));
  });

  it("trusts Spotify's names over the content", () => {
    // A video file's rows look like audio rows; only the name tells them apart.
    expect(detectFile("Streaming_History_Video_2024_0.json", head(videoJson))).toBe("extended-video");
    expect(detectFile("StreamingHistory_podcast_0.json", head(podcastJson))).toBe("account-podcast");
    expect(classifyFile("Streaming_History_Audio_2020_0.json", head(audioJson)).by).toBe("name");
  });

  it("says what a wrong-package file holds", () => {
    expect(classifyFile("Userdata.json", "").holds).toMatch(/profile/);
    expect(classifyFile("Spotify Technical Log Information/X.json", "").source).toBe("technical-log");
  });

  it("keeps only the last path segment as the base name", () => {
    expect(baseName("a/b\\c.json")).toBe("c.json");
    expect(baseName("c.json")).toBe("c.json");
  });
});

describe("detectFile by content (renamed files)", () => {
  const cases: Array<[string, string, FileKind]> = [
    ["history.json", audioJson, "extended-audio"],
    ["history (2).json", bomAudioJson, "extended-audio"],
    ["download", audioJson, "extended-audio"],
    ["music.json", musicJson, "account-music"],
    ["podcasts.json", podcastJson, "account-podcast"],
    ["books.json", audiobookJson, "account-audiobook"],
    ["me.json", userdataJson, "wrong-package"],
    ["who.json", identityJson, "wrong-package"],
    ["lists.json", '{"playlists": [{"name": "Road trip", "items": []}]}', "wrong-package"],
    ["saved.json", '{"tracks": [{"artist": "A", "album": "B", "track": "C", "uri": "spotify:track:x"}], "albums": []}', "wrong-package"],
    ["search.json", '[{"platform": "IPHONE", "searchTime": "2024-01-01T10:00:00.000Z[UTC]", "searchQuery": "abc"}]', "wrong-package"],
    ["numbers.json", "[1, 2, 3]", "unknown"],
    ["other.json", '[{"name": "x", "value": 1}]', "unknown"],
    ["other.json", "", "unknown"],
  ];

  it.each(cases)("%s holding %# is %s", (name, text, kind) => {
    expect(detectFile(name, head(text))).toBe(kind);
  });

  it("sniffs extended rows with Jackson spacing and from a head cut mid-row", () => {
    const jackson = extended.find((file) => file.content.includes('"ts" : "'));
    expect(jackson).toBeDefined();
    expect(detectFile("renamed.json", head(jackson?.content ?? ""))).toBe("extended-audio");
    expect(detectFile("renamed.json", audioJson.slice(0, 700))).toBe("extended-audio");
    expect(classifyFile("renamed.json", head(audioJson)).by).toBe("content");
  });
});
