/**
 * Where bundle files live and how a crash between "written" and "recorded" is repaired. Pending bundles stay
 * in the bundles directory (0700, files 0600) until Corvana accepts them; a file being written has a hidden
 * `.part` name, which `status` does not count.
 */
import fs from "node:fs/promises";
import path from "node:path";
import type { BundleEntry } from "../store/bundle-log.ts";
import type { Store } from "../store/store.ts";

/** The file name of a pending bundle. */
export function bundleFileName(id: string): string {
  return `corvana-bundle-${id}.tar`;
}

/** The temporary name a bundle has while it is written, beside its final name. */
export function temporaryBundleFile(finalFile: string, id: string): string {
  return path.join(path.dirname(finalFile), `.${id}.tar.part`);
}

/** Creates the directory private to the user (0700), tightening it if it exists. */
export async function ensurePrivateDir(dir: string): Promise<void> {
  await fs.mkdir(dir, { recursive: true, mode: 0o700 });
  await fs.chmod(dir, 0o700);
}

/** What repairing the bundles directory did. */
export interface ReconcileOutcome {
  /** Pending bundles whose file is gone: their window is released for the next export. */
  lost: BundleEntry[];
}

/** Left-over `.part` files older than this belong to a process that died while writing. */
const STALE_PART_MS = 60 * 60 * 1000;

/**
 * Finishes what a killed export or split left half done: renames a recorded bundle still under its temporary
 * name, marks a pending bundle whose file vanished as lost, removes the files of superseded bundles and
 * stale temporary files.
 */
export async function reconcileBundles(store: Store, bundlesDir: string, now: () => Date): Promise<ReconcileOutcome> {
  const lost: BundleEntry[] = [];
  for (const entry of store.bundles.pending()) {
    if (await exists(entry.file)) continue;
    const temporary = temporaryBundleFile(entry.file, entry.id);
    if (await exists(temporary)) {
      await fs.rename(temporary, entry.file);
      continue;
    }
    store.bundles.markLost(entry.id, "the bundle file was removed before it was uploaded");
    lost.push(entry);
  }
  for (const entry of store.bundles.superseded()) {
    if (path.dirname(entry.file) === bundlesDir) await fs.rm(entry.file, { force: true });
  }
  const names = await fs.readdir(bundlesDir).catch(() => [] as string[]);
  for (const name of names.filter((n) => n.startsWith(".") && n.endsWith(".part"))) {
    const file = path.join(bundlesDir, name);
    const stat = await fs.stat(file).catch(() => undefined);
    if (stat !== undefined && now().getTime() - stat.mtimeMs > STALE_PART_MS) await fs.rm(file, { force: true });
  }
  return { lost };
}

async function exists(file: string): Promise<boolean> {
  return fs.access(file).then(
    () => true,
    () => false,
  );
}
