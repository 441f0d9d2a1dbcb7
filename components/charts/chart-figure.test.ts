import { createElement } from "react";
import { describe, expect, it } from "vitest";
import { ChartFigure, type ChartFigureProps } from "./chart-figure";
import { DataTable } from "./data-table";
import { attr, decode, render, tableRows, tags } from "./test-utils";

const table = {
  columns: ["Month", "Hours"],
  rows: [
    ["Jan 2024", "10 hours"],
    ["Feb 2024", 1234.5],
  ],
};

describe("ChartFigure", () => {
  it("renders a named figure with caption heading, summary, chart and data table", () => {
    const html = render(ChartFigure, {
      title: "Listening over time",
      description: "Hours per month",
      summary: "Listening peaked in February 2024",
      table,
      children: (summaryId: string) => createElement("svg", { role: "img", "aria-labelledby": summaryId }),
    });
    const figure = tags(html, "figure")[0] ?? "";
    const heading = tags(html, "h2")[0] ?? "";
    expect(html.indexOf("<figcaption")).toBe(html.indexOf(">") + 1); // figcaption is the first child
    expect(attr(figure, "aria-labelledby")).toBe(attr(heading, "id"));
    expect(attr(figure, "aria-describedby")).toBeTruthy();
    // The caption's parts are styled by `chart-caption`: heading row first, then the description.
    expect(html).toContain(`<figcaption class="chart-caption"><div><h2 id="${attr(heading, "id")}">Listening over time</h2></div>`);
    expect(html).toContain(`<p id="${attr(figure, "aria-describedby")}">Hours per month</p></figcaption>`);

    // The chart is labelled by the summary sentence.
    const svg = tags(html, "svg").find((tag) => attr(tag, "role") === "img") ?? "";
    const summaryId = attr(svg, "aria-labelledby");
    expect(summaryId).toBeTruthy();
    expect(html).toMatch(new RegExp(`<p id="${summaryId}"[^>]*>Listening peaked in February 2024</p>`));

    // Text alternative: a disclosure, whose real table is rendered when it first opens.
    expect(html).toMatch(/<details[^>]*><summary[^>]*>.*Show data as a table<\/summary>/);
    expect(html).not.toContain("<table");
    const opened = render(DataTable, { table, caption: "Listening over time", defaultOpen: true });
    expect(opened).toMatch(/<details[^>]* open="">/);
    expect(opened).toContain('<caption class="sr-only">Listening over time</caption>');
    expect(tags(opened, "th").filter((tag) => attr(tag, "scope") === "col")).toHaveLength(2);
    expect(tags(opened, "th").filter((tag) => attr(tag, "scope") === "row")).toHaveLength(2);
    expect(tableRows(opened)).toEqual([
      ["Jan 2024", "10 hours"],
      ["Feb 2024", "1,234.5"],
    ]);
  });

  it("takes plain children, a heading level, a hidden summary and no table", () => {
    const html = render(ChartFigure, {
      title: "Top artists",
      headingLevel: 3,
      summary: "Your top artist is Björk",
      summaryHidden: true,
      children: createElement("p", null, "chart"),
    });
    expect(html).toMatch(/<h3 id="[^"]+">Top artists<\/h3>/);
    // No description: no aria-describedby, and no id attribute sent empty.
    expect(html).not.toContain("aria-describedby");
    expect(attr(tags(html, "figure")[0] ?? "", "id")).toBeUndefined();
    expect(html).toMatch(/<p id="[^"]+" class="sr-only">Your top artist is Björk<\/p>/);
    expect(html).toContain("<p>chart</p>");
    expect(html).not.toContain("<details");
    expect(html).not.toContain("aria-describedby");
  });

  it("leaves out the table when it has no rows", () => {
    const html = render(ChartFigure, { title: "T", summary: "S", table: { columns: ["A", "B"], rows: [] }, children: null });
    expect(html).not.toContain("<table");
  });

  it("makes long tables a focusable scroll region", () => {
    const rows = Array.from({ length: 30 }, (_, i) => [`Day ${i + 1}`, i]);
    const html = render(DataTable, { table: { columns: ["Day", "Plays"], rows }, caption: "Daily", defaultOpen: true });
    expect(html).toMatch(/<div class="[^"]*overflow-auto[^"]*" tabindex="0" role="region" aria-label="Daily \(data table\)">/);
    expect(tableRows(html)).toHaveLength(30);
    expect(decode(html)).toContain("Day 30");
  });

  it("gives every figure its own ids", () => {
    const figure = (title: string) => {
      const props: ChartFigureProps = { title, summary: title, children: null };
      return createElement(ChartFigure, props);
    };
    const html = render(() => createElement("div", null, figure("A"), figure("B")), {});
    const ids = tags(html, "h2").map((tag) => attr(tag, "id"));
    expect(new Set(ids).size).toBe(2);
  });
});
