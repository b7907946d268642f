import { describe, expect, it } from "vitest";
import { createPseudonymizer } from "./pseudonym.ts";

const secret = Buffer.alloc(32, 7);

describe("createPseudonymizer", () => {
  it("gives one account the same key across runs and spellings of its uuid", () => {
    const a = createPseudonymizer(secret);
    const b = createPseudonymizer(Buffer.from(secret));
    const uuid = "{0A1B2C3D-0000-4000-8000-000000000001}";
    expect(a.person(uuid)).toBe(b.person(uuid.toLowerCase().slice(1, -1)));
    expect(a.person(uuid)).toMatch(/^[0-9a-f]{24}$/);
  });

  it("gives different installs unrelated keys for the same person", () => {
    const uuid = "{0a1b2c3d-0000-4000-8000-000000000001}";
    expect(createPseudonymizer(secret).person(uuid)).not.toBe(createPseudonymizer(Buffer.alloc(32, 8)).person(uuid));
  });

  it("never returns the uuid or branch name it was given", () => {
    const keys = createPseudonymizer(secret);
    expect(keys.branch("{r}", "feature/jane-doe-login")).not.toContain("jane");
    expect(keys.branch("{r1}", "main")).not.toBe(keys.branch("{r2}", "main"));
  });

  it("refuses a short secret", () => {
    expect(() => createPseudonymizer(Buffer.alloc(8))).toThrow();
  });
});
