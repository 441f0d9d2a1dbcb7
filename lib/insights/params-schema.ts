/** The strict form of the dashboard's URL parameters, for `GET /api/insights` (400 on anything off). */
import { z } from "zod";
import { BY_VALUES, isIsoDate, RANGE_VALUES, UNIT_VALUES, type DashboardParams } from "./params";

const isoDate = z.string().refine(isIsoDate, { message: "use a real date written YYYY-MM-DD, like 2024-03-01" });

export const dashboardParamsSchema = z
  .object({
    range: z.enum(RANGE_VALUES).default("4w"),
    from: isoDate.optional(),
    to: isoDate.optional(),
    by: z.enum(BY_VALUES).default("plays"),
    unit: z.enum(UNIT_VALUES).optional(),
  })
  .refine((params) => params.range !== "custom" || (params.from !== undefined && params.to !== undefined), {
    message: "a custom range needs both from and to (YYYY-MM-DD)",
    path: ["from"],
  }) satisfies z.ZodType<DashboardParams>;
