/**
 * The `branching_model` record: a repository's effective branching model (from the `branching_models` table).
 * Every column leaves except `changed_in_run` (bookkeeping): the development and production branches only as
 * categories, the prefixes only as "this kind is enabled" — never a branch name or a prefix.
 */
import { z } from "zod";
import { bitbucketUuid, branchCategory } from "../field-formats.ts";
import { defineRecordType } from "../record-type.ts";

/** Branching models: categories of the development and production branches and which prefix kinds are on. */
export const branchingModelRecord = defineRecordType({
  name: "branching_model",
  title: "Branching model",
  description: "The branching model of one repository, as categories and enabled prefix kinds.",
  table: "branching_models",
  repositoryColumn: "repo_uuid",
  orderBy: ["repo_uuid"],
  fields: {
    repo_uuid: bitbucketUuid.describe("the repository"),
    development_category: branchCategory
      .nullable()
      .describe("the category of the development branch (main when it is the main branch; never the name)"),
    production_enabled: z.boolean().describe("whether a production branch is configured"),
    production_category: branchCategory.nullable().describe("the category of the production branch, when enabled"),
    feature_prefix: z
      .boolean()
      .describe("whether the feature branch prefix is enabled (the prefix itself is not kept)"),
    bugfix_prefix: z.boolean().describe("whether the bugfix branch prefix is enabled"),
    release_prefix: z.boolean().describe("whether the release branch prefix is enabled"),
    hotfix_prefix: z.boolean().describe("whether the hotfix branch prefix is enabled"),
  },
});
