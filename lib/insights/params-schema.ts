/** The strict form of the dashboard's URL parameters, for `GET /api/insights` (400 on anything off). */
import { z } from "zod";
import {
  BY_VALUES,
  daysBetween,
  EARLIEST_DATE,
  finestUnitFor,
  isIsoDate,
  latestDate,
  MAX_TIMELINE_POINTS,
  RANGE_VALUES,
  timelinePoints,
  UNIT_VALUES,
  type DashboardParams,
} from "./params";

const isoDate = z
  .string()
  .refine(isIsoDate, { message: "use a real date written YYYY-MM-DD, like 2024-03-01" })
  .refine((date) => date >= EARLIEST_DATE && date <= latestDate(), {
    error: () => `use a date from ${EARLIEST_DATE} to ${latestDate()}`,
  });

export const dashboardParamsSchema = z
  .object({
    range: z.enum(RANGE_VALUES).default("4w"),
    from: isoDate.optional(),
    to: isoDate.optional(),
    by: z.enum(BY_VALUES).default("plays"),
    unit: z.enum(UNIT_VALUES).optional(),
  })
  .superRefine((params, context) => {
    if (params.range !== "custom") return;
    // The missing date is the field at fault: `to` when only `from` came.
    for (const field of ["from", "to"] as const) {
      if (params[field] === undefined)
        context.addIssue({ code: "custom", path: [field], message: "a custom range needs both from and to (YYYY-MM-DD)" });
    }
  })
  .superRefine((params, context) => {
    if (params.range !== "custom" || !params.from || !params.to || !params.unit) return;
    const days = params.from <= params.to ? daysBetween(params.from, params.to) : daysBetween(params.to, params.from);
    if (timelinePoints(days, params.unit) <= MAX_TIMELINE_POINTS) return;
    context.addIssue({
      code: "custom",
      path: ["unit"],
      message: `${days.toLocaleString("en")} days by ${params.unit} is more than ${MAX_TIMELINE_POINTS.toLocaleString("en")} points: use unit=${finestUnitFor(days)}, or a shorter range`,
    });
  }) satisfies z.ZodType<DashboardParams>;
