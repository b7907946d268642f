/**
 * The optional `config.json`: validated with zod so that a typo or a wrong type is reported with the
 * key's name instead of being silently ignored.
 */
import fs from "node:fs";
import { z } from "zod";
import { UsageError } from "../errors.ts";

const glob = z.string().min(1);

/** Every key the config file may hold; unknown keys are an error (they are usually typos). */
export const configFileSchema = z.strictObject({
  workspace: z.string().min(1).optional(),
  bitbucketApiUrl: z.url().optional(),
  bitbucketOAuthUrl: z.url().optional(),
  corvanaUrl: z.url().optional(),
  clientId: z.string().min(1).optional(),
  clientSecret: z.string().min(1).optional(),
  callbackPort: z.int().min(1024).max(65535).optional(),
  credentialStore: z.enum(["keychain", "file"]).optional(),
  requestBudget: z.int().positive().optional(),
  hourlyRequestBudget: z.int().positive().optional(),
  lookbackDays: z.int().positive().optional(),
  steps: z.enum(["off", "new", "all"]).optional(),
  maxStepRequestsPerRun: z.int().nonnegative().optional(),
  staleBranchDays: z.int().positive().optional(),
  concurrency: z.int().min(1).max(16).optional(),
  includeRepositories: z.array(glob).optional(),
  excludeRepositories: z.array(glob).optional(),
});

/** The parsed config file; every key is optional. */
export type ConfigFile = z.infer<typeof configFileSchema>;

/** Reads and validates the config file; a missing file is an empty config. */
export function readConfigFile(file: string): ConfigFile {
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return {};
    throw new UsageError(`Cannot read the config file ${file}: ${(error as Error).message}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new UsageError(`The config file ${file} is not valid JSON: ${(error as Error).message}`, {
      hint: "Fix the file or delete it; every setting can also come from flags or the environment.",
    });
  }
  return parseConfigFile(json, file);
}

/** Validates an already-parsed config object; errors name the offending key. */
export function parseConfigFile(json: unknown, file: string): ConfigFile {
  const result = configFileSchema.safeParse(json);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => {
    if (issue.code === "unrecognized_keys") return `unknown key ${issue.keys.map((k) => `"${k}"`).join(", ")}`;
    const key = issue.path.join(".") || "(root)";
    return `"${key}": ${issue.message}`;
  });
  throw new UsageError(`Invalid config file ${file}: ${problems.join("; ")}`, {
    hint: `Allowed keys: ${Object.keys(configFileSchema.shape).join(", ")}.`,
  });
}
