/**
 * Corvana's own copy of the bundle record allowlist, taken from docs/ingest-api.md › "Record types" — NOT
 * imported from the product: the sandbox is the independent check that the collector sends nothing else.
 * test/integration/bundle-ingest-contract.test.ts keeps this copy, the document and the product in step.
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
  pull_request: [
    "repo_uuid",
    "id",
    "state",
    "draft",
    "created_on",
    "updated_on",
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
