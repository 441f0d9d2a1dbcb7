import { describe, expect, it } from "vitest";
import { chatToolPart, toolNameOf, toolPartsOf } from "./tool-parts";
import { approvalRequest, assistantMessage, toolOutput } from "./test-messages";

describe("tool parts", () => {
  it("types the assistant's own tools and leaves text, steps and unknown tools out", () => {
    const stats = toolOutput("listeningStats", { summary: "s" });
    const message = assistantMessage("1", [
      { type: "step-start" },
      { type: "text", text: "Hi" },
      stats,
      toolOutput("weather", {}),
      approvalRequest(["a"]),
    ]);
    expect(toolPartsOf(message).map(toolNameOf)).toEqual(["listeningStats", "savePlaylist"]);
    expect(chatToolPart({ type: "text", text: "Hi" })).toBeNull();
    expect(chatToolPart(stats)).toBe(stats);
  });
});
