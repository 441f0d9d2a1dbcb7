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
export { DEFAULT_BODY_LIMIT, KB, MB, formatBytes, readBodyText } from "./body";
export { callerOf } from "./caller";
export { publicOrigin, type PublicOriginOptions } from "./origin";
export {
  errorResponse,
  requestIdFor,
  route,
  type CallerFor,
  type RouteAuth,
  type RouteContext,
  type RouteHandler,
  type RouteGate,
  type RouteInput,
  type RouteSpec,
} from "./route";
