import { describe, expect, it } from "vitest";
import { classifyToken } from "./with-token.ts";

describe("token from stdin", () => {
  it("treats a bare token as a Bearer access token", () => {
    expect(classifyToken("ATCTT3xFfGN0-abc=\n")).toEqual({ kind: "access-token", token: "ATCTT3xFfGN0-abc=" });
  });

  it("treats email:token as an Atlassian API token", () => {
    expect(classifyToken("me@example.invalid:ATATT3xFf:x")).toEqual({
      kind: "api-token",
      email: "me@example.invalid",
      token: "ATATT3xFf:x",
    });
  });

  it("refuses an Atlassian API token without its e-mail, empty input and several lines", () => {
    expect(() => classifyToken("ATATT3xFfGN0")).toThrow(/e-mail/);
    expect(() => classifyToken("  \n")).toThrow(/No token/);
    expect(() => classifyToken("one\ntwo")).toThrow(/single token/);
    expect(() => classifyToken("user:token")).toThrow(/email:token/);
  });
});
