/**
 * The value formats of bundle fields. Each is as narrow as the data allows — identifiers, keys, enums, numbers
 * and timestamps — so that free text cannot pass through a field even when its name is on the allowlist.
 * Every field carries a customer-facing description (`.describe`) from which docs/data-collected.md is generated.
 */
import { z } from "zod";

/** A Bitbucket uuid, lowercase with braces (repositories, projects). */
export const bitbucketUuid = z.string().regex(/^\{[0-9a-z][0-9a-z-]{0,63}\}$/, "expected a Bitbucket uuid");

/** A keyed pseudonym: 24 lowercase hex digits of HMAC-SHA256 under this install's secret. */
export const pseudonymKey = z.string().regex(/^[0-9a-f]{24}$/, "expected a 24-hex-digit key");

/** A UTC ISO-8601 timestamp as stored (`2026-01-02T03:04:05.678Z`). */
export const utcTimestamp = z.iso.datetime();

/** The branch categories of DESIGN §2 (the branch name itself never leaves). */
export const branchCategory = z.enum(["main", "development", "feature", "bugfix", "hotfix", "release", "other"]);

/** A non-negative whole number. */
export const count = z.number().int().nonnegative();

/** A commit hash, full or abbreviated: hex digits only. */
export const commitHash = z.string().regex(/^[0-9a-f]{4,64}$/i, "expected a commit hash");

/** A repository slug as Bitbucket makes them (no spaces, no free text). */
export const repositorySlug = z.string().regex(/^[A-Za-z0-9._-]{1,255}$/, "expected a repository slug");

/** A project key (letters, digits, underscores). */
export const projectKey = z.string().regex(/^[A-Za-z0-9_.-]{1,64}$/, "expected a project key");

/** A programming-language name from Bitbucket's fixed list ("typescript", "c#", "objective-c"…). */
export const languageName = z.string().regex(/^[A-Za-z0-9+#._ -]{1,64}$/, "expected a language name");

/**
 * An enum-like name Bitbucket uses for a state, result, trigger or type (`COMPLETED`, `SUCCESSFUL`, `PUSH`,
 * `pipeline_ref_target`, `Production`). Bitbucket adds values over time, so — as when parsing — any
 * identifier-shaped word passes rather than stopping every bundle, while spaces and punctuation never do.
 */
export const enumName = z.string().regex(/^[A-Za-z][A-Za-z0-9_.-]{0,63}$/, "expected an enum-like name");
