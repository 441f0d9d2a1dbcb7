/**
 * JSON with dates kept as dates: `{"$date": <ms>}` on disk (the EJSON shape), Date in memory.
 * Plain JSON.stringify turns a Date into a string before a replacer sees it, so the replacer
 * looks at the holder's raw value instead.
 */
export function encode(value: unknown): string {
  return JSON.stringify(value, function replacer(this: Record<string, unknown>, key: string, converted: unknown) {
    const raw = this[key];
    return raw instanceof Date ? { $date: raw.getTime() } : converted;
  });
}

export function decode<T = unknown>(text: string): T {
  return JSON.parse(text, (_key, value: unknown) => {
    if (value !== null && typeof value === "object" && !Array.isArray(value)) {
      const date = (value as { $date?: unknown }).$date;
      if (typeof date === "number" && Object.keys(value).length === 1) return new Date(date);
    }
    return value;
  }) as T;
}
