import { describe, expect, it } from "vitest";
import { createFaultInjector, type FaultDecision } from "./faults.ts";

const kinds = (decisions: FaultDecision[]) => decisions.map((d) => (d.kind === "respond" ? d.status : d.kind));

describe("fault injector", () => {
  it("fails the next matching requests deterministically, then stops", () => {
    const faults = createFaultInjector({ failNext: [{ status: 503, times: 2, pathIncludes: "/pullrequests" }] }, 1);
    const decisions = [
      "/2.0/user",
      "/2.0/repositories/w/r/pullrequests",
      "/2.0/x/pullrequests",
      "/2.0/x/pullrequests",
    ].map((path) => faults.decide(path));
    expect(kinds(decisions)).toEqual(["none", 503, 503, "none"]);
  });

  it("throttles like Bitbucket: plain-text 429 without Retry-After unless asked", () => {
    const plain = createFaultInjector({ rate429: 1 }, 1).decide("/2.0/user");
    expect(plain).toEqual({
      kind: "respond",
      status: 429,
      contentType: "text/plain",
      body: "Rate limit for this resource has been exceeded",
      headers: {},
    });
    const withHeader = createFaultInjector({ rate429: 1, retryAfterSeconds: 7 }, 1).decide("/2.0/user");
    expect(withHeader.kind === "respond" && withHeader.headers).toEqual({ "Retry-After": "7" });
  });

  it("repeats the same random faults for the same seed, and restarts them on set()", () => {
    const options = { rate429: 0.3, rate5xx: 0.3, resetRate: 0.1 };
    const run = (injector: ReturnType<typeof createFaultInjector>) =>
      kinds(Array.from({ length: 40 }, () => injector.decide("/2.0/x")));
    const first = run(createFaultInjector(options, 99));
    expect(run(createFaultInjector(options, 99))).toEqual(first);
    expect(new Set(first)).toEqual(new Set(["none", 429, 500, 502, 503, "reset"]));
    const injector = createFaultInjector(options, 99);
    run(injector);
    injector.set(options);
    expect(run(injector)).toEqual(first);
  });

  it("can drop the connection on purpose", () => {
    expect(createFaultInjector({ failNext: [{ status: "reset" }] }, 1).decide("/2.0/user")).toEqual({ kind: "reset" });
  });

  it("leaves out pipeline next links on every page, on some, or never", () => {
    const draws = (omit: boolean | number) => {
      const injector = createFaultInjector({ omitPipelineNext: omit }, 4);
      return Array.from({ length: 200 }, () => injector.omitPipelineNext());
    };
    expect(draws(true).every(Boolean)).toBe(true);
    expect(draws(false).some(Boolean)).toBe(false);
    const some = draws(0.5).filter(Boolean).length;
    expect(some).toBeGreaterThan(60);
    expect(some).toBeLessThan(140);
    expect(draws(0.5)).toEqual(draws(0.5));
  });

  it("does not shift the random faults when the missing-next knob draws", () => {
    const options = { rate429: 0.3, rate5xx: 0.3 };
    const plain = createFaultInjector(options, 99);
    const withKnob = createFaultInjector({ ...options, omitPipelineNext: 0.5 }, 99);
    const run = (injector: ReturnType<typeof createFaultInjector>, drawPages: boolean) =>
      kinds(
        Array.from({ length: 40 }, () => {
          if (drawPages) injector.omitPipelineNext();
          return injector.decide("/2.0/x");
        }),
      );
    expect(run(withKnob, true)).toEqual(run(plain, false));
  });
});
