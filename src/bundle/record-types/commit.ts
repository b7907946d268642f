/**
 * The `commit` record: one commit on a repository's main branch within the look-back window (from the
 * `commits` table). Every column leaves except `changed_in_run` (bookkeeping): the hash (it joins pull
 * requests, pipelines and deployments), the date, the author as a person key and whether it merges — never
 * the message, the author's name or e-mail, or any file.
 */
import { z } from "zod";
import { bitbucketUuid, commitHash, pseudonymKey, utcTimestamp } from "../field-formats.ts";
import { defineRecordType } from "../record-type.ts";

/** Main-branch commits: hash, date, author key and merge flag. */
export const commitRecord = defineRecordType({
  name: "commit",
  title: "Commit",
  description: "One commit on the main branch of a repository, within the look-back window.",
  table: "commits",
  repositoryColumn: "repo_uuid",
  orderBy: ["repo_uuid", "hash"],
  fields: {
    repo_uuid: bitbucketUuid.describe("the repository"),
    hash: commitHash.describe("the commit's hash"),
    committed_on: utcTimestamp.describe("its date (UTC)"),
    author_key: pseudonymKey
      .nullable()
      .describe("the author, as a person key (empty when the author has no Bitbucket account)"),
    is_merge: z.boolean().describe("whether it is a merge commit (more than one parent)"),
  },
});
