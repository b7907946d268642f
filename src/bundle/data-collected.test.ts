import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { renderDataCollected } from "./data-collected.ts";
import { recordTypes } from "./record-types.ts";

const doc = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../docs/data-collected.md");

describe("docs/data-collected.md", () => {
  it("is exactly what the allowlist generates (run `node scripts/generate-data-collected.ts` after a change)", () => {
    expect(fs.readFileSync(doc, "utf8")).toBe(renderDataCollected());
  });

  it("names every field of every record type, and nothing else, in backticks in its type's table", () => {
    const text = renderDataCollected();
    for (const type of recordTypes) {
      const section = text.split(`(\`${type.name}\`)`)[1]?.split("###")[0] ?? "";
      const documented = [...section.matchAll(/^\| `([a-z_]+)` \|/gm)].map((m) => m[1]);
      expect(documented, type.name).toEqual(type.fieldNames);
    }
  });
});
