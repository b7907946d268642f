/**
 * The `environment` record: one deployment environment (from the `environments` table). Every column leaves
 * except `changed_in_run` (bookkeeping): its type and rank only — the environment's name (often a customer's or
 * a server's) was never kept. The `type` column travels as `environment_type` (as on deployments): `type` is
 * the record's own type on the wire.
 */
import { z } from "zod";
import { bitbucketUuid, enumName } from "../field-formats.ts";
import { defineRecordType } from "../record-type.ts";

/** Deployment environments: type and rank, never the name. */
export const environmentRecord = defineRecordType({
  name: "environment",
  title: "Deployment environment",
  description: "One deployment environment of a repository, by type (never by name).",
  table: "environments",
  renamed: { environment_type: "type" },
  repositoryColumn: "repo_uuid",
  orderBy: ["repo_uuid", "uuid"],
  fields: {
    uuid: bitbucketUuid.describe("Bitbucket's identifier of the environment"),
    repo_uuid: bitbucketUuid.describe("the repository"),
    environment_type: enumName.describe("its type: Test, Staging or Production"),
    rank: z.number().int().nullable().describe("its position in the deployment order, as Bitbucket reports it"),
  },
});
