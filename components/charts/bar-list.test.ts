import { describe, expect, it } from "vitest";
import { BarList, barListTable, type BarListItem } from "./bar-list";
import { attr, decode, render, tags } from "./test-utils";

const items: BarListItem[] = [
  { label: "Blinding Lights", sublabel: "The Weeknd", value: 212, display: "212 plays", href: "/tracks/1" },
  { label: "Levitating", sublabel: "Dua Lipa", value: 106, display: "106 plays", href: "/tracks/2" },
  { label: "Tom's Diner & Co", value: 53, display: "53 plays" },
  { label: "Silence", value: 0, display: "0 plays" },
];

function widths(html: string): string[] {
  return tags(html, "i").map((tag) => attr(tag, "style") ?? "");
}

describe("BarList", () => {
  it("renders an ordered list (ranked by its own numbering) with labels, sublabels and display values", () => {
    const html = render(BarList, { items });
    const list = tags(html, "ol")[0] ?? "";
    expect(attr(list, "role")).toBe("list");
    expect(attr(list, "start")).toBe("1");
    expect(tags(html, "li")).toHaveLength(4);
    const text = decode(html);
    expect(text).toContain("Blinding LightsThe Weeknd212 plays");
    expect(text).toContain("Tom's Diner & Co53 plays");
    // Each label carries its full text for the pointer, as the line may be cut short.
    expect(tags(html, "b").map((tag) => decode(attr(tag, "title") ?? ""))).toEqual(["Tom's Diner & Co", "Silence"]);
    expect(tags(html, "span").some((tag) => attr(tag, "title") === "The Weeknd")).toBe(true);
  });

  it("sizes bars as a percentage of the largest value", () => {
    expect(widths(render(BarList, { items }))).toEqual(["--w:100%", "--w:50%", "--w:25%", "--w:0%"]);
  });

  it("sizes bars against an explicit max and ranks from startRank", () => {
    const html = render(BarList, { items: items.slice(0, 2), max: 424, startRank: 11 });
    expect(widths(html)).toEqual(["--w:50%", "--w:25%"]);
    expect(attr(tags(html, "ol")[0] ?? "", "start")).toBe("11");
    expect(decode(html)).toMatch(/^Blinding Lights/);
  });

  it("links labels (keyboard reachable, focus ring on the row) and keeps bars decorative", () => {
    const html = render(BarList, { items });
    const links = tags(html, "a");
    expect(links.map((link) => attr(link, "href"))).toEqual(["/tracks/1", "/tracks/2"]);
    expect(links.every((link) => attr(link, "tabindex") === undefined)).toBe(true);
    const rows = tags(html, "li");
    expect(attr(rows[0] ?? "", "class")).toContain("bar-list-row-link");
    expect(attr(rows[2] ?? "", "class")).not.toContain("bar-list-row-link");
    // The bars are empty elements: nothing to read, nothing to focus.
    expect(html).toMatch(/^(?:(?!<i [^>]*>[^<]).)*$/s);
    expect(tags(html, "i")).toHaveLength(4);
  });

  it("shows the empty text for no items", () => {
    const html = render(BarList, { items: [] });
    expect(html).toContain("No plays in this range");
    expect(html).not.toContain("<ol");
    expect(render(BarList, { items: [], emptyText: "No artists yet" })).toContain("No artists yet");
  });

  it("renders a single item at full width", () => {
    expect(widths(render(BarList, { items: items.slice(0, 1) }))).toEqual(["--w:100%"]);
  });

  it("builds the matching table", () => {
    expect(barListTable(items.slice(0, 3))).toEqual({
      columns: ["Name", "Value"],
      rows: [
        ["1. Blinding Lights – The Weeknd", "212 plays"],
        ["2. Levitating – Dua Lipa", "106 plays"],
        ["3. Tom's Diner & Co", "53 plays"],
      ],
    });
    expect(barListTable(items.slice(0, 1), ["Track", "Plays"], 11).rows[0]?.[0]).toBe("11. Blinding Lights – The Weeknd");
  });
});
