import { describe, expect, it } from "vitest";
import type { PullRequestActivity } from "../bitbucket/types.ts";
import { createPseudonymizer } from "../privacy/pseudonym.ts";
import { deriveUpdateEvents, toEventRow } from "./to-event-rows.ts";

const keys = createPseudonymizer(Buffer.alloc(32, 1));
const alice = "{00000000-0000-4000-8000-00000000000a}";
const bob = "{00000000-0000-4000-8000-00000000000b}";

const update = (date: string, state: PullRequestActivity["state"], sourceCommit: string | null, actor = alice) =>
  ({ pullRequestId: 3, kind: "update", date, actorUuid: actor, state, sourceCommit }) satisfies PullRequestActivity;

describe("deriveUpdateEvents", () => {
  it("turns the opening update, state changes and source-commit changes into events, in any input order", () => {
    const updates = [
      update("2025-01-04T00:00:00.000Z", "MERGED", "bbbbbbbbbbbb", bob),
      update("2025-01-01T00:00:00.000Z", "OPEN", "aaaaaaaaaaaa"),
      update("2025-01-03T00:00:00.000Z", "OPEN", "bbbbbbbbbbbb"),
      update("2025-01-02T00:00:00.000Z", "OPEN", "aaaaaaaaaaaa"),
    ];
    const events = deriveUpdateEvents("{r}", updates, keys).map((e) => [e.kind, e.occurredOn.slice(0, 10), e.state]);
    expect(events).toEqual([
      ["state_change", "2025-01-01", "OPEN"],
      ["push", "2025-01-03", null],
      ["state_change", "2025-01-04", "MERGED"],
    ]);
  });

  it("treats an abbreviated hash and its full form as the same commit", () => {
    const updates = [
      update("2025-01-01T00:00:00.000Z", "OPEN", "abcdef012345"),
      update("2025-01-02T00:00:00.000Z", "OPEN", "abcdef0123456789abcdef0123456789abcdef01"),
    ];
    expect(deriveUpdateEvents("{r}", updates, keys).map((e) => e.kind)).toEqual(["state_change"]);
  });

  it("keys the actor by pseudonym, never by account uuid", () => {
    const [event] = deriveUpdateEvents("{r}", [update("2025-01-01T00:00:00.000Z", "OPEN", null)], keys);
    expect(event?.actorKey).toBe(keys.person(alice));
    expect(JSON.stringify(event)).not.toContain("00000000-0000");
  });
});

describe("toEventRow", () => {
  it("maps approvals, changes requested and comments one to one and leaves updates to the derivation", () => {
    const base = {
      pullRequestId: 3,
      date: "2025-01-01T00:00:00.000Z",
      actorUuid: null,
      state: null,
      sourceCommit: null,
    };
    expect(toEventRow("{r}", { ...base, kind: "comment" }, keys)).toMatchObject({ kind: "comment", actorKey: null });
    expect(toEventRow("{r}", { ...base, kind: "changes_requested" }, keys)?.kind).toBe("changes_requested");
    expect(toEventRow("{r}", { ...base, kind: "update", state: "OPEN" }, keys)).toBeUndefined();
  });
});
