import { describe, expect, it } from "vitest";
import { revocationAdvice } from "./bitbucket-revocation.ts";

describe("where to revoke in Bitbucket", () => {
  it("points an OAuth login at App authorizations and the consumer", () => {
    const advice = revocationAdvice(["oauth"]).join("\n");
    expect(advice).toContain("Personal settings → App authorizations");
    expect(advice).toContain("OAuth consumers");
  });

  it("points tokens at their own revocation pages", () => {
    expect(revocationAdvice(["access-token"]).join("\n")).toContain("Access tokens → Revoke");
    expect(revocationAdvice(["api-token"]).join("\n")).toContain("id.atlassian.com");
    expect(revocationAdvice(["access-token"]).join("\n")).not.toContain("App authorizations");
  });

  it("still says where to look when nothing was saved", () => {
    expect(revocationAdvice([]).length).toBeGreaterThan(0);
  });
});
