/**
 * The `pipeline_step` record: one step of a Pipelines run (from the `pipeline_steps` table, filled only when
 * step crawling is on). Every column leaves except `changed_in_run` (bookkeeping): outcome and timing only —
 * the step's name, image, script and log were never read.
 */
import { bitbucketUuid, count, enumName, utcTimestamp } from "../field-formats.ts";
import { defineRecordType } from "../record-type.ts";

/** Pipeline steps: state, result, timing and build seconds — never a name, script or log. */
export const pipelineStepRecord = defineRecordType({
  name: "pipeline_step",
  title: "Pipeline step",
  description: "One step of a Pipelines run (only when step crawling is on: `steps` in docs/crawl.md).",
  table: "pipeline_steps",
  repositoryColumn: "repo_uuid",
  orderBy: ["repo_uuid", "uuid"],
  fields: {
    uuid: bitbucketUuid.describe("Bitbucket's identifier of the step"),
    repo_uuid: bitbucketUuid.describe("the repository"),
    pipeline_uuid: bitbucketUuid.describe("the run it belongs to"),
    state: enumName.describe("PENDING, IN_PROGRESS or COMPLETED…, as Bitbucket reports it"),
    result: enumName.nullable().describe("SUCCESSFUL, FAILED, NOT_RUN…, once it completed"),
    started_on: utcTimestamp.nullable().describe("when it started (UTC)"),
    completed_on: utcTimestamp.nullable().describe("when it completed (UTC)"),
    duration_seconds: count.nullable().describe("how long it ran, in seconds"),
    build_seconds_used: count.nullable().describe("the build seconds it was billed"),
  },
});
