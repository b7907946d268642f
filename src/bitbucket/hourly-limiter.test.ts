import { describe, expect, it } from "vitest";
import { createHourlyLimiter, type RequestLedger } from "./hourly-limiter.ts";

function memoryLedger(): RequestLedger {
  const entries: { credential: string; at: number; count: number }[] = [];
  return {
    add: (credential, at, count) => {
      entries.push({ credential, at, count });
    },
    usedSince: (credential, since) =>
      entries.filter((e) => e.credential === credential && e.at >= since).reduce((n, e) => n + e.count, 0),
  };
}

describe("createHourlyLimiter", () => {
  it("shares one rolling hour between limiters of the same credential over one ledger", () => {
    let now = 0;
    const ledger = memoryLedger();
    const first = createHourlyLimiter({ credential: "oauth:ws", limit: 900, ledger, now: () => now });
    first.record(600);
    now += 10 * 60_000;
    const second = createHourlyLimiter({ credential: "oauth:ws", limit: 900, ledger, now: () => now });
    expect(second.remaining()).toBe(300);
    second.record(300);
    expect(first.remaining()).toBe(0);
    const other = createHourlyLimiter({ credential: "env-token:ws", limit: 900, ledger, now: () => now });
    expect(other.remaining()).toBe(900);
  });

  it("gives requests back once they are more than an hour old", () => {
    let now = 0;
    const limiter = createHourlyLimiter({ credential: "c", limit: 100, ledger: memoryLedger(), now: () => now });
    limiter.record(100);
    now += 30 * 60_000;
    limiter.record(0);
    expect(limiter.remaining()).toBe(0);
    now += 31 * 60_000;
    expect(limiter.remaining()).toBe(100);
    expect(limiter.usedLastHour()).toBe(0);
  });

  it("refuses a budget that is not a positive whole number", () => {
    const ledger = memoryLedger();
    expect(() => createHourlyLimiter({ credential: "c", limit: 0, ledger, now: () => 0 })).toThrow(RangeError);
    expect(() => createHourlyLimiter({ credential: "c", limit: 2.5, ledger, now: () => 0 })).toThrow(RangeError);
  });
});
