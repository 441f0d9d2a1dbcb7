/**
 * What a file from a Spotify privacy export is, from its name and, when the name says nothing
 * (a listener renamed it), from the JSON in its first few kilobytes
 * (Spotify's "Understanding my data" pages; see docs/architecture.md).
 */

export const FILE_KINDS = [
  "extended-audio",
  "extended-video",
  "account-music",
  "account-podcast",
  "account-audiobook",
  "wrong-package",
  "readme",
  "unknown",
] as const;

export type FileKind = (typeof FILE_KINDS)[number];

/** The kinds whose JSON holds plays, one row per stream. */
export type StreamingKind = Extract<
  FileKind,
  "extended-audio" | "extended-video" | "account-music" | "account-podcast" | "account-audiobook"
>;

export interface Detection {
  kind: FileKind;
  /** For `wrong-package`: what the file holds instead of plays, and which package it comes from. */
  holds?: string;
  source?: "account-data" | "technical-log";
  /** How the kind was found: by the file's name, or by the JSON inside it. */
  by: "name" | "content";
}

/** How much of a file `detectFile` needs to sniff: a few rows of any streaming history. */
export const HEAD_CHARS = 4_096;

/** The file name without the folders a zip or a drag-and-drop may put before it. */
export function baseName(name: string): string {
  const cut = Math.max(name.lastIndexOf("/"), name.lastIndexOf("\\"));
  return cut < 0 ? name : name.slice(cut + 1);
}

const STREAMING_NAMES: ReadonlyArray<[RegExp, StreamingKind]> = [
  // Spotify's own names, plus what browsers and unzip tools append: " (1)", "-copy" and the like.
  [/^streaming_history_audio.*\.json$/i, "extended-audio"],
  [/^endsong.*\.json$/i, "extended-audio"],
  [/^streaming_history_video.*\.json$/i, "extended-video"],
  [/^streaminghistory_podcast.*\.json$/i, "account-podcast"],
  [/^streaminghistory_audiobook.*\.json$/i, "account-audiobook"],
  [/^streaminghistory_music.*\.json$/i, "account-music"],
  // Older account data: StreamingHistory0.json, music and podcasts mixed in the music format.
  [/^streaminghistory[\d\s()_-]*\.json$/i, "account-music"],
];

/** Account-data (and technical-log) files people upload by mistake, with what each one holds. */
const WRONG_PACKAGE_NAMES: ReadonlyArray<[RegExp, string]> = [
  [/^userdata.*\.json$/i, "your profile details (username, e-mail address, country)"],
  [/^identity.*\.json$/i, "your display name and profile picture"],
  [/^payments?.*\.json$/i, "your payment details"],
  [/^playlist.*\.json$/i, "your playlists"],
  [/^yourlibrary.*\.json$/i, "the tracks, albums and podcasts saved in Your Library"],
  [/^wrapped.*\.json$/i, "your Spotify Wrapped summary"],
  [/^follow.*\.json$/i, "the artists and people you follow"],
  [/^inferences.*\.json$/i, "the interests Spotify inferred for advertising"],
  [/^searchquer.*\.json$/i, "your search history"],
  [/^marquee.*\.json$/i, "the artist-marketing groups you are in"],
  [/^yoursoundcapsule.*\.json$/i, "your Sound Capsule summary"],
  [/^(family|duo).*\.json$/i, "your Family or Duo plan details"],
  [/^customerservice.*\.json$/i, "your customer-service history"],
  [/^podcastinteractivity.*\.json$/i, "your answers to podcast polls and questions"],
  [/^userprompts?.*\.json$/i, "the prompts Spotify showed you"],
];

const README_NAME = /^read[\s_-]*me[\s_-]*first.*\.pdf$/i;
const ACCOUNT_DATA_FOLDER = /(^|[/\\])(my_)?spotify[\s_]*account[\s_]*data[/\\]/i;
const TECHNICAL_LOG_FOLDER = /(^|[/\\])spotify[\s_]*technical[\s_]*log[\s_]*information[/\\]/i;

const key = (name: string) => new RegExp(`"${name}"\\s*:`);
const HAS = {
  ts: key("ts"),
  ms_played: key("ms_played"),
  endTime: key("endTime"),
  msPlayed: key("msPlayed"),
  trackName: key("trackName"),
  artistName: key("artistName"),
  episodeName: key("episodeName"),
  podcastName: key("podcastName"),
  audiobookName: key("audiobookName"),
  chapterName: key("chapterName"),
};

