import { describe, expect, it } from "vitest";
import { decode, encode } from "./codec";

describe("embedded store codec", () => {
  it("keeps dates as dates at any depth, and nothing else", () => {
    const value = {
      _id: "a",
      playedAt: new Date("2024-05-01T06:00:00Z"),
      nested: { at: [new Date(0), { when: new Date("1999-12-31T23:59:59.999Z") }], note: null },
      notADate: { $date: 5, extra: true },
      text: '{"$date":1}',
    };
    const decoded = decode<typeof value>(encode(value));
    expect(decoded).toEqual(value);
    expect(decoded.playedAt).toBeInstanceOf(Date);
    expect(decoded.nested.at[0]).toBeInstanceOf(Date);
    expect(decoded.notADate).toEqual({ $date: 5, extra: true });
  });

  it("reads a key named __proto__ as data, never as the prototype", () => {
    const decoded = decode<Record<string, unknown>>('{"__proto__":{"$date":0},"x":{"__proto__":{"polluted":true}}}');
    expect(Object.getPrototypeOf(decoded)).toBe(Object.prototype);
    expect(Object.getOwnPropertyDescriptor(decoded, "__proto__")?.value).toEqual(new Date(0));
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
