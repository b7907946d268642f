import { describe, expect, it } from "vitest";
import { accountPayload, pullRequestPayload, repositoryPayload } from "../test-support/payloads.ts";
import { normalizeUuid } from "./common.ts";
import { pullRequestSchema } from "./pull-request.ts";
import { repositorySchema } from "./repository.ts";

describe("repositorySchema", () => {
  it("keeps only the allowlisted fields, camelCased, with UTC timestamps and lowercase uuids", () => {
    expect(repositorySchema.parse(repositoryPayload(1))).toEqual({
      uuid: "{00000000-0000-4000-8000-000000000001}",
      slug: "repo-1",
      projectKey: "PRJ",
      projectUuid: "{aaaaaaaa-0000-4000-8000-000000000001}",
      isPrivate: true,
      createdOn: "2024-01-02T03:04:05.123Z",
      updatedOn: "2024-02-03T04:05:06.654Z",
      mainBranch: "main",
      language: "typescript",
      size: 1024,
      workspaceUuid: "{bbbbbbbb-0000-4000-8000-000000000002}",
    });
  });

  it("accepts an empty repository: no main branch, no language, no project or workspace", () => {
    const parsed = repositorySchema.parse(
      repositoryPayload(1, { mainbranch: null, language: "", project: undefined, workspace: null, size: null }),
    );
    expect(parsed).toMatchObject({
      mainBranch: null,
      language: null,
      projectKey: null,
      projectUuid: null,
      workspaceUuid: null,
      size: null,
    });
  });

  it("rejects a repository without uuid", () => {
    expect(repositorySchema.safeParse(repositoryPayload(1, { uuid: undefined })).success).toBe(false);
  });
});

describe("pullRequestSchema", () => {
  it("keeps only the allowlisted fields of a pull request", () => {
    expect(pullRequestSchema.parse(pullRequestPayload(5))).toEqual({
      id: 5,
      state: "MERGED",
      draft: false,
      createdOn: "2024-03-01T10:00:00.123Z",
      updatedOn: "2024-03-02T11:00:00.654Z",
      authorUuid: "{dddddddd-0000-4000-8000-000000000001}",
      closedByUuid: "{dddddddd-0000-4000-8000-000000000002}",
      sourceBranch: "feature/ABC-1-canary-branch",
      destinationBranch: "main",
      sourceCommit: "abcdef012345",
      destinationCommit: "012345abcdef",
      mergeCommit: "fedcba987654",
      commentCount: 3,
      taskCount: 1,
      reviewers: ["{dddddddd-0000-4000-8000-000000000003}"],
      participants: [
        {
          uuid: "{dddddddd-0000-4000-8000-000000000003}",
          role: "REVIEWER",
          approved: true,
          state: "approved",
          participatedOn: "2024-03-01T12:00:00.000Z",
        },
      ],
    });
  });

  it("drops title, description, summary, rendered, reason, names and links", () => {
    const text = JSON.stringify(pullRequestSchema.parse(pullRequestPayload(5)));
    expect(text).not.toContain("CANARY-TITLE");
    expect(text).not.toContain("CANARY-DESCRIPTION");
    expect(text).not.toContain("CANARY-SUMMARY");
    expect(text).not.toContain("CANARY-RENDERED");
    expect(text).not.toContain("CANARY-DECLINE-REASON");
    expect(text).not.toContain("CANARY-DISPLAY-NAME");
    expect(text).not.toContain("CANARY-NICKNAME");
    expect(text).not.toContain("canary-account");
    expect(text).not.toContain("https://");
  });

  it("tells a missing participants key (undefined) from an empty list", () => {
    expect(pullRequestSchema.parse(pullRequestPayload(1, { participants: undefined })).participants).toBeUndefined();
    expect(pullRequestSchema.parse(pullRequestPayload(1, { participants: [] })).participants).toEqual([]);
  });

  it("maps deleted accounts to null and drops reviewers and participants without uuid", () => {
    const deleted = { display_name: "Former user", type: "user" };
    const parsed = pullRequestSchema.parse(
      pullRequestPayload(1, {
        author: deleted,
        closed_by: null,
        reviewers: [deleted, accountPayload(4)],
        participants: [
          { user: deleted, role: "PARTICIPANT", approved: false, state: null, participated_on: null },
          { user: accountPayload(4), role: "PARTICIPANT", approved: false, participated_on: null },
        ],
      }),
    );
    expect(parsed.authorUuid).toBeNull();
    expect(parsed.closedByUuid).toBeNull();
    expect(parsed.reviewers).toEqual(["{dddddddd-0000-4000-8000-000000000004}"]);
    expect(parsed.participants).toEqual([
      {
        uuid: "{dddddddd-0000-4000-8000-000000000004}",
        role: "PARTICIPANT",
        approved: false,
        state: null,
        participatedOn: null,
      },
    ]);
  });

  it("is lenient where Bitbucket is inconsistent: string ids, no draft key, no merge commit, no source commit", () => {
    const parsed = pullRequestSchema.parse(
      pullRequestPayload(1, { id: "19", draft: undefined, merge_commit: null, source: { branch: { name: "x" } } }),
    );
    expect(parsed).toMatchObject({ id: 19, draft: false, mergeCommit: null, sourceCommit: null, sourceBranch: "x" });
  });

  it("accepts a changes_requested participant and rejects an unknown state or role", () => {
    const participant = (extra: Record<string, unknown>) =>
      pullRequestPayload(1, {
        participants: [{ user: accountPayload(3), role: "REVIEWER", approved: false, participated_on: null, ...extra }],
      });
    expect(pullRequestSchema.parse(participant({ state: "changes_requested" })).participants?.[0]?.state).toBe(
      "changes_requested",
    );
    expect(pullRequestSchema.safeParse(participant({ state: "maybe" })).success).toBe(false);
    expect(pullRequestSchema.safeParse(participant({ role: "AUTHOR" })).success).toBe(false);
  });

  it.each([
    ["state", "MERGING"],
    ["id", 0],
    ["id", "12a"],
    ["comment_count", -1],
    ["created_on", "2024-02-30T00:00:00Z"],
  ])("rejects %s = %j", (field, value) => {
    expect(pullRequestSchema.safeParse(pullRequestPayload(1, { [field]: value })).success).toBe(false);
  });
});

describe("normalizeUuid", () => {
  it("lowercases and adds braces", () => {
    expect(normalizeUuid("{ABCDEF01-2345-4789-ABCD-EF0123456789}")).toBe("{abcdef01-2345-4789-abcd-ef0123456789}");
    expect(normalizeUuid("abcdef01-2345-4789-abcd-ef0123456789")).toBe("{abcdef01-2345-4789-abcd-ef0123456789}");
  });

  it("rejects what cannot be a uuid", () => {
    expect(normalizeUuid("")).toBeUndefined();
    expect(normalizeUuid("{}")).toBeUndefined();
    expect(normalizeUuid("{a b}")).toBeUndefined();
    expect(normalizeUuid("{{a}}")).toBeUndefined();
  });
});
