import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { CSS_ICONS } from "../../components/ui/icon-names";
import { iconsCss, iconSvg } from "./icons";

describe("CSS icons", () => {
  it("app/icons.css is what `npm run icons` writes from the installed lucide-react", () => {
    expect(readFileSync("app/icons.css", "utf8")).toBe(iconsCss());
  });

  it("has a class for every listed icon, each a complete SVG drawn with lucide's strokes", () => {
    const css = readFileSync("app/icons.css", "utf8");
    for (const name of CSS_ICONS) {
      expect(css).toContain(`.icon-${name} {`);
      const svg = iconSvg(name);
      expect(svg).toMatch(/^<svg xmlns='http:\/\/www\.w3\.org\/2000\/svg' viewBox='0 0 24 24'.*stroke-width='2'.*<\/svg>$/);
      expect(svg).toMatch(/<(path|circle|rect|line|polyline) /);
      expect(svg).not.toContain("key=");
    }
  });

  it("escapes what a data URI cannot carry raw", () => {
    const uris = [...iconsCss().matchAll(/url\("data:image\/svg\+xml,([^"]*)"\)/g)].map((match) => match[1]!);
    expect(uris).toHaveLength(CSS_ICONS.length);
    for (const uri of uris) expect(uri).not.toMatch(/[<>#"]/);
  });
});
