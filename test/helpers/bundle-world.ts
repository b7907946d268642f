/**
 * A collector host for bundle and upload tests: the Bitbucket sandbox (a generated workspace with canaries),
 * the Corvana sandbox (scanning for the canary marker and the workspace's raw account uuids), a throwaway
 * CORVANA_BB_HOME with the file credential store, and — unless asked not to — a signing key enrolled with
 * the Corvana sandbox. `sync` runs the real use case in-process; `env` serves the built CLI in a child.
 * The record types' tables and keys are written out here, not taken from src/bundle, so the counts and the
 * exactly-once checks are an independent view of the cache.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { runSync, type SyncOptions, type SyncRunResult } from "../../src/app/sync.ts";
import { ensureEnrollment } from "../../src/auth/enroll-collector.ts";
import { createFileCredentialStore } from "../../src/auth/file-credential-store.ts";
import { generateSigningKey, saveSigningKey } from "../../src/auth/signing-key.ts";
import { type Config, loadConfig } from "../../src/config/load-config.ts";
import { createCorvanaClient } from "../../src/corvana/corvana-client.ts";
import {
  type CorvanaFaults,
  type RunningCorvanaSandbox,
  startCorvanaSandbox,
} from "../../src/sandbox/corvana/corvana-sandbox.ts";
import {
  type BitbucketSandbox,
  generateWorkspace,
  personalIdentifiers,
  startBitbucketSandbox,
} from "../../src/sandbox/index.ts";

export const ENROLLMENT_CODE = "BUNDLE-TEST-CODE";
const TOKEN = "bundle-test-token";

/** Each bundle record type's cache table and the columns that identify one record. */
export const recordTables: Readonly<Record<string, { table: string; key: readonly string[] }>> = {
  repository: { table: "repositories", key: ["uuid"] },
  repository_flags: { table: "repository_flags", key: ["repo_uuid"] },
  pull_request: { table: "pull_requests", key: ["repo_uuid", "id"] },
  review: { table: "pr_participants", key: ["repo_uuid", "pr_id", "person_key"] },
  pr_event: { table: "pr_events", key: ["repo_uuid", "pr_id", "kind", "occurred_on", "actor_key"] },
  pipeline: { table: "pipelines", key: ["uuid"] },
  pipeline_step: { table: "pipeline_steps", key: ["uuid"] },
  environment: { table: "environments", key: ["uuid"] },
  deployment: { table: "deployments", key: ["uuid"] },
  branching_model: { table: "branching_models", key: ["repo_uuid"] },
  branch_stats: { table: "branch_stats", key: ["repo_uuid", "category"] },
  commit: { table: "commits", key: ["repo_uuid", "hash"] },
};

/** Upload retries with real backoff logic and tiny delays. */
export const fastRetry = { maxAttempts: 4, baseMs: 1, capMs: 5 };

/** What a world is made of. */
export interface BundleWorldOptions {
  repositories?: number;
  pullRequests?: number;
  seed?: number;
  /** Enroll the signing key with the Corvana sandbox (default true). */
  enroll?: boolean;
  faults?: Partial<CorvanaFaults>;
  /** Which pipeline steps sync reads (config.json `steps`; the product's default is off). */
  steps?: "off" | "new" | "all";
}

/** A running world; `close` stops the sandboxes and removes every home it made. */
export interface BundleWorld {
  bitbucket: BitbucketSandbox;
  corvana: RunningCorvanaSandbox;
  home: string;
  env: NodeJS.ProcessEnv;
  config(overrides?: NodeJS.ProcessEnv): Config;
  /** The personal identifiers and canary marker that must never leave. */
  forbidden: string[];
  sync(options?: SyncOptions): Promise<SyncRunResult>;
  /** Another machine: an empty home with no credentials and no cache, pointing at the same Corvana. */
  otherMachine(): { home: string; env: NodeJS.ProcessEnv; config: Config };
  /** Row counts per bundle record type in the cache; like a manifest's counts, types without rows are left out. */
  storeCounts(): Record<string, number>;
  pendingFiles(): string[];
  close(): Promise<void>;
}

