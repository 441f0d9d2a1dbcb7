import { z } from "zod";

export const importParams = z.object({ id: z.uuid({ error: "is not an import id" }) });
