/**
 * Synthetic Bitbucket payloads for tests (never imported by production code). Free-text and
 * personal fields carry CANARY strings so a test can prove they never survive parsing.
 */

/** A synthetic repository value as Bitbucket sends it, with free text that must be dropped. */
export function repositoryPayload(n: number, extra: Record<string, unknown> = {}) {
  return {
    type: "repository",
    uuid: `{00000000-0000-4000-8000-${String(n).padStart(12, "0")}}`,
    slug: `repo-${n}`,
    full_name: `acme/repo-${n}`,
    name: `CANARY-REPO-NAME-${n}`,
    description: `CANARY-REPO-DESCRIPTION-${n}`,
    is_private: true,
    created_on: "2024-01-02T03:04:05.123456+00:00",
    updated_on: "2024-02-03T04:05:06.654321+00:00",
    size: 1024 * n,
    language: "typescript",
    mainbranch: { type: "branch", name: "main" },
    project: {
      type: "project",
      key: "PRJ",
      uuid: "{AAAAAAAA-0000-4000-8000-000000000001}",
      name: "CANARY-PROJECT-NAME",
    },
    workspace: {
      type: "workspace",
      uuid: "{BBBBBBBB-0000-4000-8000-000000000002}",
      slug: "acme",
      name: "CANARY-WORKSPACE-NAME",
    },
    owner: { display_name: "CANARY-OWNER-NAME", uuid: "{cccccccc-0000-4000-8000-000000000003}" },
    links: { html: { href: "https://bitbucket.org/acme/repo" } },
    ...extra,
  };
}

/** A synthetic account as Bitbucket sends it, with personal data that must be dropped. */
export function accountPayload(n: number) {
  return {
    type: "user",
    uuid: `{DDDDDDDD-0000-4000-8000-${String(n).padStart(12, "0")}}`,
    display_name: `CANARY-DISPLAY-NAME-${n}`,
    nickname: `CANARY-NICKNAME-${n}`,
    account_id: `557058:canary-account-${n}`,
    links: { avatar: { href: "https://avatar.example/canary.png" } },
  };
}

/** A synthetic pull request value as Bitbucket sends it, with free text that must be dropped. */
export function pullRequestPayload(id: number, extra: Record<string, unknown> = {}) {
  return {
    type: "pullrequest",
    id,
    title: `CANARY-TITLE-${id}`,
    description: `CANARY-DESCRIPTION-${id}`,
    summary: { raw: `CANARY-SUMMARY-${id}`, markup: "markdown", html: "<p>CANARY</p>" },
    rendered: { title: { raw: `CANARY-RENDERED-${id}` } },
    reason: "CANARY-DECLINE-REASON",
    state: "MERGED",
    draft: false,
    created_on: "2024-03-01T10:00:00.123456+00:00",
    updated_on: "2024-03-02T11:00:00.654321+00:00",
    author: accountPayload(1),
    closed_by: accountPayload(2),
    source: { branch: { name: "feature/ABC-1-canary-branch" }, commit: { hash: "abcdef012345" } },
    destination: { branch: { name: "main" }, commit: { hash: "012345abcdef" } },
    merge_commit: { hash: "fedcba987654" },
    comment_count: 3,
    task_count: 1,
    reviewers: [accountPayload(3)],
    participants: [
      {
        type: "participant",
        user: accountPayload(3),
        role: "REVIEWER",
        approved: true,
        state: "approved",
        participated_on: "2024-03-01T12:00:00.000001+00:00",
      },
    ],
    links: { html: { href: "https://bitbucket.org/acme/repo/pull-requests/1" } },
    ...extra,
  };
}
