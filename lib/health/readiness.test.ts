import { describe, expect, it } from "vitest";
import { mayReadHealthDetails } from "./readiness";

const withAuthorization = (value?: string) =>
  new Request("http://127.0.0.1:3000/api/health?ready=1", value ? { headers: { authorization: value } } : undefined);

describe("mayReadHealthDetails", () => {
  const token = "health-token-0123456789";

  it("only with Authorization: Bearer <HEALTH_TOKEN>", () => {
    expect(mayReadHealthDetails(withAuthorization(`Bearer ${token}`), token)).toBe(true);
    for (const header of [undefined, token, `bearer ${token}`, `Bearer ${token.slice(1)}`, "Bearer "]) {
      expect(mayReadHealthDetails(withAuthorization(header), token), String(header)).toBe(false);
    }
  });

  it("never without a HEALTH_TOKEN configured", () => {
    expect(mayReadHealthDetails(withAuthorization("Bearer "), undefined)).toBe(false);
    expect(mayReadHealthDetails(withAuthorization("Bearer undefined"), undefined)).toBe(false);
  });
});
