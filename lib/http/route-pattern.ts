/**
 * The route's pattern from a request path and its params, as the app folder names it:
 * `/api/imports/3f2a/chunks` with `{ id: "3f2a" }` is `/api/imports/[id]/chunks`. Counters and
 * spans are kept per pattern, so ids never multiply the series (nor reach the metrics).
 */
export function routePattern(pathname: string, params: Record<string, string | string[] | undefined> | undefined): string {
  if (!params) return pathname;
  const segments = pathname.split("/");
  const decoded = segments.map((segment) => {
    try {
      return decodeURIComponent(segment);
    } catch {
      return segment;
    }
  });
  for (const [name, value] of Object.entries(params)) {
    if (value === undefined) continue;
    if (Array.isArray(value)) {
      if (value.length === 0) continue;
      for (let start = 0; start + value.length <= decoded.length; start += 1) {
        if (value.every((part, offset) => decoded[start + offset] === part)) {
          segments.splice(start, value.length, `[...${name}]`);
          decoded.splice(start, value.length, "\0");
          break;
        }
      }
      continue;
    }
    // From the end: a param sits after the static segments that name what it is.
    for (let index = decoded.length - 1; index >= 0; index -= 1) {
      if (decoded[index] === value) {
        segments[index] = `[${name}]`;
        decoded[index] = "\0";
        break;
      }
    }
  }
  return segments.join("/");
}
