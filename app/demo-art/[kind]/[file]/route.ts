import { demoArtSvg, getDemoCatalog } from "@/lib/demo";
import { AppError } from "@/lib/errors";
import { route } from "@/lib/http";
import { demoArtParams } from "./schema";

/** Placeholder art for the demo catalog, drawn from the id: no image leaves or enters the network. */
export const GET = route({ auth: "public", params: demoArtParams }, ({ params: { kind, file } }) => {
  const id = file.slice(0, -4);
  const catalog = getDemoCatalog();
  const title =
    kind === "album"
      ? catalog.albumsById.get(id)?.name
      : kind === "artist"
        ? catalog.artistsById.get(id)?.name
        : catalog.showsById.get(id)?.name;
  if (!title) throw new AppError("not_found", { detail: `No demo ${kind} with id ${id}.` });
  return new Response(demoArtSvg(kind, id, title), {
    headers: { "content-type": "image/svg+xml; charset=utf-8", "cache-control": "public, max-age=31536000, immutable" },
  });
});
