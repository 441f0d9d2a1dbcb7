import { z } from "zod";

export { importParams } from "../schema";

export const completeBody = z.object({ status: z.enum(["completed", "cancelled"]).default("completed") }).default({ status: "completed" });
