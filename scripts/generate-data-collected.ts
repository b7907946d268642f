/**
 * Regenerates docs/data-collected.md from the bundle allowlist (src/bundle/record-types.ts):
 *   node scripts/generate-data-collected.ts
 */
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { renderDataCollected } from "../src/bundle/data-collected.ts";

const file = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../docs/data-collected.md");
fs.writeFileSync(file, renderDataCollected());
console.log(`wrote ${path.relative(process.cwd(), file)}`);
