import { z } from "zod";

/** POST /api/ops/jobs/{id}/retry: a job's id is `<kind>|<key>`. */
export const retryParams = z.object({ id: z.string().trim().min(1).max(300) });
