import { describe, expect, it } from "vitest";
import { checkScopes } from "./doctor-bitbucket-checks.ts";
import { checkClock } from "./doctor-clock-check.ts";

const answered = (clockSkewMs: number | undefined) =>
  ({ ok: true, status: 200, headers: {}, clockSkewMs, elapsedMs: 5 }) as const;

describe("doctor: scopes", () => {
  it("passes a read-only set", () => {
    expect(checkScopes(["account", "repository", "pullrequest", "pipeline"]).status).toBe("ok");
  });

  it("fails without pull requests or pipelines, with a fix", () => {
    const result = checkScopes(["account", "repository", "pullrequest"]);
    expect(result).toMatchObject({ status: "fail", area: "login" });
    expect(result.detail).toContain("missing pipeline");
    expect(result.fix).toContain("Pipelines: Read");
  });

  it("warns about more than read access and about unreported scopes", () => {
    expect(checkScopes(["account", "pullrequest:write", "pipeline"])).toMatchObject({ status: "warn" });
    expect(checkScopes([])).toMatchObject({ status: "warn" });
  });
});

describe("doctor: clock", () => {
  it("is fine within two minutes, warns beyond, and fails beyond half an hour", () => {
    expect(checkClock([answered(0), answered(90_000)]).status).toBe("ok");
    const ahead = checkClock([answered(5 * 60_000)]);
    expect(ahead).toMatchObject({ status: "warn", detail: "5 min ahead of the servers' clocks" });
    expect(ahead.fix).toContain("ntp");
    expect(checkClock([answered(-45 * 60_000)])).toMatchObject({
      status: "fail",
      detail: "45 min behind the servers' clocks",
    });
  });

  it("is skipped when no server sent a Date", () => {
    expect(checkClock([undefined, answered(undefined)]).status).toBe("skip");
  });
});
