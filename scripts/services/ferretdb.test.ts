import { describe, expect, it } from "vitest";
import { parseFerretBackend, postgresDatabaseUrl, scratchDatabaseName } from "./ferretdb";

describe("FerretDB's backend choice", () => {
  it("defaults to SQLite, as the test suites run, and names the choices on a typo", () => {
    expect(parseFerretBackend(undefined)).toBe("sqlite");
    expect(parseFerretBackend("postgresql")).toBe("postgresql");
    expect(() => parseFerretBackend("postgres")).toThrow(/sqlite or postgresql/);
  });

  it("points FerretDB at the scratch database on the same server, credentials and options kept", () => {
    expect(postgresDatabaseUrl("postgres://postgres@127.0.0.1:5432/postgres", "scratch")).toBe(
      "postgres://postgres@127.0.0.1:5432/scratch",
    );
    expect(postgresDatabaseUrl("postgres://u:p%40ss@db.example:6432?sslmode=require", "scratch")).toBe(
      "postgres://u:p%40ss@db.example:6432/scratch?sslmode=require",
    );
  });

  it("names each run's database afresh, as an identifier psql needs no quotes for", () => {
    const name = scratchDatabaseName();
    expect(name).toMatch(/^[a-z_][a-z0-9_]*$/);
    expect(name.length).toBeLessThanOrEqual(63);
    expect(scratchDatabaseName()).not.toBe(name);
  });
});
