/**
 * Placeholder cover art for the demo catalog: a gradient picked by the item's id and the title's
 * initials. Served as `/demo-art/<kind>/<id>.svg`, so the demo needs no image host and no network.
 */
import { hashString } from "./random";

export type DemoArtKind = "album" | "artist" | "show";

const ART_LABEL: Record<DemoArtKind, string> = { album: "Album cover", artist: "Artist picture", show: "Podcast cover" };

function escapeXml(text: string): string {
  return text.replace(/[<>&"']/g, (character) => `&#${character.charCodeAt(0)};`);
}

/** Hex rather than hsl(): every SVG consumer understands it, including image optimisers. */
function hslToHex(hue: number, saturation: number, lightness: number): string {
  const s = saturation / 100;
  const l = lightness / 100;
  const k = (n: number) => (n + hue / 30) % 12;
  const a = s * Math.min(l, 1 - l);
  const channel = (n: number) => {
    const value = l - a * Math.max(-1, Math.min(k(n) - 3, Math.min(9 - k(n), 1)));
    return Math.round(value * 255)
      .toString(16)
      .padStart(2, "0");
  };
  return `#${channel(0)}${channel(8)}${channel(4)}`;
}

const SKIPPED_WORDS = new Set(["the", "a", "an", "of", "and", "&", "-", "lil", "mc", "dj"]);

/** Up to two initials from the meaningful words: "The Velvet Owls" → "VO", "#12: Maps" → "12M". */
export function initials(title: string): string {
  const words = title
    .normalize("NFC")
    .split(/[\s:()–-]+/u)
    .map((word) => word.replace(/[^\p{L}\p{N}]/gu, ""))
    .filter((word) => word.length > 0);
  const meaningful = words.filter((word) => !SKIPPED_WORDS.has(word.toLowerCase()));
  const chosen = (meaningful.length > 0 ? meaningful : words).slice(0, 2);
  return (
    chosen
      .map((word) => (/^\p{N}+$/u.test(word) ? word.slice(0, 2) : (Array.from(word)[0]?.toUpperCase() ?? "")))
      .join("")
      .slice(0, 3) || "♪"
  );
}

export function demoArtSvg(kind: DemoArtKind, id: string, title: string): string {
  const hash = hashString(`${kind}:${id}`);
  const hue = hash % 360;
  const second = (hue + 40 + ((hash >>> 9) % 140)) % 360;
  const from = hslToHex(hue, 55 + ((hash >>> 17) % 25), 34);
  const to = hslToHex(second, 60, 22 + ((hash >>> 24) % 12));
  const angle = (hash >>> 3) % 4;
  const [x2, y2] = [
    [1, 1],
    [1, 0],
    [0, 1],
    [1, 0.5],
  ][angle] ?? [1, 1];
  const suffix = id.replace(/[^0-9A-Za-z]/g, "").slice(0, 22) || "x";
  const label = escapeXml(`${ART_LABEL[kind]}: ${title}`);
  const text = escapeXml(initials(title));
  const shape =
    kind === "artist"
      ? `<circle cx="150" cy="150" r="150" fill="url(#g${suffix})"/>`
      : `<rect width="300" height="300" fill="url(#g${suffix})"/><rect x="18" y="18" width="264" height="264" fill="none" stroke="#ffffff" stroke-opacity="0.18" stroke-width="2"/>`;
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="300" height="300" viewBox="0 0 300 300" role="img" aria-labelledby="t${suffix}">` +
    `<title id="t${suffix}">${label}</title>` +
    `<defs><linearGradient id="g${suffix}" x1="0" y1="0" x2="${x2}" y2="${y2}">` +
    `<stop offset="0" stop-color="${from}"/><stop offset="1" stop-color="${to}"/></linearGradient></defs>` +
    shape +
    `<text x="150" y="150" dy="0.35em" text-anchor="middle" font-family="system-ui, -apple-system, Segoe UI, sans-serif" font-size="${text.length > 2 ? 92 : 112}" font-weight="700" fill="#ffffff" fill-opacity="0.92">${text}</text>` +
    `</svg>`
  );
}
