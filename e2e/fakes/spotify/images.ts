/**
 * Cover art for the fake's objects: GET /image/<album|artist>/<id>.svg, the demo catalog's
 * generated SVGs. Public like Spotify's image CDN: no token needed.
 */
import { demoArtSvg } from "@/lib/demo";
import { sendJson, type RequestContext } from "./http";
import { fakeWorld } from "./world";

/** A 30-second preview clip: three seconds of silence (8 kHz, 8-bit mono WAV) stand in for one. */
const PREVIEW_WAV = (() => {
  const rate = 8_000;
  const samples = rate * 3;
  const wav = Buffer.alloc(44 + samples, 0x80);
  wav.write("RIFF", 0);
  wav.writeUInt32LE(36 + samples, 4);
  wav.write("WAVEfmt ", 8);
  wav.writeUInt32LE(16, 16);
  wav.writeUInt16LE(1, 20);
  wav.writeUInt16LE(1, 22);
  wav.writeUInt32LE(rate, 24);
  wav.writeUInt32LE(rate, 28);
  wav.writeUInt16LE(1, 32);
  wav.writeUInt16LE(8, 34);
  wav.write("data", 36);
  wav.writeUInt32LE(samples, 40);
  return wav;
})();

export function handlePreview(context: RequestContext): void {
  const id = /^\/preview\/([0-9A-Za-z]{22})\.wav$/.exec(context.url.pathname)?.[1];
  if (!id || !fakeWorld().catalog.tracksById.has(id))
    return sendJson(context, 404, { error: { status: 404, message: "Preview not found" } });
  context.entry.status = 200;
  context.response.writeHead(200, {
    "content-type": "audio/wav",
    "content-length": PREVIEW_WAV.length,
    "cache-control": "public, max-age=86400",
  });
  context.response.end(PREVIEW_WAV);
}

export function handleImage(context: RequestContext): void {
  const match = /^\/image\/(album|artist)\/([0-9A-Za-z]{22})\.svg$/.exec(context.url.pathname);
  const { catalog } = fakeWorld();
  const kind = match?.[1] as "album" | "artist" | undefined;
  const id = match?.[2] ?? "";
  const title = kind === "album" ? catalog.albumsById.get(id)?.name : kind === "artist" ? catalog.artistsById.get(id)?.name : undefined;
  if (!kind || title === undefined) return sendJson(context, 404, { error: { status: 404, message: "Image not found" } });
  context.entry.status = 200;
  context.response.writeHead(200, { "content-type": "image/svg+xml; charset=utf-8", "cache-control": "public, max-age=86400" });
  context.response.end(demoArtSvg(kind, id, title));
}
