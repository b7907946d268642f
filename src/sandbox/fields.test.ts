import { describe, expect, it } from "vitest";
import { applyFields } from "./fields.ts";

const PAGE = {
  pagelen: 2,
  size: 3,
  page: 1,
  next: "http://127.0.0.1/2.0/x?page=2",
  values: [
    {
      id: 1,
      state: "OPEN",
      links: { self: { href: "s1" }, html: { href: "h1" } },
      author: { uuid: "{a}", display_name: "A" },
      participants: [{ user: { uuid: "{b}", display_name: "B" }, approved: true }],
    },
    {
      id: 2,
      state: "MERGED",
      links: { self: { href: "s2" }, html: { href: "h2" } },
      author: { uuid: "{c}", display_name: "C" },
      participants: [],
    },
  ],
};
const HIDDEN = ["values.participants"];

describe("applyFields", () => {
  it("leaves out hidden fields by default", () => {
    const result = applyFields(PAGE, null, HIDDEN) as typeof PAGE;
    expect(result.values[0]).not.toHaveProperty("participants");
    expect(result.next).toBe(PAGE.next);
  });

  it("adds a hidden field with + while keeping the defaults", () => {
    const result = applyFields(PAGE, "+values.participants", HIDDEN) as typeof PAGE;
    expect(result.values[0]?.participants).toEqual(PAGE.values[0]?.participants);
    expect(result.values[0]?.links).toEqual(PAGE.values[0]?.links);
    expect(result.next).toBe(PAGE.next);
  });

  it("returns only the listed paths, traversing arrays, when a path has no prefix", () => {
    const result = applyFields(PAGE, "next,values.id,values.participants.user.uuid", HIDDEN);
    expect(result).toEqual({
      next: PAGE.next,
      values: [
        { id: 1, participants: [{ user: { uuid: "{b}" } }] },
        { id: 2, participants: [] },
      ],
    });
  });

  it("drops envelope keys, next included, that a selection does not list", () => {
    expect(applyFields(PAGE, "values.id", HIDDEN)).toEqual({ values: [{ id: 1 }, { id: 2 }] });
  });

  it("removes fields with -, and empties an object with -path.*", () => {
    const result = applyFields(PAGE, "-values.author,-values.links.*", HIDDEN) as { values: object[] };
    expect(result.values[0]).toEqual({ id: 1, state: "OPEN", links: {} });
  });

  it("removes everything then adds back with -*,+path", () => {
    expect(applyFields(PAGE, "-*,+size", HIDDEN)).toEqual({ size: 3 });
  });

  it("selects every field at a level with *, hidden ones included", () => {
    const result = applyFields({ a: { x: 1, y: { z: 2 } } }, "a.*", ["a.y"]);
    expect(result).toEqual({ a: { x: 1, y: { z: 2 } } });
  });

  it("matches nothing when an unencoded + arrived as a space", () => {
    expect(applyFields(PAGE, " values.participants", HIDDEN)).toEqual({});
  });

  it("keeps null on a selected path through a null object", () => {
    expect(applyFields({ merge_commit: null, id: 1 }, "merge_commit.hash")).toEqual({ merge_commit: null });
  });

  it("never modifies the full representation", () => {
    const copy = structuredClone(PAGE);
    applyFields(PAGE, "-values.links,-next", HIDDEN);
    applyFields(PAGE, "+values.participants,-values.participants.user", HIDDEN);
    expect(PAGE).toEqual(copy);
  });
});
