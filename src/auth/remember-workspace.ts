/**
 * DESIGN §8: the workspace defaults to "the one chosen at login". Login records it in config.json when
 * the file names none yet, keeping every other key; an existing choice is never overwritten.
 */
import { randomBytes } from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";
import { readConfigFile } from "../config/config-file.ts";

/** Writes `workspace` into the config file if it has none; true when the file was changed. */
export async function rememberWorkspace(configFile: string, workspace: string): Promise<boolean> {
  const current = readConfigFile(configFile);
  if (current.workspace !== undefined) return false;
  await fs.mkdir(path.dirname(configFile), { recursive: true, mode: 0o700 });
  const temp = `${configFile}.${randomBytes(6).toString("hex")}.tmp`;
  await fs.writeFile(temp, `${JSON.stringify({ ...current, workspace }, null, 2)}\n`, { mode: 0o600, flag: "wx" });
  await fs.rename(temp, configFile);
  return true;
}