/** Account-data files recognised by their keys when their names are gone. */
const WRONG_PACKAGE_SHAPES: ReadonlyArray<[RegExp[], string]> = [
  [[key("username"), /"(email|birthdate|creationTime|postalCode)"\s*:/], "your profile details (username, e-mail address, country)"],
  [[key("displayName"), /"(firstName|lastName|tasteMaker)"\s*:/], "your display name and profile picture"],
  [[key("playlists")], "your playlists"],
  [[key("tracks"), /"(albums|shows|episodes|bannedTracks|artists)"\s*:/], "the tracks, albums and podcasts saved in Your Library"],
  [[/"(searchQuery|searchTime|searchInteractionURIs)"\s*:/], "your search history"],
  [[key("inferences")], "the interests Spotify inferred for advertising"],
  [[/"(userIsFollowing|userIsFollowedBy|followerCount)"\s*:/], "the artists and people you follow"],
  [[key("segment"), key("artistName")], "the artist-marketing groups you are in"],
];

/** The streaming-history shape of JSON text (possibly cut short), from the keys of its first rows. */
export function sniffStreamingShape(head: string): StreamingKind | null {
  if (HAS.ts.test(head) && HAS.ms_played.test(head)) return "extended-audio";
  if (!HAS.endTime.test(head)) return null;
  if (HAS.audiobookName.test(head) || HAS.chapterName.test(head)) return "account-audiobook";
  if (HAS.msPlayed.test(head) && HAS.trackName.test(head) && HAS.artistName.test(head)) return "account-music";
  if (HAS.episodeName.test(head) || HAS.podcastName.test(head)) return "account-podcast";
  return null;
}

/** The streaming-history shape of one parsed row, or null when it is not a play at all. */
export function streamingShapeOf(row: unknown): StreamingKind | null {
  if (typeof row !== "object" || row === null || Array.isArray(row)) return null;
  if ("ts" in row && "ms_played" in row) return "extended-audio";
  if (!("endTime" in row)) return null;
  if ("audiobookName" in row || "chapterName" in row) return "account-audiobook";
  if ("msPlayed" in row && "trackName" in row && "artistName" in row) return "account-music";
  if ("episodeName" in row || "podcastName" in row) return "account-podcast";
  return null;
}

/** Like `detectFile`, with what a wrong-package file holds and how the kind was found. */
export function classifyFile(name: string, head: string): Detection {
  const base = baseName(name);
  for (const [pattern, kind] of STREAMING_NAMES) if (pattern.test(base)) return { kind, by: "name" };
  if (README_NAME.test(base)) return { kind: "readme", by: "name" };
  for (const [pattern, holds] of WRONG_PACKAGE_NAMES) {
    if (pattern.test(base)) return { kind: "wrong-package", holds, source: "account-data", by: "name" };
  }
  const sniffed = sniffStreamingShape(head.slice(0, HEAD_CHARS));
  if (sniffed) return { kind: sniffed, by: "content" };
  const start = head.replace(/^[\uFEFF\u0000\s]+/, "").slice(0, HEAD_CHARS);
  if (start.startsWith("{") || start.startsWith("[")) {
    for (const [keys, holds] of WRONG_PACKAGE_SHAPES) {
      if (keys.every((pattern) => pattern.test(start))) return { kind: "wrong-package", holds, source: "account-data", by: "content" };
    }
  }
  // Anything else in a package's folder still tells the listener which package they opened.
  if (/\.json$/i.test(base) && TECHNICAL_LOG_FOLDER.test(name)) {
    return { kind: "wrong-package", holds: "technical logs of your app use", source: "technical-log", by: "name" };
  }
  if (/\.json$/i.test(base) && ACCOUNT_DATA_FOLDER.test(name)) {
    return { kind: "wrong-package", holds: "account details", source: "account-data", by: "name" };
  }
  return { kind: "unknown", by: "name" };
}

/**
 * The kind of an export file from its name (folders allowed) and the first few KB of its text.
 * Spotify's names win; a renamed file is recognised by the keys of its JSON.
 */
export function detectFile(name: string, head: string): FileKind {
  return classifyFile(name, head).kind;
}
