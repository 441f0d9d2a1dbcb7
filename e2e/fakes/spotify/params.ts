/** Query and body checks with Spotify's 400 answers. Each returns undefined after answering. */
import { sendApiError, type RequestContext } from "./http";

const INTEGER = /^-?\d+$/;

/** `limit` within [1, max] (default `fallback`): anything else is 400 "Invalid limit". */
export function limitParam(context: RequestContext, max: number, fallback: number): number | undefined {
  const raw = context.url.searchParams.get("limit");
  if (raw === null || raw === "") return fallback;
  const value = Number(raw);
  if (!INTEGER.test(raw) || value < 1 || value > max) {
    sendApiError(context, 400, "Invalid limit");
    return undefined;
  }
  return value;
}

export function offsetParam(context: RequestContext, max = Number.MAX_SAFE_INTEGER): number | undefined {
  const raw = context.url.searchParams.get("offset");
  if (raw === null || raw === "") return 0;
  const value = Number(raw);
  if (!INTEGER.test(raw) || value < 0 || value > max) {
    sendApiError(context, 400, "Invalid offset");
    return undefined;
  }
  return value;
}

/** Spotify ids are 22 base62 characters; anything else is 400 "Invalid base62 id". */
export const BASE62_ID = /^[0-9A-Za-z]{22}$/;

export function idParam(context: RequestContext, id: string): string | undefined {
  if (!BASE62_ID.test(id)) {
    sendApiError(context, 400, "Invalid base62 id");
    return undefined;
  }
  return id;
}

/** The JSON body, `{}` when empty; 400 when it is not a JSON object. */
export function jsonBody(context: RequestContext): Record<string, unknown> | undefined {
  if (!context.body.trim()) return {};
  try {
    const parsed: unknown = JSON.parse(context.body);
    if (parsed !== null && typeof parsed === "object" && !Array.isArray(parsed)) return parsed as Record<string, unknown>;
  } catch {
    // answered below
  }
  sendApiError(context, 400, "Error parsing JSON.");
  return undefined;
}

export type UriType = "track" | "album" | "artist" | "episode" | "show" | "audiobook" | "playlist" | "user";

export interface ParsedUri {
  type: UriType;
  id: string;
  uri: string;
}

const URI = /^spotify:(track|album|artist|episode|show|audiobook|playlist):([0-9A-Za-z]{22})$|^spotify:user:([0-9A-Za-z._-]{1,64})$/;

export function parseUri(uri: string): ParsedUri | undefined {
  const match = URI.exec(uri);
  if (!match) return undefined;
  if (match[3] !== undefined) return { type: "user", id: match[3], uri };
  return { type: match[1] as UriType, id: match[2] ?? "", uri };
}
