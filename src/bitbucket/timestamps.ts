/**
 * Bitbucket Cloud mixes timestamp forms: `+00:00` with microseconds on pull requests, `Z` with up
 * to nine fractional digits on pipelines, and commit dates like `2025-09-18T21:26:38+00:00Z`
 * (api-notes.md §9.8; atlassian-python-api#1511, apache/devlake#8708). Everything is normalised
 * to one UTC form so that stored values sort and compare as strings.
 */

const TIMESTAMP =
  /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?(?:([Zz])|([+-])(\d{2}):?(\d{2})([Zz])?)?$/;

/**
 * Normalises a Bitbucket timestamp to UTC ISO-8601 with millisecond precision
 * (`2024-01-02T03:04:05.123Z`), or returns undefined when the text is not a timestamp.
 * A value without an offset is taken as UTC, as BBQL does (SPEC narrative › Filter and sort).
 */
export function normalizeTimestamp(text: string): string | undefined {
  const match = TIMESTAMP.exec(text.trim());
  if (match === null) return undefined;
  const [, y, mo, d, h, mi, s = "0", fraction = "", , sign, oh = "0", om = "0"] = match;
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  const hour = Number(h);
  const minute = Number(mi);
  const second = Number(s);
  if (month < 1 || month > 12 || hour > 23 || minute > 59 || second > 59) {
    return undefined;
  }
  const offsetHours = Number(oh);
  const offsetMinutes = Number(om);
  if (offsetHours > 14 || offsetMinutes > 59) return undefined;
  // Truncate rather than round: rounding .9995 would carry into the next second.
  const millis = Number(fraction.padEnd(3, "0").slice(0, 3));
  const date = new Date(0);
  // setUTCFullYear, because Date.UTC maps years 0–99 onto 1900–1999.
  date.setUTCFullYear(year, month - 1, day);
  date.setUTCHours(hour, minute, second, millis);
  if (date.getUTCDate() !== day || date.getUTCMonth() !== month - 1) {
    return undefined; // 2024-02-30 and the like
  }
  const offsetMs = (offsetHours * 60 + offsetMinutes) * 60_000;
  const utc = date.getTime() - (sign === "-" ? -offsetMs : offsetMs);
  const result = new Date(utc);
  if (result.getUTCFullYear() < 1000 || result.getUTCFullYear() > 9999) {
    return undefined;
  }
  return result.toISOString();
}
