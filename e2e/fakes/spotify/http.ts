import type { IncomingMessage, ServerResponse } from "node:http";
import type { FakeSpotifyState, LoggedRequest } from "./state";

export interface RequestContext {
  request: IncomingMessage;
  response: ServerResponse;
  url: URL;
  state: FakeSpotifyState;
  body: string;
  entry: LoggedRequest;
  baseUrl: string;
}

export function sendJson(context: RequestContext, status: number, body: unknown, headers: Record<string, string> = {}): void {
  context.entry.status = status;
  context.response.writeHead(status, { "content-type": "application/json; charset=utf-8", ...headers });
  context.response.end(JSON.stringify(body));
}

export function sendEmpty(context: RequestContext, status: number): void {
  context.entry.status = status;
  context.response.writeHead(status);
  context.response.end();
}

/** The Web API error envelope, with `reason` where Spotify sends one. */
export function sendApiError(
  context: RequestContext,
  status: number,
  message: string,
  extra: { reason?: string; headers?: Record<string, string> } = {},
): void {
  sendJson(context, status, { error: { status, message, ...(extra.reason ? { reason: extra.reason } : {}) } }, extra.headers);
}
