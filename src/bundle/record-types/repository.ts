/** The `repository` record: one repository of the workspace (from the `repositories` table). */
import { z } from "zod";
import {
  bitbucketUuid,
  branchCategory,
  count,
  languageName,
  projectKey,
  repositorySlug,
  utcTimestamp,
} from "../field-formats.ts";
import { defineRecordType } from "../record-type.ts";

/** Repositories: identifiers, visibility, age, size and the category of the main branch. */
export const repositoryRecord = defineRecordType({
  name: "repository",
  title: "Repository",
  description: "One repository of the workspace.",
  table: "repositories",
  repositoryColumn: "uuid",
  orderBy: ["uuid"],
  fields: {
    uuid: bitbucketUuid.describe("Bitbucket's identifier of the repository"),
    slug: repositorySlug.describe("the repository's short name in its URL (not its display name)"),
    project_key: projectKey.nullable().describe("the key of the project it belongs to"),
    project_uuid: bitbucketUuid.nullable().describe("Bitbucket's identifier of that project"),
    is_private: z.boolean().describe("whether the repository is private"),
    created_on: utcTimestamp.describe("when it was created (UTC)"),
    updated_on: utcTimestamp.describe("when it was last updated (UTC)"),
    main_branch_category: branchCategory.nullable().describe("the category of its main branch (never the name)"),
    language: languageName.nullable().describe("the main language, as Bitbucket reports it"),
    size: count.nullable().describe("its size in bytes, as Bitbucket reports it"),
  },
});
