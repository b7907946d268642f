/**
 * The `repository_flags` record: whether a repository has Pipelines enabled (from the `repository_flags`
 * table). Every column leaves except `changed_in_run` (bookkeeping): without it, a repository with no
 * Pipelines could not be told from one with no runs in the window.
 */
import { z } from "zod";
import { bitbucketUuid, utcTimestamp } from "../field-formats.ts";
import { defineRecordType } from "../record-type.ts";

/** Per-repository facts learnt while crawling: whether Pipelines is enabled, and when that was checked. */
export const repositoryFlagsRecord = defineRecordType({
  name: "repository_flags",
  title: "Repository flags",
  description: "What the crawl learnt about one repository: whether it has Bitbucket Pipelines enabled.",
  table: "repository_flags",
  repositoryColumn: "repo_uuid",
  orderBy: ["repo_uuid"],
  fields: {
    repo_uuid: bitbucketUuid.describe("the repository"),
    pipelines: z
      .enum(["yes", "no", "unknown"])
      .describe("yes, no (Bitbucket answered 403 or 404 for its pipelines) or unknown (not checked yet)"),
    pipelines_checked_on: utcTimestamp
      .nullable()
      .describe("when that was found out (UTC); a repository without Pipelines is checked again weekly"),
  },
});
