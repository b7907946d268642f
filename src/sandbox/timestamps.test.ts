import { describe, expect, it } from "vitest";
import { formatCommitDate, formatMicros, formatNanosZ, parseIsoMicros } from "./timestamps.ts";

describe("timestamps", () => {
  it("format microseconds the way Bitbucket writes pull request times", () => {
    const micros = Date.UTC(2024, 2, 1, 10, 20, 30, 123) * 1000 + 456;
    expect(formatMicros(micros)).toBe("2024-03-01T10:20:30.123456+00:00");
  });

  it("parse what they format", () => {
    const text = "2024-03-01T10:20:30.123456+00:00";
    expect(formatMicros(parseIsoMicros(text) ?? 0)).toBe(text);
  });

  it("treat a datetime without offset as UTC and honour explicit offsets", () => {
    expect(parseIsoMicros("2015-03-04T14:08:59")).toBe(Date.UTC(2015, 2, 4, 14, 8, 59) * 1000);
    expect(parseIsoMicros("2015-03-04")).toBe(Date.UTC(2015, 2, 4) * 1000);
    expect(parseIsoMicros("2015-03-04T14:08:59.123+02:00")).toBe(Date.UTC(2015, 2, 4, 12, 8, 59, 123) * 1000);
    expect(parseIsoMicros("2015-10-04T14:00:00-07:00")).toBe(Date.UTC(2015, 9, 4, 21) * 1000);
  });

  it("truncate nanosecond fractions to microseconds", () => {
    expect(parseIsoMicros("2023-02-20T08:58:18.544325754Z")).toBe(Date.UTC(2023, 1, 20, 8, 58, 18, 544) * 1000 + 325);
  });

  it("reject what is not a date", () => {
    for (const text of ["2024-02-30", "yesterday", "2024-03-01 10:20", "2024-03-01T10:20:30 00:00"]) {
      expect(parseIsoMicros(text)).toBeUndefined();
    }
  });

  it("format pipeline times in Z with up to nine fractional digits, trailing zeros dropped", () => {
    const micros = Date.UTC(2023, 1, 20, 8, 58, 18, 544) * 1000 + 325;
    expect(formatNanosZ(micros, 754)).toBe("2023-02-20T08:58:18.544325754Z");
    expect(formatNanosZ(Date.UTC(2023, 1, 20, 8, 58, 19, 143) * 1000 + 970)).toBe("2023-02-20T08:58:19.14397Z");
    expect(formatNanosZ(Date.UTC(2023, 1, 20, 8, 58, 19) * 1000)).toBe("2023-02-20T08:58:19Z");
    expect(parseIsoMicros(formatNanosZ(micros, 754))).toBe(micros);
  });

  it("format commit dates in whole seconds with +00:00, or the broken +00:00Z form", () => {
    const micros = Date.UTC(2025, 8, 18, 21, 26, 38, 999) * 1000;
    expect(formatCommitDate(micros)).toBe("2025-09-18T21:26:38+00:00");
    expect(formatCommitDate(micros, true)).toBe("2025-09-18T21:26:38+00:00Z");
  });
});
