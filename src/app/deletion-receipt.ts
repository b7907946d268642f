/**
 * The deletion receipt of `disconnect --purge` (DESIGN §6, §8): after a purge it is the only file left
 * under the tool's directories, so the customer can prove what was asked of Corvana and what was removed
 * locally. It holds no secret: ids, times, the Corvana URL, entry names and paths. When Corvana could not
 * be reached it says "pending-at-corvana", with the collector id to quote when asking for the deletion.
 */
import { randomBytes } from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";
import { z } from "zod";
import type { Config } from "../config/load-config.ts";

/** The receipt's file name, a contract (DESIGN §8). */
export const RECEIPT_FILE_NAME = "deletion-receipt.json";

const corvanaPartSchema = z.discriminatedUnion("status", [
  z.object({ status: z.literal("deletion-accepted"), deletionId: z.string(), completeBy: z.string() }),
  z.object({ status: z.literal("pending-at-corvana"), reason: z.string(), todo: z.string() }),
  z.object({ status: z.literal("unknown-to-corvana") }),
  z.object({ status: z.literal("not-enrolled") }),
]);

const removedSchema = z.object({ path: z.string(), kind: z.enum(["file", "directory"]), files: z.number() });

const receiptSchema = z.object({
  receipt: z.literal("corvana-bb deletion receipt"),
  version: z.literal(1),
  createdAt: z.string(),
  collectorId: z.string().nullable(),
  corvanaUrl: z.string(),
  workspaces: z.array(z.string()),
  corvana: corvanaPartSchema,
  local: z.object({
    credentialStore: z.string(),
    credentialEntriesRemoved: z.array(z.string()),
    filesRemoved: z.array(removedSchema),
    leftInPlace: z.array(z.string()),
  }),
  bitbucket: z.string(),
  /** Receipts of earlier purges of the same install, kept rather than overwritten. */
  get previous() {
    return z.array(z.unknown()).optional();
  },
});

/** The Corvana part of a receipt. */
export type CorvanaReceiptPart = z.infer<typeof corvanaPartSchema>;

/** One removed path. */
export type RemovedPath = z.infer<typeof removedSchema>;

/** A deletion receipt. */
export type DeletionReceipt = z.infer<typeof receiptSchema>;

/** Where an install keeps its receipt: its configuration directory (the home with CORVANA_BB_HOME). */
export function receiptFile(config: Config): string {
  return path.join(config.paths.configDir, RECEIPT_FILE_NAME);
}

/** Reads an existing receipt as raw JSON (any version), undefined when there is none or it is unreadable. */
export async function readExistingReceipt(file: string): Promise<unknown> {
  try {
    return JSON.parse(await fs.readFile(file, "utf8")) as unknown;
  } catch {
    return undefined;
  }
}

/** Writes the receipt atomically, mode 0600 (it names the customer's workspaces). */
export async function writeDeletionReceipt(file: string, receipt: DeletionReceipt): Promise<void> {
  const checked = receiptSchema.parse(receipt);
  await fs.mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
  const temp = `${file}.${randomBytes(6).toString("hex")}.tmp`;
  await fs.writeFile(temp, `${JSON.stringify(checked, null, 2)}\n`, { mode: 0o600, flag: "wx" });
  await fs.rename(temp, file);
}
