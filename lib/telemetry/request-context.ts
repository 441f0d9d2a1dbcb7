import { AsyncLocalStorage } from "node:async_hooks";
import { perProcess } from "@/lib/process-state";

/** What every log line written while serving a request carries (the route wrapper sets it). */
export interface RequestLogContext {
  requestId: string;
  /** The route's pattern and method, e.g. "POST /api/imports/[id]/chunks". */
  route: string;
  /** The hashed listener id, once the caller is known. */
  listener?: string;
}

const storage = perProcess("telemetry.requestContext", () => new AsyncLocalStorage<RequestLogContext>());

/** Runs `fn` with `log` as the context of its log lines; mutate `log` (the listener) as the request learns more. */
export function runWithRequestContext<T>(log: RequestLogContext, fn: () => T): T {
  return storage.run(log, fn);
}

export function requestContext(): RequestLogContext | undefined {
  return storage.getStore();
}
