import fs from "node:fs";
import { describe, expect, it } from "vitest";
import { ExitCode } from "./errors.ts";

describe("exit codes", () => {
  it("documents every exit code in docs/exit-codes.md with its number and name", () => {
    const doc = fs.readFileSync(new URL("../docs/exit-codes.md", import.meta.url), "utf8");
    for (const [name, code] of Object.entries(ExitCode)) {
      expect(doc, `${name} (${code})`).toMatch(new RegExp(`\\|\\s*${code}\\s*\\|\\s*\`${name}\`\\s*\\|`));
    }
  });

  it("gives every exit code a distinct number", () => {
    const codes = Object.values(ExitCode);
    expect(new Set(codes).size).toBe(codes.length);
  });
});
