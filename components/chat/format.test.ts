import { APICallError } from "ai";
import { describe, expect, it } from "vitest";
import { announcementFor, chatErrorText, messageText, modelBadge } from "./format";
import { approvalRequest, assistantMessage, draftOutput, toolOutput, track } from "./test-messages";

describe("modelBadge", () => {
  it("names Gemini for the listener, with the exact model only in the tooltip", () => {
    expect(modelBadge({ model: "gemini-2.5-flash-lite" })).toEqual({
      text: "Answered by Gemini",
      title: "gemini-2.5-flash-lite",
      echotune: false,
    });
    expect(modelBadge({ model: "models/gemini-2.5-flash" })).toMatchObject({ text: "Answered by Gemini", title: "gemini-2.5-flash" });
  });

  it("names EchoTune for the offline model, and never says Gemini is not configured", () => {
    expect(modelBadge({ model: "echotune-offline", offline: true, offlineReason: "not-configured" })).toEqual({
      text: "Answered by EchoTune",
      echotune: true,
    });
    expect(modelBadge({ model: "echotune-offline" })).toEqual({ text: "Answered by EchoTune", echotune: true });
    const reasons = ["not-configured", "over-budget", "budget-unavailable", "model-error"] as const;
    for (const offlineReason of reasons) {
      const text = modelBadge({ model: "echotune-offline", offline: true, offlineReason })!.text;
      expect(text).toMatch(/^Answered by EchoTune/);
      expect(text).not.toMatch(/configured|offline|budget/i);
    }
  });

  it("gives a short reason when Gemini was set up but could not answer", () => {
    expect(modelBadge({ model: "echotune-offline", offlineReason: "model-error" })?.text).toBe(
      "Answered by EchoTune · Gemini is busy right now",
    );
    expect(modelBadge({ offline: true, offlineReason: "budget-unavailable" })?.text).toBe(
      "Answered by EchoTune · Gemini is busy right now",
    );
    expect(modelBadge({ offline: true, offlineReason: "over-budget" })?.text).toBe("Answered by EchoTune · Gemini is used up for today");
  });

  it("says when the answer is a repeat, and nothing before the server has said", () => {
    expect(modelBadge({ model: "gemini-2.5-flash-lite", cached: true })?.text).toBe("Answered by Gemini · from a moment ago");
    expect(modelBadge(undefined)).toBeNull();
    expect(modelBadge({ createdAt: 1 })).toBeNull();
  });
});

describe("chatErrorText", () => {
  const apiError = (statusCode: number, responseBody: string) =>
    new APICallError({ message: responseBody, url: "/api/chat", requestBodyValues: undefined, statusCode, responseBody });

  it("reads the detail of a problem+json answer", () => {
    const body = JSON.stringify({
      type: "about:blank",
      title: "Too many requests",
      status: 429,
      detail: "Wait 20 seconds, then try again.",
      code: "rate_limited",
    });
    expect(chatErrorText(apiError(429, body))).toBe("Wait 20 seconds, then try again.");
    expect(chatErrorText(apiError(404, JSON.stringify({ title: "Chat not found", status: 404 })))).toBe("Chat not found");
  });

  it("keeps stream errors, which are already sentences", () => {
    expect(chatErrorText(new Error("Gemini is busy right now. Try again in a minute."))).toBe(
      "Gemini is busy right now. Try again in a minute.",
    );
  });

  it("replaces bodies that are not sentences", () => {
    expect(chatErrorText(apiError(429, ""))).toBe("You have sent a lot of messages. Wait a minute, then try again.");
    expect(chatErrorText(apiError(502, "<html><body>Bad gateway</body></html>"))).toBe("The assistant could not answer. Try again.");
    expect(chatErrorText(apiError(500, "{}"))).toBe("The assistant could not answer. Try again.");
    expect(chatErrorText(new TypeError("Failed to fetch"))).toBe(
      "The assistant could not be reached. Check your connection, then try again.",
    );
  });

  it("names other statuses the answer did not explain", () => {
    expect(chatErrorText(apiError(401, ""))).toBe("Your session has ended. Sign in again, then retry.");
    expect(chatErrorText(apiError(503, "Service Unavailable"))).toBe("The assistant could not answer. Try again.");
  });
});

describe("announcementFor", () => {
  it("reads the answer's text once, with spaces collapsed", () => {
    const message = assistantMessage("1", [
      { type: "text", text: "You played Radiohead\nmost." },
      { type: "text", text: "Mostly in January." },
    ]);
    expect(messageText(message)).toBe("You played Radiohead\nmost.\n\nMostly in January.");
    expect(announcementFor(message)).toBe("The assistant answered: You played Radiohead most. Mostly in January.");
  });

  it("clips long answers at a word", () => {
    const text = "word ".repeat(200);
    const spoken = announcementFor(assistantMessage("1", [{ type: "text", text }]));
    expect(spoken.length).toBeLessThan(450);
    expect(spoken.endsWith("word…")).toBe(true);
  });

  it("falls back to the cards' summaries and asks for a decision on a playlist", () => {
    const message = assistantMessage("1", [
      draftOutput("Workout", [track("a")]),
      toolOutput("listeningStats", { summary: "1,234 plays last winter." }),
      approvalRequest(["a"]),
    ]);
    expect(announcementFor(message)).toBe(
      "The assistant answered: Workout: 1 tracks 1,234 plays last winter. It asks to save a playlist to Spotify: review the tracks, then choose Save to Spotify or Cancel.",
    );
  });

  it("says something even for an empty answer", () => {
    expect(announcementFor(assistantMessage("1", []))).toBe("The assistant answered.");
  });
});
