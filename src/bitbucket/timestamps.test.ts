import { describe, expect, it } from "vitest";
import { normalizeTimestamp } from "./timestamps.ts";

describe("normalizeTimestamp", () => {
  it.each([
    ["pull request form: +00:00 with microseconds", "2024-01-02T03:04:05.123456+00:00", "2024-01-02T03:04:05.123Z"],
    ["pipeline form: Z with nanoseconds", "2023-02-20T08:58:18.544325754Z", "2023-02-20T08:58:18.544Z"],
    ["Z with one fractional digit", "2023-02-20T08:58:19.1Z", "2023-02-20T08:58:19.100Z"],
    ["no fraction", "2024-01-02T03:04:05Z", "2024-01-02T03:04:05.000Z"],
    ["a positive offset", "2024-01-02T03:04:05.5+02:00", "2024-01-02T01:04:05.500Z"],
    ["a negative offset crossing midnight", "2024-01-01T23:30:00-07:00", "2024-01-02T06:30:00.000Z"],
    ["an offset without colon", "2024-01-02T03:04:05+0130", "2024-01-02T01:34:05.000Z"],
    ["the broken +00:00Z commit form", "2025-09-18T21:26:38+00:00Z", "2025-09-18T21:26:38.000Z"],
    ["no offset (taken as UTC, like BBQL)", "2024-01-02T03:04:05.999", "2024-01-02T03:04:05.999Z"],
    ["minutes only", "2024-01-02T03:04Z", "2024-01-02T03:04:00.000Z"],
    ["a leap day", "2024-02-29T00:00:00Z", "2024-02-29T00:00:00.000Z"],
  ])("normalises %s to UTC ISO with milliseconds", (_, input, expected) => {
    expect(normalizeTimestamp(input)).toBe(expected);
  });

  it("truncates the fraction instead of rounding into the next second", () => {
    expect(normalizeTimestamp("2024-12-31T23:59:59.999999+00:00")).toBe("2024-12-31T23:59:59.999Z");
  });

  it.each([
    "",
    "yesterday",
    "2024-01-02",
    "2024-13-02T03:04:05Z",
    "2023-02-29T03:04:05Z",
    "2024-01-02T24:00:00Z",
    "2024-01-02T03:60:00Z",
    "2024-01-02T03:04:05.1234567890Z",
    "2024-01-02T03:04:05+25:00",
    "2024-01-02T03:04:05ZZ",
    "1700000000",
    "2024-01-02T03:04:05Z; DROP TABLE",
  ])("rejects %j", (input) => {
    expect(normalizeTimestamp(input)).toBeUndefined();
  });
});
