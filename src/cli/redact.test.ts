import { describe, expect, it } from "vitest";
import { redact } from "./redact.ts";

describe("redact", () => {
  it.each([
    ["Authorization: Bearer abcdefghijklmnop", "abcdefghijklmnop"],
    ["failed with bearer eyJhbGciOiJIUzI1NiJ9.payload.sig", "eyJhbGciOiJIUzI1NiJ9"],
    ['{"access_token":"s3cr3t-value","x":1}', "s3cr3t-value"],
    ["refresh_token=rt-123456&grant_type=refresh_token", "rt-123456"],
    ["client_secret: hunter2hunter2", "hunter2hunter2"],
    ["-----BEGIN PRIVATE KEY-----\nMC4CAQAwBQYDK2VwBCIEI\n-----END PRIVATE KEY-----", "MC4CAQAwBQYDK2VwBCIEI"],
  ])("removes the secret from %s", (text, secret) => {
    expect(redact(text)).not.toContain(secret);
  });

  it("leaves ordinary messages alone", () => {
    const text = "Bitbucket answered 503 for /repositories/acme after 5 attempts";
    expect(redact(text)).toBe(text);
  });
});
