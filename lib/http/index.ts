export { AppError, type FieldError } from "@/lib/errors";
export {
  PROBLEM_CONTENT_TYPE,
  isProblemCode,
  problemCatalog,
  problemHeaders,
  problemResponse,
  statusOf,
  toProblem,
  type ProblemCode,
  type ProblemDetails,
} from "./problem";
export { callerOf, errorResponse, requestIdFor, route, type RouteContext, type RouteHandler, type RouteInput } from "./route";
export { requireCronSecret } from "./cron";
