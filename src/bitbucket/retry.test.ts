import { describe, expect, it } from "vitest";
import { backoffDelay, parseRetryAfter } from "./retry.ts";

describe("backoffDelay", () => {
  const policy = { floorMs: 0, baseMs: 1_000, capMs: 60_000 };

  it("grows exponentially up to the cap", () => {
    const top = () => 0.999_999;
    expect([1, 2, 3, 4, 7, 12].map((n) => backoffDelay(n, policy, top))).toEqual([
      1_000, 2_000, 4_000, 8_000, 60_000, 60_000,
    ]);
  });

  it("jitters over the whole range (full jitter)", () => {
    expect(backoffDelay(3, policy, () => 0)).toBe(0);
    expect(backoffDelay(3, policy, () => 0.5)).toBe(2_000);
  });

  it("never goes below the floor of the throttled policy", () => {
    const throttled = { floorMs: 10_000, baseMs: 30_000, capMs: 300_000 };
    expect(backoffDelay(1, throttled, () => 0)).toBe(10_000);
    expect(backoffDelay(1, throttled, () => 0.999_999)).toBe(30_000);
    expect(backoffDelay(10, throttled, () => 0.999_999)).toBe(300_000);
  });
});

describe("parseRetryAfter", () => {
  const now = Date.UTC(2025, 0, 1, 12, 0, 0);

  it("reads delta-seconds", () => {
    expect(parseRetryAfter("7", now)).toBe(7_000);
  });

  it("reads an HTTP date relative to now", () => {
    expect(parseRetryAfter("Wed, 01 Jan 2025 12:00:30 GMT", now)).toBe(30_000);
  });

  it("treats a date in the past as no wait", () => {
    expect(parseRetryAfter("Wed, 01 Jan 2025 11:00:00 GMT", now)).toBe(0);
  });

  it("ignores absent or unreadable values", () => {
    expect(parseRetryAfter(undefined, now)).toBeUndefined();
    expect(parseRetryAfter("soon", now)).toBeUndefined();
    expect(parseRetryAfter("-5", now)).toBeUndefined();
  });
});
