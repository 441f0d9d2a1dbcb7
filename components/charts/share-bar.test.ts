import { describe, expect, it } from "vitest";
import { OKABE_ITO, ShareBar, shareSwatch, shareTable, type ShareItem } from "./share-bar";
import { attr, decode, render, tags } from "./test-utils";

const platforms: ShareItem[] = [
  { label: "iOS", value: 600, display: "60%" },
  { label: "Web", value: 300, display: "30%" },
  { label: "Android", value: 100, display: "10%" },
];

function segments(html: string): string[] {
  return tags(html, "div").filter((tag) => attr(tag, "data-percent") !== undefined);
}

describe("ShareBar", () => {
  it("renders one labelled bar image with a segment per share", () => {
    const html = render(ShareBar, { items: platforms, labelledBy: "sum" });
    const bar = tags(html, "div").find((tag) => attr(tag, "role") === "img") ?? "";
    expect(attr(bar, "aria-labelledby")).toBe("sum");
    expect(segments(html).map((tag) => /width:([\d.]+%)/.exec(attr(tag, "style") ?? "")?.[1])).toEqual(["60%", "30%", "10%"]);
    expect(segments(html).map((tag) => attr(tag, "title"))).toEqual(["iOS: 60%", "Web: 30%", "Android: 10%"]);
  });

  it("uses Okabe–Ito colours plus a distinct pattern per segment", () => {
    const html = render(ShareBar, { items: platforms, label: "Platforms" });
    const styles = segments(html).map((tag) => attr(tag, "style") ?? "");
    expect(styles[0]).toContain(`background-color:${OKABE_ITO[0].color}`);
    expect(styles[1]).toContain(`background-color:${OKABE_ITO[1].color}`);
    expect(styles[0]).not.toContain("background-image");
    expect(new Set(styles.map((style) => /background-image:[^;]*/.exec(style)?.[0] ?? "solid")).size).toBe(3);
    // Swatches in the legend match their segment.
    const swatches = tags(html, "span").filter((tag) => attr(tag, "aria-hidden") === "true");
    expect(swatches).toHaveLength(3);
    expect(attr(swatches[1] ?? "", "style")).toContain("repeating-linear-gradient(45deg");
    expect(shareSwatch(8).backgroundColor).toBe(OKABE_ITO[0].color);
    expect(shareSwatch(8).backgroundImage).toBeDefined();
  });

  it("lists every item with its display value in the legend", () => {
    const html = render(ShareBar, { items: platforms, label: "Platforms" });
    expect(tags(html, "li")).toHaveLength(3);
    expect(decode(/<ul[\s\S]*<\/ul>/.exec(html)?.[0] ?? "")).toBe("iOS60%Web30%Android10%");
  });

  it("rounds shares to 0.1% and skips zero segments", () => {
    const html = render(ShareBar, {
      label: "x",
      items: [
        { label: "A", value: 1, display: "1" },
        { label: "B", value: 2, display: "2" },
        { label: "C", value: 0, display: "0" },
      ],
    });
    expect(segments(html).map((tag) => attr(tag, "data-percent"))).toEqual(["33.3", "66.7"]);
    expect(tags(html, "li")).toHaveLength(3);
  });

  it("renders a single share at full width", () => {
    const html = render(ShareBar, { label: "x", items: [{ label: "Only", value: 5, display: "100%" }] });
    expect(segments(html).map((tag) => attr(tag, "data-percent"))).toEqual(["100"]);
  });

  it("shows the empty text for no items or zero total", () => {
    expect(render(ShareBar, { label: "x", items: [] })).toContain("No plays in this range");
    const html = render(ShareBar, { label: "x", items: [{ label: "A", value: 0, display: "0" }] });
    expect(html).toContain("No plays in this range");
    expect(html).not.toContain('role="img"');
  });

  it("builds the matching table", () => {
    expect(shareTable(platforms, ["Platform", "Share"])).toEqual({
      columns: ["Platform", "Share"],
      rows: [
        ["iOS", "60%"],
        ["Web", "30%"],
        ["Android", "10%"],
      ],
    });
  });
});
