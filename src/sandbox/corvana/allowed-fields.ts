/**
 * Corvana's own copy of the bundle record allowlist, taken from docs/ingest-api.md › "Record types" — NOT
 * imported from the product: the sandbox is the independent check that the collector sends nothing else.
 * test/integration/bundle-standard-tools.test.ts ("docs/ingest-api.md › Record types") keeps this copy, the document
 * and the product in step.
 */

/** Record type → the fields a record of that type may carry (besides `type`). */
export const allowedFields: Readonly<Record<string, readonly string[]>> = {
  repository: [
    "uuid",
    "slug",
    "project_key",
    "project_uuid",
    "is_private",
    "created_on",
    "updated_on",
    "main_branch_category",
    "language",
    "size",
  ],
  repository_flags: ["repo_uuid", "pipelines", "pipelines_checked_on"],
  pull_request: [
    "repo_uuid",
    "id",
    "state",
    "draft",
    "created_on",
    "updated_on",
    "merged_on",
    "declined_on",
    "first_review_on",
    "first_approval_on",
    "author_key",
    "closed_by_key",
    "source_branch_category",
    "source_branch_key",
    "destination_branch_category",
    "destination_branch_key",
    "merge_commit",
    "comment_count",
    "task_count",
  ],
  review: ["repo_uuid", "pr_id", "person_key", "role", "approved", "state", "participated_on"],
  pr_event: ["repo_uuid", "pr_id", "kind", "occurred_on", "actor_key", "state"],
  pipeline: [
    "uuid",
    "repo_uuid",
    "build_number",
    "state",
    "stage",
    "result",
    "created_on",
    "completed_on",
    "duration_seconds",
    "build_seconds_used",
    "trigger",
    "target_type",
    "ref_type",
    "target_branch_category",
    "target_branch_key",
    "selector_type",
    "pr_id",
    "commit_hash",
    "creator_key",
  ],
  pipeline_step: [
    "uuid",
    "repo_uuid",
    "pipeline_uuid",
    "state",
    "result",
    "started_on",
    "completed_on",
    "duration_seconds",
    "build_seconds_used",
  ],
  environment: ["uuid", "repo_uuid", "environment_type", "rank"],
  deployment: [
    "uuid",
    "repo_uuid",
    "environment_uuid",
    "environment_type",
    "state",
    "status",
    "started_on",
    "completed_on",
    "pipeline_uuid",
    "commit_hash",
    "last_update_time",
  ],
  branching_model: [
    "repo_uuid",
    "development_category",
    "production_enabled",
    "production_category",
    "feature_prefix",
    "bugfix_prefix",
    "release_prefix",
    "hotfix_prefix",
  ],
  branch_stats: ["repo_uuid", "category", "branches", "stale", "stale_after_days"],
  commit: ["repo_uuid", "hash", "committed_on", "author_key", "is_merge"],
};

/**
 * The value rules of docs/ingest-api.md › "Value rules": every value is a JSON scalar; a `*_key` field is a
 * 24-hex-digit pseudonym; a `uuid` or `*_uuid` field is a braced Bitbucket uuid. Returns the broken rule.
 */
export function valueProblem(field: string, value: unknown): string | undefined {
  if (value !== null && typeof value === "object") return "must be a string, number, boolean or null";
  if (value === null) return undefined;
  if (field.endsWith("_key") && field !== "project_key" && !/^[0-9a-f]{24}$/.test(String(value))) {
    return "must be a 24-hex-digit key";
  }
  if ((field === "uuid" || field.endsWith("_uuid")) && !/^\{[0-9a-z-]+\}$/.test(String(value))) {
    return "must be a braced uuid";
  }
  return undefined;
}
