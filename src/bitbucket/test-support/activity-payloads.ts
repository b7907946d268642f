/**
 * Synthetic pull request activity entries as Bitbucket sends them when it ignores `fields=` (never
 * imported by production code). Every free-text field carries a CANARY string.
 */
import { accountPayload } from "./payloads.ts";

function pullRequestStub(id: number) {
  return {
    type: "pullrequest",
    id,
    title: `CANARY-ACTIVITY-TITLE-${id}`,
    links: { html: { href: `https://bitbucket.org/acme/web/pull-requests/${id}` } },
  };
}

/** An `update` entry: a state change or a push (the source commit moved). */
export function updateEntry(id: number, extra: Record<string, unknown> = {}) {
  return {
    pull_request: pullRequestStub(id),
    update: {
      date: "2024-03-01T10:00:00.123456+00:00",
      state: "OPEN",
      author: accountPayload(1),
      title: `CANARY-UPDATE-TITLE-${id}`,
      description: `CANARY-UPDATE-DESCRIPTION-${id}`,
      reason: "CANARY-UPDATE-REASON",
      source: {
        branch: { name: "feature/CANARY-SOURCE-BRANCH" },
        commit: { hash: "abcdef012345", type: "commit" },
        repository: { name: "CANARY-REPO-NAME", full_name: "acme/CANARY-REPO" },
      },
      destination: { branch: { name: "main" }, commit: { hash: "012345abcdef" } },
      ...extra,
    },
  };
}

/** An `approval` entry. */
export function approvalEntry(id: number, date = "2024-03-01T12:00:00.000001+00:00") {
  return {
    pull_request: pullRequestStub(id),
    approval: { date, user: accountPayload(3), pullrequest: pullRequestStub(id) },
  };
}

/** A `changes_requested` entry (no official example exists; shaped like an approval). */
export function changesRequestedEntry(id: number) {
  return {
    pull_request: pullRequestStub(id),
    changes_requested: {
      date: "2024-03-01T11:00:00.5+00:00",
      user: accountPayload(4),
      pullrequest: pullRequestStub(id),
    },
  };
}

/** A `comment` entry, whose content must never leave the client. */
export function commentEntry(id: number) {
  return {
    pull_request: pullRequestStub(id),
    comment: {
      id: 900 + id,
      type: "pullrequest_comment",
      created_on: "2024-03-01T10:30:00.000000+00:00",
      updated_on: "2024-03-01T10:31:00.000000+00:00",
      user: accountPayload(2),
      content: { raw: "CANARY-COMMENT-RAW", markup: "markdown", html: "<p>CANARY-COMMENT-HTML</p>" },
      inline: { path: "src/CANARY-PATH.ts", from: null, to: 3 },
      deleted: false,
    },
  };
}

/** An entry of a kind the crawl does not keep (the internal API's tasks). */
export function taskEntry(id: number) {
  return {
    pull_request: pullRequestStub(id),
    task: { id: 5, content: { raw: "CANARY-TASK" }, created_on: "2024-03-01T10:40:00+00:00" },
  };
}
