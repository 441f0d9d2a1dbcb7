import { AppError } from "@/lib/errors";

export const KB = 1024;
export const MB = 1024 * KB;
/** What a route accepts unless it says otherwise. */
export const DEFAULT_BODY_LIMIT = 256 * KB;

export function formatBytes(bytes: number): string {
  if (bytes >= MB) return `${Number((bytes / MB).toFixed(1))} MB`;
  if (bytes >= KB) return `${Number((bytes / KB).toFixed(1))} KB`;
  return `${bytes} bytes`;
}

function tooLarge(limit: number, declared?: number): AppError {
  const size = declared === undefined ? "This body is larger" : `This body is ${formatBytes(declared)} (Content-Length)`;
  return new AppError("payload_too_large", {
    detail: `Send at most ${formatBytes(limit)} to this endpoint in one request. ${size}: shorten it or split it into several requests.`,
    extensions: { limitBytes: limit },
  });
}

/**
 * The request body as text, refusing anything over `limit` bytes: at once when Content-Length
 * says so, else as soon as the bytes read pass it (the rest is never pulled). No body is "".
 */
export async function readBodyText(request: Request, limit: number): Promise<string> {
  const declared = Number(request.headers.get("content-length") ?? Number.NaN);
  if (declared > limit) throw tooLarge(limit, declared);
  if (!request.body) return "";
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      // Not awaited: the answer must not wait on a slow or stalled sender.
      reader.cancel("request body over the limit").catch(() => undefined);
      throw tooLarge(limit);
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return new TextDecoder().decode(bytes);
}
