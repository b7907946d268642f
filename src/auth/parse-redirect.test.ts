import { describe, expect, it } from "vitest";
import { parsePastedRedirect } from "./parse-redirect.ts";

const state = "expected-state";

describe("pasted redirect", () => {
  it("reads the code from the full redirected address", () => {
    expect(parsePastedRedirect(`  http://127.0.0.1:53682/callback?code=abc123&state=${state}\n`, state)).toEqual({
      kind: "code",
      code: "abc123",
    });
  });

  it("reads a query string pasted without the address", () => {
    expect(parsePastedRedirect(`?state=${state}&code=abc123`, state)).toEqual({ kind: "code", code: "abc123" });
    expect(parsePastedRedirect(`code=abc123&state=${state}`, state)).toEqual({ kind: "code", code: "abc123" });
  });

  it("accepts a bare code", () => {
    expect(parsePastedRedirect("AbC-123_x", state)).toEqual({ kind: "code", code: "AbC-123_x" });
  });

  it("refuses an address from another login", () => {
    expect(parsePastedRedirect("http://127.0.0.1:53682/callback?code=abc123&state=other", state)).toEqual({
      kind: "invalid",
      reason: "wrong-state",
    });
  });

  it("passes on an error such as access_denied", () => {
    expect(
      parsePastedRedirect(
        `http://127.0.0.1:53682/callback?error=access_denied&error_description=no&state=${state}`,
        state,
      ),
    ).toEqual({
      kind: "error",
      error: "access_denied",
      description: "no",
    });
  });

  it("refuses text that is neither", () => {
    expect(parsePastedRedirect("hello world", state)).toEqual({ kind: "invalid", reason: "unrecognised" });
    expect(parsePastedRedirect(`http://127.0.0.1:53682/callback?state=${state}`, state)).toEqual({
      kind: "invalid",
      reason: "unrecognised",
    });
  });
});
