/**
 * Building blocks shared by the value schemas: timestamps, uuids and accounts. Accounts keep their
 * uuid only; display names, nicknames, account ids and avatars are dropped (DESIGN.md §2).
 */
import { z } from "zod";
import { normalizeTimestamp } from "../timestamps.ts";

/** A Bitbucket timestamp in any of its forms, normalised to UTC ISO-8601 with milliseconds. */
export const timestamp = z.string().transform((text, ctx) => {
  const normalized = normalizeTimestamp(text);
  if (normalized === undefined) {
    ctx.addIssue({ code: "custom", message: "expected a timestamp" });
    return z.NEVER;
  }
  return normalized;
});

const UUID_BODY = /^[0-9a-z][0-9a-z-]*$/;

/**
 * Normalises a Bitbucket uuid to lowercase with braces (`{xxxxxxxx-…}`), the form the API
 * usually sends, so the same account always gets the same pseudonym; undefined when malformed.
 */
export function normalizeUuid(text: string): string | undefined {
  const body = text
    .trim()
    .toLowerCase()
    .replace(/^\{(.*)\}$/, "$1");
  return UUID_BODY.test(body) ? `{${body}}` : undefined;
}

/** A uuid field, normalised to lowercase with braces. */
export const uuid = z.string().transform((text, ctx) => {
  const normalized = normalizeUuid(text);
  if (normalized === undefined) {
    ctx.addIssue({ code: "custom", message: "expected a uuid" });
    return z.NEVER;
  }
  return normalized;
});

/** An account (author, reviewer, user…) reduced to its uuid; null when absent or deleted (no uuid). */
export const accountUuid = z
  .object({ uuid: uuid.nullish() })
  .nullish()
  .transform((account) => account?.uuid ?? null);

/** An optional string field that Bitbucket sends as null, "" or not at all; all three become null. */
export const optionalText = z
  .string()
  .nullish()
  .transform((text) => (text === undefined || text === null || text === "" ? null : text));
