import { z } from "zod";

/** What lib/jobs publishes to QStash for each run of a job. */
export const deliveryBody = z.object({ jobId: z.string().min(1).max(300) });
