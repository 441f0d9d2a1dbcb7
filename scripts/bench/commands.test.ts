import { describe, expect, it } from "vitest";
import { commandShape, formatTallies } from "./commands";

describe("bench command tallies", () => {
  it("names a command by collection and filter fields, never by values", () => {
    expect(commandShape("update", { update: "rollups", updates: [{ q: { _id: "u:2024-01-01" }, u: { $inc: { plays: 1 } } }] })).toBe(
      "update rollups {_id}",
    );
    expect(commandShape("delete", { delete: "plays", deletes: [{ q: { userId: "u", _id: { $in: ["a"] } }, limit: 0 }] })).toBe(
      "delete plays {userId,_id}",
    );
    expect(commandShape("find", { find: "imports", filter: { _id: "i", userId: "u" } })).toBe("find imports {_id,userId}");
    expect(commandShape("insert", { insert: "plays", documents: [{ _id: "p" }] })).toBe("insert plays");
    expect(commandShape("endSessions", { endSessions: [{ id: 1 }] })).toBe("endSessions");
  });

  it("lists the costliest shapes first, with their share of the summed time", () => {
    const lines = formatTallies({ "find users {_id}": { count: 4, ms: 10 }, "insert plays": { count: 2, ms: 1_990 } });
    expect(lines[0]).toMatch(/^2\.00 s in commands/);
    expect(lines[1]).toMatch(/^ {2}insert plays +2x +1\.99 s +995\.0 ms$/);
    expect(lines[2]).toMatch(/find users \{_id\} +4x +0\.01 s +2\.5 ms$/);
  });
});
