/**
 * The `branch_stats` record: how many branches of one category a repository has (from the `branch_stats`
 * table). Every column leaves except `changed_in_run` (bookkeeping): counts only — no branch, name or key.
 */
import { bitbucketUuid, branchCategory, count } from "../field-formats.ts";
import { defineRecordType } from "../record-type.ts";

/** Branch counts per category, with how many are stale. */
export const branchStatsRecord = defineRecordType({
  name: "branch_stats",
  title: "Branch counts",
  description: "How many branches of one category a repository has, and how many of them are stale.",
  table: "branch_stats",
  repositoryColumn: "repo_uuid",
  orderBy: ["repo_uuid", "category"],
  fields: {
    repo_uuid: bitbucketUuid.describe("the repository"),
    category: branchCategory.describe("the branch category counted"),
    branches: count.describe("how many branches of that category it has"),
    stale: count.describe("how many of them have no commit for `stale_after_days` days"),
    stale_after_days: count.describe("the age, in days, after which a branch counts as stale"),
  },
});
