/**
 * ARCHITECTURE.md is the written map of the code (STYLE.md): it must name every source file, so a file added
 * without its line fails the build instead of silently drifting.
 */
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { repoRoot } from "../helpers/run-cli.ts";

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === "test-support" ? [] : sourceFiles(full);
    return entry.name.endsWith(".ts") && !entry.name.endsWith(".test.ts") ? [full] : [];
  });
}

describe("ARCHITECTURE.md", () => {
  it("has a line for every source file under src/", () => {
    const doc = fs.readFileSync(path.join(repoRoot, "ARCHITECTURE.md"), "utf8");
    const missing = sourceFiles(path.join(repoRoot, "src"))
      .map((file) => path.relative(path.join(repoRoot, "src"), file))
      .filter((file) => !doc.includes(`\`${file}\``));
    expect(missing).toEqual([]);
  });
});
