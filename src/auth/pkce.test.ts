import { describe, expect, it } from "vitest";
import { createPkcePair, pkceChallenge } from "./pkce.ts";
import { createState, isSameState } from "./state.ts";

describe("PKCE and state", () => {
  it("computes the S256 challenge of RFC 7636 appendix B", () => {
    expect(pkceChallenge("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk")).toBe(
      "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM",
    );
  });

  it("makes a fresh 43-character unreserved verifier each time", () => {
    const a = createPkcePair();
    const b = createPkcePair();
    expect(a.verifier).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(a.verifier).not.toBe(b.verifier);
    expect(a.challenge).toBe(pkceChallenge(a.verifier));
    expect(a.method).toBe("S256");
  });

  it("accepts only the exact state it sent", () => {
    const state = createState();
    expect(state).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(isSameState(state, state)).toBe(true);
    expect(isSameState(state, `${state}x`)).toBe(false);
    expect(isSameState(state, createState())).toBe(false);
    expect(isSameState(state, null)).toBe(false);
  });
});
