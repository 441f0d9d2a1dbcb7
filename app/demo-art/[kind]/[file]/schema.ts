import { z } from "zod";

export const demoArtParams = z.object({
  kind: z.enum(["album", "artist", "show"]),
  file: z.string().regex(/^[0-9A-Za-z]{22}\.svg$/, "must be <id>.svg"),
});
