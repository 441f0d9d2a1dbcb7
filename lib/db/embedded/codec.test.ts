import { describe, expect, it } from "vitest";
import { copy, decode, encode } from "./codec";

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

  it("copies a document as structuredClone does, sharing nothing with it", () => {
    class Point {
      readonly x: number;
      constructor(x: number) {
        this.x = x;
      }
    }
    const holey = [1, , 3];
    const original = {
      _id: "a",
      at: new Date("2024-05-01T06:00:00Z"),
      list: [{ title: "Ça ira — 東京 🎧" }, null, 2, holey],
      empty: {},
      missing: undefined,
      nan: Number.NaN,
      negativeZero: -0,
      bare: Object.assign(Object.create(null) as Record<string, unknown>, { k: 1 }),
      map: new Map([["k", new Date(1)]]),
      bytes: new Uint8Array([1, 2]),
      point: new Point(1),
    };
    const copied = copy(original);
    expect(copied).toEqual(structuredClone(original));
    expect(Object.keys(copied)).toEqual(Object.keys(original));
    expect(copied.at).not.toBe(original.at);
    expect(copied.list[0]).not.toBe(original.list[0]);
    expect(1 in (copied.list[3] as unknown[])).toBe(false);
    expect(Object.is(copied.negativeZero, -0)).toBe(true);
    expect("missing" in copied).toBe(true);
    expect(Object.getPrototypeOf(copied.bare)).toBe(Object.prototype);
    expect(copied.map).toBeInstanceOf(Map);
    expect(copied.map.get("k")).not.toBe(original.map.get("k"));
    expect(Object.getPrototypeOf(copied.point)).toBe(Object.prototype);
    // Changing the copy leaves the original as it was.
    (copied.list[0] as { title: string }).title = "changed";
    copied.at.setTime(0);
    expect(original.list[0]).toEqual({ title: "Ça ira — 東京 🎧" });
    expect(original.at.getTime()).toBe(Date.parse("2024-05-01T06:00:00Z"));
  });

  it("copies __proto__ keys as data, refuses what structuredClone refuses, and survives cycles", () => {
    const withProto = decode<Record<string, unknown>>('{"__proto__":{"polluted":true},"x":1}');
    const copied = copy(withProto);
    expect(Object.getPrototypeOf(copied)).toBe(Object.prototype);
    expect(Object.getOwnPropertyDescriptor(copied, "__proto__")?.value).toEqual({ polluted: true });
    expect(() => copy({ f: () => 1 })).toThrow();
    const cyclic: Record<string, unknown> = { name: "loop" };
    cyclic.self = cyclic;
    const copiedCycle = copy(cyclic) as { self: { self: unknown } };
    expect(copiedCycle.self).not.toBe(cyclic);
    expect(copiedCycle.self.self).toBeDefined();
  });
});
