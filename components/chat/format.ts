/** Words the chat shows or announces, built from messages, metadata and errors. Client-safe. */
import { parseProblemBody, ProblemError, problemFromBody } from "@/lib/http/client";
import { OFFLINE_MODEL_ID, type ChatMessage, type ChatMetadata, type OfflineReason, type PlaybackProblem } from "@/lib/assistant/client";
import { toolPartsOf } from "./tool-parts";

/**
 * Why EchoTune answered when Gemini was set up to, in the listener's words. A server without Gemini
 * ("not-configured") is how the app runs, not something a listener needs to hear about.
 */
const OFFLINE_REASONS: Record<OfflineReason, string | null> = {
  "not-configured": null,
  "over-budget": "Gemini is used up for today",
  "budget-unavailable": "Gemini is busy right now",
  "model-error": "Gemini is busy right now",
};

export interface ModelBadge {
  /** "Answered by EchoTune", "Answered by Gemini", with a short reason or "from a moment ago" after it. */
  text: string;
  /** The exact model, for a tooltip: "gemini-2.5-flash-lite". */
  title?: string;
  /** Whether EchoTune's own model wrote it. */
  echotune: boolean;
}

/** The line under an answer naming who wrote it. Null before the server has said. */
export function modelBadge(metadata: ChatMetadata | undefined): ModelBadge | null {
  if (!metadata) return null;
  let badge: ModelBadge;
  if (metadata.offline || metadata.model === OFFLINE_MODEL_ID) {
    const reason = metadata.offlineReason ? OFFLINE_REASONS[metadata.offlineReason] : null;
    badge = { text: reason ? `Answered by EchoTune · ${reason}` : "Answered by EchoTune", echotune: true };
  } else if (metadata.model) {
    const model = metadata.model.replace(/^models\//, "");
    badge = { text: model.startsWith("gemini") ? "Answered by Gemini" : "Answered by an AI model", title: model, echotune: false };
  } else {
    return null;
  }
  return metadata.cached ? { ...badge, text: `${badge.text} · from a moment ago` } : badge;
}

export const PLAYBACK_PROBLEMS: Record<PlaybackProblem, string> = {
  "no-active-device": "No Spotify device is active. Open Spotify on a phone, computer or speaker, start any song, then try again.",
  "premium-required":
    "Spotify only lets Premium accounts be controlled by other apps. Play it in the Spotify app instead, or upgrade to Premium to play from EchoTune.",
  "not-connected": "Spotify needs you to sign in again: reconnect Spotify in Settings, then try again.",
  "not-found": "Spotify could not find that track.",
  unavailable: "Spotify did not answer. Try again in a moment.",
};

/** The plain text of a message: its text parts, joined. */
export function messageText(message: ChatMessage): string {
  return message.parts
    .map((part) => (part.type === "text" ? part.text : ""))
    .filter((text) => text.trim().length > 0)
    .join("\n\n")
    .trim();
}

function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max);
  const space = cut.lastIndexOf(" ");
  return `${(space > max * 0.6 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

const ANNOUNCEMENT_LENGTH = 400;

/**
 * What a screen reader hears once an answer has finished: its text (or, when the answer is only
 * cards, their summaries), and a prompt to review a playlist that waits for approval.
 */
export function announcementFor(message: ChatMessage): string {
  const tools = toolPartsOf(message);
  let body = messageText(message);
  if (!body) {
    body = tools
      .map((part) => (part.state === "output-available" && "summary" in part.output ? part.output.summary : ""))
      .filter(Boolean)
      .join(" ");
  }
  const sentences = [body ? `The assistant answered: ${clip(body.replace(/\s+/g, " "), ANNOUNCEMENT_LENGTH)}` : "The assistant answered."];
  if (tools.some((part) => part.type === "tool-savePlaylist" && part.state === "approval-requested")) {
    sentences.push("It asks to save a playlist to Spotify: review the tracks, then choose Save to Spotify or Cancel.");
  }
  if (tools.some((part) => part.type === "tool-playback" && part.state === "approval-requested")) {
    sentences.push("It asks to start playback on your Spotify: choose Play or Cancel.");
  }
  return sentences.join(" ");
}

const COULD_NOT_ANSWER = "The assistant could not answer. Try again.";
const RATE_LIMITED = "You have sent a lot of messages. Wait a minute, then try again.";

/**
 * A sentence for a failed chat request. The AI SDK's transport reads a failed response itself and
 * puts its body in the error (`responseBody`, `statusCode`), so that body goes through the shared
 * problem reader: a problem+json answer gives its `detail`. Stream errors already arrive as
 * readable sentences.
 */
export function chatErrorText(error: Error): string {
  if (error instanceof ProblemError) return error.detail;
  const status = "statusCode" in error && typeof error.statusCode === "number" ? error.statusCode : undefined;
  const body = "responseBody" in error && typeof error.responseBody === "string" ? error.responseBody : error.message;
  const json = parseProblemBody(body);
  if (status !== undefined || json) {
    // Our own words where the answer gave none: a pause for 429, a retry for server errors; the
    // reader's sentence for the rest (a 401 asks to sign in again).
    const fallback = status === 429 ? RATE_LIMITED : status === undefined || status >= 500 ? COULD_NOT_ANSWER : undefined;
    return problemFromBody(status ?? 500, body, fallback === undefined ? {} : { fallback }).detail;
  }
  if (error.name === "TypeError" || /failed to fetch|networkerror|load failed/i.test(error.message)) {
    return "The assistant could not be reached. Check your connection, then try again.";
  }
  const message = error.message.trim();
  // Messages that are not sentences (an HTML error page, a dump) are not shown.
  if (!message || message.startsWith("<") || message.length > 500) return COULD_NOT_ANSWER;
  return message;
}
