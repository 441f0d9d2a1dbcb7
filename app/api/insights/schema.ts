export { dashboardParamsSchema as insightsQuery } from "@/lib/insights";
