export {
  AppError,
  PROBLEM_CONTENT_TYPE,
  isProblemCode,
  problemCatalog,
  problemResponse,
  type FieldError,
  type ProblemCode,
  type ProblemDetails,
} from "./problem";
export { callerOf, errorResponse, requestIdFor, route, type RouteContext, type RouteHandler, type RouteInput } from "./route";
export { requireCronSecret } from "./cron";
