import { z } from "zod";

export const chatParams = z.object({ id: z.string().min(1).max(100) });

export const renameChatBody = z.object({ title: z.string().trim().min(1, "must not be empty").max(100) });
