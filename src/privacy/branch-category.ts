/**
 * Branch names carry people's names and ticket titles, so only a category is stored (DESIGN §2). The
 * category comes from the repository's branching model when known (a later change fetches it), else from the
 * common prefixes and names that Bitbucket's default branching model uses
 * (https://support.atlassian.com/bitbucket-cloud/docs/configure-a-projects-branching-model/).
 */

/** The stored categories. */
export type BranchCategory = "main" | "development" | "feature" | "bugfix" | "hotfix" | "release" | "other";

/** What a repository's branching model tells about its branches (all optional). */
export interface BranchingModel {
  mainBranch?: string | null;
  developmentBranch?: string | null;
  productionBranch?: string | null;
  prefixes?: Partial<Record<"feature" | "bugfix" | "hotfix" | "release", string>>;
}

const defaultPrefixes: [Exclude<BranchCategory, "main" | "development" | "other">, string[]][] = [
  ["feature", ["feature/", "feat/", "features/"]],
  ["bugfix", ["bugfix/", "fix/", "bug/", "bugfixes/"]],
  ["hotfix", ["hotfix/", "hotfixes/"]],
  ["release", ["release/", "releases/"]],
];

const mainNames = new Set(["main", "master", "trunk", "production", "prod"]);
const developmentNames = new Set(["develop", "development", "dev", "staging"]);

/** Categorises a branch name; the name itself is never returned or stored. */
export function categoriseBranch(name: string | null | undefined, model: BranchingModel = {}): BranchCategory | null {
  if (name === null || name === undefined || name === "") return null;
  if (model.mainBranch === name || model.productionBranch === name) return "main";
  if (model.developmentBranch === name) return "development";
  for (const [category, prefix] of Object.entries(model.prefixes ?? {})) {
    if (prefix && name.startsWith(prefix)) return category as BranchCategory;
  }
  const lower = name.toLowerCase();
  if (mainNames.has(lower)) return "main";
  if (developmentNames.has(lower)) return "development";
  for (const [category, prefixes] of defaultPrefixes) {
    if (prefixes.some((prefix) => lower.startsWith(prefix))) return category;
  }
  return "other";
}
