/** The `review` record: one reviewer or participant of a pull request (from the `pr_participants` table). */
import { z } from "zod";
import { bitbucketUuid, pseudonymKey, utcTimestamp } from "../field-formats.ts";
import { defineRecordType } from "../record-type.ts";

/** Reviews: who (as a person key) took part in a pull request, in which role, and whether they approved. */
export const reviewRecord = defineRecordType({
  name: "review",
  title: "Review",
  description: "One person's part in one pull request: reviewer or participant, and their verdict.",
  table: "pr_participants",
  repositoryColumn: "repo_uuid",
  orderBy: ["repo_uuid", "pr_id", "person_key"],
  fields: {
    repo_uuid: bitbucketUuid.describe("the repository of the pull request"),
    pr_id: z.number().int().positive().describe("the pull request's number"),
    person_key: pseudonymKey.describe("the reviewer or participant, as a person key"),
    role: z.enum(["REVIEWER", "PARTICIPANT"]).describe("REVIEWER or PARTICIPANT"),
    approved: z.boolean().describe("whether they approved"),
    state: z
      .enum(["approved", "changes_requested"])
      .nullable()
      .describe("approved or changes_requested, when they gave a verdict"),
    participated_on: utcTimestamp.nullable().describe("when they last took part (UTC)"),
  },
});
