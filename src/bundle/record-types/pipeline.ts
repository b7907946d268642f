/**
 * The `pipeline` record: one Pipelines run (from the `pipelines` table). Every column leaves except
 * `changed_in_run` (bookkeeping): the target branch only as a category and a branch key (a tag has neither —
 * its name is never kept), the creator only as a person key, the commit as its hash. Variables, scripts, logs
 * and step names were never read.
 */
import { z } from "zod";
import {
  bitbucketUuid,
  branchCategory,
  commitHash,
  count,
  enumName,
  pseudonymKey,
  utcTimestamp,
} from "../field-formats.ts";
import { defineRecordType } from "../record-type.ts";

/** Pipeline runs: outcome, timing, build minutes, what triggered them and what they built. */
export const pipelineRecord = defineRecordType({
  name: "pipeline",
  title: "Pipeline",
  description: "One Bitbucket Pipelines run.",
  table: "pipelines",
  repositoryColumn: "repo_uuid",
  orderBy: ["repo_uuid", "uuid"],
  fields: {
    uuid: bitbucketUuid.describe("Bitbucket's identifier of the run"),
    repo_uuid: bitbucketUuid.describe("the repository it ran for"),
    build_number: count.describe("its build number within the repository"),
    state: enumName.describe("PENDING, IN_PROGRESS, PAUSED, HALTED or COMPLETED, as Bitbucket reports it"),
    stage: enumName.nullable().describe("the stage within that state (RUNNING, PAUSED…), as Bitbucket reports it"),
    result: enumName.nullable().describe("SUCCESSFUL, FAILED, ERROR, STOPPED…, once it completed"),
    created_on: utcTimestamp.describe("when it was created (UTC)"),
    completed_on: utcTimestamp.nullable().describe("when it completed (UTC)"),
    duration_seconds: count.nullable().describe("how long it ran, in seconds"),
    build_seconds_used: count.nullable().describe("the build seconds it was billed"),
    trigger: enumName.nullable().describe("what started it: PUSH, MANUAL, SCHEDULE…"),
    target_type: enumName
      .nullable()
      .describe("what it built: a ref, a commit or a pull request (pipeline_ref_target, pipeline_commit_target…)"),
    ref_type: enumName.nullable().describe("branch or tag, when it built a ref"),
    target_branch_category: branchCategory.nullable().describe("the category of the branch it built (never the name)"),
    target_branch_key: pseudonymKey.nullable().describe("the branch it built, as a branch key"),
    selector_type: enumName
      .nullable()
      .describe("which section of the pipeline definition ran: default, branches, pull-requests, tags or custom"),
    pr_id: z.number().int().positive().nullable().describe("the pull request's number, for a pull-request pipeline"),
    commit_hash: commitHash.nullable().describe("the hash of the commit it built"),
    creator_key: pseudonymKey.nullable().describe("who started it, as a person key"),
  },
});
