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
  // A plain parse and one walk: a reviver function, called by JSON.parse for every key of every
  // document, made opening a 300,000-play store take four seconds instead of one.
  return revive(JSON.parse(text)) as T;
}

/** `{"$date": <ms>}` (that key alone) back to a Date, anywhere in a parsed value; in place. */
function revive(value: unknown): unknown {
  if (value === null || typeof value !== "object") return value;
  if (Array.isArray(value)) {
    for (let index = 0; index < value.length; index += 1) {
      const item: unknown = value[index];
      if (item !== null && typeof item === "object") value[index] = revive(item);
    }
    return value;
  }
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record);
  if (keys.length === 1 && keys[0] === "$date" && typeof record.$date === "number") return new Date(record.$date);
  for (const key of keys) {
    const item = record[key];
    if (item === null || typeof item !== "object") continue;
    const revived = revive(item);
    // Only a date is a new value; a key named __proto__ is set as data, never as the prototype.
    if (revived !== item) Object.defineProperty(record, key, { value: revived, writable: true, enumerable: true, configurable: true });
  }
  return record;
}
