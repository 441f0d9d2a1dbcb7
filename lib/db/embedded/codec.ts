/**
 * JSON with dates kept as dates: `{"$date": <ms>}` on disk (the EJSON shape), Date in memory.
 * Plain JSON.stringify turns a Date into a string before a replacer sees it, so the replacer
 * looks at the holder's raw value instead.
 */
export function encode(value: unknown): string {
  // Date's own toJSON, swapped for the length of one synchronous stringify: much faster than a
  // replacer function, which JSON.stringify would call for every key of every document.
  const original = Object.getOwnPropertyDescriptor(Date.prototype, "toJSON");
  Object.defineProperty(Date.prototype, "toJSON", {
    value: function toJSON(this: Date) {
      return { $date: this.getTime() };
    },
    configurable: true,
    writable: true,
  });
  try {
    return JSON.stringify(value);
  } finally {
    if (original) Object.defineProperty(Date.prototype, "toJSON", original);
  }
}

/** A compact, type-tagged key for index maps (dates and numbers never collide with strings). */
export function keyOf(value: unknown): string {
  if (value === null || value === undefined) return "z";
  if (typeof value === "string") return `s${value}`;
  if (typeof value === "number") return `n${value}`;
  if (typeof value === "boolean") return value ? "bt" : "bf";
  if (value instanceof Date) return `d${value.getTime()}`;
  return `j${encode(value)}`;
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
