import { describe, expect, it } from "vitest";
import { createTokenRegistry } from "./tokens.ts";

describe("token registry", () => {
  it("accepts a known Bearer token and rejects a missing or unknown one", () => {
    const tokens = createTokenRegistry(["good"], () => new Date());
    expect(tokens.authenticate("Bearer good")).toEqual({ ok: true, token: "good" });
    expect(tokens.authenticate(undefined).ok).toBe(false);
    expect(tokens.authenticate("Bearer other").ok).toBe(false);
    expect(tokens.authenticate("Basic Z29vZA==").ok).toBe(false);
  });

  it("rejects a token once it expires by the injected clock", () => {
    let clock = new Date("2026-01-01T00:00:00Z");
    const tokens = createTokenRegistry([], () => clock);
    tokens.add("t", { expiresAt: new Date("2026-01-01T01:00:00Z") });
    expect(tokens.authenticate("Bearer t").ok).toBe(true);
    clock = new Date("2026-01-01T01:00:00Z");
    expect(tokens.authenticate("Bearer t")).toEqual({
      ok: false,
      message: "Access token expired. Use your refresh token to obtain a new access token.",
    });
  });

  it("expires or revokes a token on demand", () => {
    const tokens = createTokenRegistry(["a", "b"], () => new Date());
    tokens.expire("a");
    tokens.revoke("b");
    expect(tokens.authenticate("Bearer a").ok).toBe(false);
    expect(tokens.authenticate("Bearer b").ok).toBe(false);
  });
});
