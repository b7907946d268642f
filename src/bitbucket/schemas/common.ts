/**
 * Building blocks shared by the value schemas: timestamps, uuids, accounts, ids, hashes and the
 * enum-like names Bitbucket uses for states and types. Accounts keep their uuid only; display
 * names, nicknames, account ids and avatars are dropped (DESIGN.md §2).
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

/** A timestamp that Bitbucket may leave out (a run not finished yet); absent and null become null. */
export const optionalTimestamp = timestamp.nullish().transform((value) => value ?? null);

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

/** A pull request id; some recorded payloads carry it as a numeric string (`"19"`). */
export const pullRequestId = z.union([z.number().int().positive(), z.string().regex(/^\d+$/).transform(Number)]);

/** A commit hash, full or abbreviated (activity entries carry 12 digits): hex only, so no free text passes. */
export const commitHash = z.string().regex(/^[0-9a-fA-F]{4,64}$/, "expected a commit hash");

/**
 * An enum-like name (a state, result, trigger, target or environment type such as `COMPLETED`,
 * `pipeline_ref_target`, `pull-requests` or `Production`). Bitbucket adds values over time (the
 * real payloads hold `HALTED`, `NOT_RUN`, `ROLLED_BACK`…), so any identifier-shaped word is
 * accepted rather than failing the crawl, while spaces, punctuation and long text never pass.
 */
export const constantName = z.string().regex(/^[A-Za-z][A-Za-z0-9_.-]{0,63}$/, "expected an enum-like name");

/** A count or duration that Bitbucket may leave out (null, absent) while a run is in progress. */
export const optionalCount = z
  .number()
  .nonnegative()
  .nullish()
  .transform((value) => value ?? null);
