import { describe, expect, it } from "vitest";
import { formatCount } from "./format";
import { Heatmap } from "./heatmap";
import { HEAT_LEVELS, heatCellLabel, heatLevel, heatmapTable } from "./heatmap-data";
import { attr, render, tags } from "./test-utils";

const plays = (value: number) => formatCount(value, "play");

function grid(fill: (day: number, hour: number) => number): number[][] {
  return Array.from({ length: 7 }, (_, day) => Array.from({ length: 24 }, (_, hour) => fill(day, hour)));
}

describe("Heatmap", () => {
  const cells = grid((day, hour) => (day === 4 && hour === 22 ? 50 : day * hour));

  it("renders a 7 × 24 grid image with a hover text for each cell", () => {
    const html = render(Heatmap, { cells, format: plays, labelledBy: "s" });
    const image = tags(html, "div").find((tag) => attr(tag, "role") === "img") ?? "";
    expect(attr(image, "aria-labelledby")).toBe("s");
    expect(attr(image, "class")).toContain("heat-cells");
    expect(tags(html, "i")).toHaveLength(168);
    expect(html).not.toContain("<svg");
    expect(heatCellLabel(cells, 0, plays)).toBe("Monday 00:00–01:00: 0 plays");
    expect(heatCellLabel(cells, 4 * 24 + 22, plays)).toBe("Friday 22:00–23:00: 50 plays");
    expect(heatCellLabel(cells, 167, plays)).toBe("Sunday 23:00–00:00: 138 plays");
  });

  it("labels rows Mon..Sun and every third hour, and shows a legend from 0 to the maximum", () => {
    const html = render(Heatmap, { cells, format: plays, label: "x" });
    for (const day of ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]) expect(html).toContain(`>${day}</span>`);
    const hours = [...html.matchAll(/<span data-tick=""(?: class="([^"]*)")?[^>]*>(\d\d)<\/span>/g)].map((m) => ({
      className: m[1] ?? "",
      text: m[2],
    }));
    // Every chart width shows 00, 06, 12 and 18; wider ones every third hour, the widest every hour.
    expect(hours.filter((hour) => hour.className === "").map((hour) => hour.text)).toEqual(["00", "06", "12", "18"]);
    expect(hours.map((hour) => hour.text)).toEqual(Array.from({ length: 24 }, (_, h) => String(h).padStart(2, "0")));
    expect(hours.find((hour) => hour.text === "03")?.className).toContain("hidden @");
    expect(html).toMatch(/<span>0 plays<\/span>(<span[^>]*><\/span>){6}<span>138 plays<\/span>/);
  });

  it("maps values to a sequential palette that switches in dark mode", () => {
    const html = render(Heatmap, { cells, format: plays, label: "x" });
    const levels = tags(html, "i").map((tag) => Number(attr(tag, "class")?.slice(1)));
    expect(levels[0]).toBe(0);
    expect(Math.max(...levels)).toBe(HEAT_LEVELS);
    expect(html).toContain('<i class="l5">');
    expect(html).toContain("[--heat-0:var(--muted)]");
    expect(html).toContain("dark:[--heat-5:");
    expect(heatLevel(0, 10)).toBe(0);
    expect(heatLevel(0.1, 10)).toBe(1);
    expect(heatLevel(2, 10)).toBe(1);
    expect(heatLevel(2.1, 10)).toBe(2);
    expect(heatLevel(10, 10)).toBe(5);
    expect(heatLevel(11, 10)).toBe(5);
  });

  it("treats missing rows and cells as zero", () => {
    const html = render(Heatmap, { cells: [[0, 3]], format: plays, label: "x" });
    expect(tags(html, "i")).toHaveLength(168);
    expect(heatCellLabel([[0, 3]], 1, plays)).toBe("Monday 01:00–02:00: 3 plays");
    expect(heatCellLabel([[0, 3]], 6 * 24 + 5, plays)).toBe("Sunday 05:00–06:00: 0 plays");
  });

  it("shows the empty text when every cell is zero", () => {
    for (const empty of [[], grid(() => 0)]) {
      const html = render(Heatmap, { cells: empty, format: plays, label: "x" });
      expect(html).toContain("No plays in this range");
      expect(html).not.toContain('role="img"');
    }
  });

  it("builds the matching table: a row per day, a column per hour", () => {
    const table = heatmapTable(cells, plays);
    expect(table.columns).toHaveLength(25);
    expect(table.columns.slice(0, 3)).toEqual(["Day", "00:00", "01:00"]);
    expect(table.rows).toHaveLength(7);
    expect(table.rows[4]?.[0]).toBe("Friday");
    expect(table.rows[4]?.[23]).toBe("50 plays");
    expect(table.rows[6]?.[24]).toBe("138 plays");
  });
});
