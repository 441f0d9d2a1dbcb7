import { z } from "zod";

export const playlistSpotifyParams = z.object({ id: z.string().min(1).max(100) });
