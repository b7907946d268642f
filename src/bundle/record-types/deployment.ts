/**
 * The `deployment` record: one deployment (from the `deployments` table). Every column leaves except
 * `changed_in_run` (bookkeeping): the environment by uuid and type, the pipeline by uuid, the commit by hash —
 * never an environment or release name, a URL or the deployer.
 */
import { bitbucketUuid, commitHash, enumName, utcTimestamp } from "../field-formats.ts";
import { defineRecordType } from "../record-type.ts";

/** Deployments: environment type, state, timing, and the pipeline and commit deployed. */
export const deploymentRecord = defineRecordType({
  name: "deployment",
  title: "Deployment",
  description: "One deployment of a commit to an environment.",
  table: "deployments",
  repositoryColumn: "repo_uuid",
  orderBy: ["repo_uuid", "uuid"],
  fields: {
    uuid: bitbucketUuid.describe("Bitbucket's identifier of the deployment"),
    repo_uuid: bitbucketUuid.describe("the repository"),
    environment_uuid: bitbucketUuid.nullable().describe("the environment it went to"),
    environment_type: enumName.nullable().describe("that environment's type: Test, Staging or Production"),
    state: enumName.describe("UNDEPLOYED, IN_PROGRESS or COMPLETED, as Bitbucket reports it"),
    status: enumName.nullable().describe("SUCCESSFUL, FAILED or STOPPED, once it completed"),
    started_on: utcTimestamp.nullable().describe("when it started (UTC)"),
    completed_on: utcTimestamp.nullable().describe("when it completed (UTC)"),
    pipeline_uuid: bitbucketUuid.nullable().describe("the pipeline run that deployed it"),
    commit_hash: commitHash.nullable().describe("the hash of the commit deployed"),
    last_update_time: utcTimestamp.nullable().describe("when Bitbucket last updated it (UTC)"),
  },
});
