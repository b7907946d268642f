/**
 * Timestamps in the sandbox are integer microseconds since the epoch (UTC), which is the
 * precision Bitbucket uses for pull requests and repositories (`…30.123456+00:00`).
 */

/** Microseconds in one second, one minute, one hour and one day. */
export const MICROS = {
  second: 1_000_000,
  minute: 60_000_000,
  hour: 3_600_000_000,
  day: 86_400_000_000,
} as const;

/** Formats microseconds as Bitbucket does for pull requests: `2024-03-01T10:20:30.123456+00:00`. */
export function formatMicros(micros: number): string {
  const millis = Math.floor(micros / 1000);
  const iso = new Date(millis).toISOString(); // 2024-03-01T10:20:30.123Z
  const extra = String(micros - millis * 1000).padStart(3, "0");
  return `${iso.slice(0, 23)}${extra}+00:00`;
}

/** Microseconds of a Date. */
export function dateToMicros(date: Date): number {
  return date.getTime() * 1000;
}

const ISO_PATTERN =
  /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?)?(Z|[+-]\d{2}(?::?\d{2})?)?$/;

/**
 * Parses an ISO-8601 date time into microseconds. The time, seconds, fraction and offset are
 * optional, and a missing offset means UTC, as BBQL datetime literals are documented
 * (Bitbucket "Filter and sort API objects" › Data types). Returns undefined when it is not one.
 */
export function parseIsoMicros(text: string): number | undefined {
  const match = ISO_PATTERN.exec(text);
  if (!match) return undefined;
  const [, y, mo, d, h = "0", mi = "0", s = "0", fraction = "", offset = "Z"] = match;
  const millis = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s));
  if (Number.isNaN(millis)) return undefined;
  const check = new Date(millis);
  if (check.getUTCDate() !== Number(d) || check.getUTCMonth() !== Number(mo) - 1) return undefined;
  const micros = millis * 1000 + Number(fraction.padEnd(6, "0").slice(0, 6));
  return micros - offsetMinutes(offset) * MICROS.minute;
}

function offsetMinutes(offset: string): number {
  if (offset === "Z") return 0;
  const sign = offset.startsWith("-") ? -1 : 1;
  const digits = offset.slice(1).replace(":", "");
  return sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2, 4) || "0"));
}

/**
 * Formats microseconds (plus `extraNanos`, 0–999) as Go's RFC 3339 with nanoseconds, the form of
 * pipelines, steps and deployments: `Z`, up to nine fractional digits, trailing zeros dropped
 * (`2023-02-20T08:58:19.14397Z`, `…18.544325754Z`: api-notes.md §5, §9.8).
 */
export function formatNanosZ(micros: number, extraNanos = 0): string {
  const seconds = Math.floor(micros / MICROS.second);
  const iso = new Date(seconds * 1000).toISOString().slice(0, 19);
  const nanos = (micros - seconds * MICROS.second) * 1000 + extraNanos;
  const fraction = String(nanos).padStart(9, "0").replace(/0+$/, "");
  return fraction === "" ? `${iso}Z` : `${iso}.${fraction}Z`;
}

/**
 * Formats microseconds as commit dates come: whole seconds with `+00:00`, or, when `broken`, the
 * `2025-09-18T21:26:38+00:00Z` form seen on real commits (atlassian-python-api#1441, api-notes.md §9.8).
 */
export function formatCommitDate(micros: number, broken = false): string {
  const iso = new Date(Math.floor(micros / MICROS.second) * 1000).toISOString().slice(0, 19);
  return broken ? `${iso}+00:00Z` : `${iso}+00:00`;
}
