/**
 * Synthetic branching models, branches and commits as Bitbucket sends them when it ignores
 * `fields=` (never imported by production code). Messages and author strings carry CANARY strings.
 */
import { accountPayload } from "./payloads.ts";

/** An effective branching model with a development branch, production disabled and four prefixes. */
export function branchingModelPayload(extra: Record<string, unknown> = {}) {
  return {
    type: "effective_repo_branching_model",
    development: {
      name: "develop",
      branch: { type: "branch", name: "develop", target: { hash: "0123456789ab" } },
      use_mainbranch: false,
    },
    branch_types: [
      { kind: "feature", prefix: "feature/" },
      { kind: "bugfix", prefix: "bugfix/" },
      { kind: "release", prefix: "release/" },
      { kind: "hotfix", prefix: "hotfix/" },
    ],
    links: { self: { href: "https://api.bitbucket.org/2.0/CANARY-LINK" } },
    ...extra,
  };
}

/** A commit as the commits and branch endpoints embed it, with its message and author string. */
export function commitPayload(n: number, extra: Record<string, unknown> = {}) {
  return {
    type: "commit",
    hash: `${String(n).padStart(8, "0")}aaaabbbbccccddddeeeeffff00001111`,
    date: "2025-09-18T21:26:38+00:00",
    author: { type: "author", raw: `CANARY-AUTHOR-NAME <canary-${n}@example.com>`, user: accountPayload(1) },
    message: `CANARY-COMMIT-MESSAGE-${n}\n`,
    summary: { raw: `CANARY-COMMIT-SUMMARY-${n}`, markup: "markdown", html: "<p>CANARY</p>" },
    rendered: { message: { raw: "CANARY-RENDERED-MESSAGE" } },
    parents: [{ type: "commit", hash: "1111222233334444555566667777888899990000" }],
    repository: { name: "CANARY-REPO-NAME" },
    links: { html: { href: "https://bitbucket.org/acme/web/commits/CANARY" } },
    ...extra,
  };
}

/** A branch whose target commit carries a message and author string. */
export function branchPayload(name: string, extra: Record<string, unknown> = {}) {
  return {
    type: "branch",
    name,
    target: commitPayload(1),
    merge_strategies: ["merge_commit", "squash"],
    default_merge_strategy: "squash",
    links: { html: { href: "https://bitbucket.org/acme/web/branch/CANARY" } },
    ...extra,
  };
}