/** Starts a world. */
export async function startBundleWorld(options: BundleWorldOptions = {}): Promise<BundleWorld> {
  const model = generateWorkspace({
    seed: options.seed ?? 11,
    repositories: options.repositories ?? 3,
    pullRequestsPerRepository: options.pullRequests ?? 12,
  });
  const bitbucket = await startBitbucketSandbox({ model, tokens: [TOKEN] });
  const people = personalIdentifiers(model);
  const corvana = await startCorvanaSandbox({
    enrollmentCodes: [ENROLLMENT_CODE],
    forbiddenValues: [...people.uuids, ...people.bareUuids],
    ...(options.faults === undefined ? {} : { faults: options.faults }),
  });
  const homes: string[] = [];
  const newHome = () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "corvana-bb-bundle-world-"));
    homes.push(dir);
    return dir;
  };
  const home = newHome();
  const baseEnv = (dir: string): NodeJS.ProcessEnv => ({
    PATH: process.env.PATH ?? "",
    HOME: dir,
    LANG: "C.UTF-8",
    CORVANA_BB_HOME: dir,
    CORVANA_BB_CREDENTIAL_STORE: "file",
    CORVANA_BB_CORVANA_URL: corvana.url,
  });
  const env: NodeJS.ProcessEnv = {
    ...baseEnv(home),
    CORVANA_BB_BITBUCKET_API_URL: bitbucket.url,
    CORVANA_BB_TOKEN: TOKEN,
    CORVANA_BB_WORKSPACE: model.workspace.slug,
  };
  const config = (overrides: NodeJS.ProcessEnv = {}) => loadConfig({ ...env, ...overrides });
  if (options.steps !== undefined) {
    const { configDir, configFile } = config().paths;
    fs.mkdirSync(configDir, { recursive: true, mode: 0o700 });
    fs.writeFileSync(configFile, JSON.stringify({ steps: options.steps }));
  }
  const store = createFileCredentialStore(config().paths.credentialsFile);
  if (options.enroll === false) {
    await saveSigningKey(store, generateSigningKey());
  } else {
    await ensureEnrollment({
      store,
      corvana: createCorvanaClient({ baseUrl: corvana.url, userAgentVersion: "test" }),
      corvanaUrl: corvana.url,
      collectorVersion: "test",
      enrollmentCode: ENROLLMENT_CODE,
      rotateKey: false,
    });
  }
  return {
    bitbucket,
    corvana,
    home,
    env,
    config,
    forbidden: ["CNRY", ...people.uuids, ...people.bareUuids, ...people.emails],
    sync: (syncOptions = {}) => runSync(config(), { uploadRetry: fastRetry, ...syncOptions }),
    otherMachine() {
      const dir = newHome();
      const otherEnv = baseEnv(dir);
      return { home: dir, env: otherEnv, config: loadConfig(otherEnv) };
    },
    storeCounts() {
      const db = new Database(config().paths.databaseFile, { readonly: true });
      try {
        const counts = Object.entries(recordTables).map(([type, { table }]) => {
          const row = db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number };
          return [type, row.n] as const;
        });
        return Object.fromEntries(counts.filter(([, n]) => n > 0));
      } finally {
        db.close();
      }
    },
    pendingFiles() {
      const dir = config().paths.bundlesDir;
      return fs.existsSync(dir) ? fs.readdirSync(dir).filter((name) => !name.startsWith(".")) : [];
    },
    async close() {
      await Promise.all([bitbucket.close(), corvana.close()]);
      for (const dir of homes) fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Everything Corvana received, as text to scan: each stored bundle's raw bytes and every record it held. */
export function receivedText(corvana: RunningCorvanaSandbox): string {
  const bodies = [...corvana.bundles.values()].map((bundle) => bundle.body.toString("latin1"));
  return [...bodies, ...corvana.records().map(({ record }) => JSON.stringify(record))].join("\n");
}

/** How many times each record (by type and key) arrived at Corvana. */
export function arrivals(corvana: RunningCorvanaSandbox): Map<string, number> {
  const seen = new Map<string, number>();
  for (const { record } of corvana.records()) {
    const type = String(record.type);
    const key = [type, ...(recordTables[type]?.key ?? ["(unknown type)"]).map((c) => JSON.stringify(record[c]))].join(
      "|",
    );
    seen.set(key, (seen.get(key) ?? 0) + 1);
  }
  return seen;
}
