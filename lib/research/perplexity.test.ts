import { describe, expect, it } from "vitest";
import { citationsOf } from "./perplexity";
import { normaliseQuestion, researchCacheKey } from "./research";

describe("citationsOf", () => {
  it("lists what the text cites first, then the search results, each link once, http(s) only", () => {
    const citations = citationsOf({
      output: [
        {
          type: "search_results",
          results: [
            { id: 1, title: "Archive", url: "https://archive.example/a", snippet: "" },
            { id: 2, title: "Cited", url: "https://cited.example/b", snippet: "" },
          ],
        },
        {
          type: "message",
          id: "m",
          role: "assistant",
          status: "completed",
          content: [
            {
              type: "output_text",
              text: "x",
              annotations: [
                { type: "url_citation", url: "https://cited.example/b", title: "Cited" },
                { type: "url_citation", url: "javascript:alert(1)", title: "Bad" },
                { type: "url_citation", url: "https://www.untitled.example/c" },
              ],
            },
          ],
        },
      ],
    });
    expect(citations).toEqual([
      { url: "https://cited.example/b", title: "Cited" },
      { url: "https://www.untitled.example/c", title: "untitled.example" },
      { url: "https://archive.example/a", title: "Archive" },
    ]);
  });
});

describe("the research cache key", () => {
  it("ignores case, spacing, quotes and trailing punctuation, and includes a subject the question does not name", () => {
    expect(normaliseQuestion("  What's the story behind “Mezzanine”?? ")).toBe("what's the story behind mezzanine");
    expect(researchCacheKey("Tell me about their history", "Massive Attack")).not.toBe(researchCacheKey("Tell me about their history"));
    expect(researchCacheKey("Tell me about Massive Attack", "massive attack")).toBe(researchCacheKey("tell me about massive attack!"));
    expect(researchCacheKey("x")).toMatch(/^research:[0-9a-f]{40}$/);
  });
});
