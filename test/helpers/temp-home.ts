/** Throwaway CORVANA_BB_HOME directories for tests, removed afterwards. */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

/** Creates a temp home; call the returned `remove` in afterEach. */
export function createTempHome(prefix = "corvana-bb-test-"): { dir: string; remove(): void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  return { dir, remove: () => fs.rmSync(dir, { recursive: true, force: true }) };
}
