/**
 * Cover art for the fake's objects: GET /image/<album|artist>/<id>.svg, the demo catalog's
 * generated SVGs. Public like Spotify's image CDN: no token needed.
 */
import { demoArtSvg } from "@/lib/demo";
import { sendJson, type RequestContext } from "./http";
import { fakeWorld } from "./world";

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
