/**
 * The `disconnect` use case. Without --purge: revoke the collector at Corvana and remove every credential
 * entry of this install (Bitbucket tokens, install secret, signing key, collector credentials) from the
 * keychain or file. With --purge: ask Corvana to delete everything collected (202 + receipt), then also
 * remove the cache, pending bundles, logs, locks and config, keeping only the deletion receipt.
 * Prepared in two steps so the CLI can show what will happen and ask before anything is touched.
 * Offline, the local part still completes and the receipt says what remains to be done at Corvana.
 */
import fs from "node:fs/promises";
import type { CredentialStore } from "../auth/credential-store.ts";
import { type CollectorCredentials, readCollectorCredentials } from "../auth/enroll-collector.ts";
import { openCredentialStore } from "../auth/open-credential-store.ts";
import { readStoredCredentials } from "../auth/stored-credentials.ts";
import type { Config } from "../config/load-config.ts";
import { type CollectorAdmin, createCollectorAdmin } from "../corvana/collector-admin.ts";
import { CliError } from "../errors.ts";
import type { Dispatcher } from "../net/http-dispatcher.ts";
import { version } from "../version.ts";
import { type RevocableKind, revocationAdvice } from "./bitbucket-revocation.ts";
import {
  type CorvanaReceiptPart,
  type DeletionReceipt,
  readExistingReceipt,
  receiptFile,
  writeDeletionReceipt,
} from "./deletion-receipt.ts";
import { type PurgeOutcome, purgeLocalFiles, purgeTargets } from "./purge-local-files.ts";
import { entryNames, removeEntries } from "./remove-credentials.ts";
import { withSyncLock } from "./sync-lock.ts";

/** What a disconnect will do, shown before asking for confirmation. */
export interface DisconnectPlan {
  purge: boolean;
  store: { backend: CredentialStore["backend"]; location: string };
  /** The entry names found in the store. */
  entries: string[];
  /** The saved Bitbucket credentials, by workspace and kind (never their values). */
  bitbucket: Array<{ workspace: string; kind: RevocableKind }>;
  collector: { collectorId: string; corvanaUrl: string } | null;
  /** With --purge: the paths that exist now and will be removed. */
  files: string[];
  receiptFile: string;
}

/** What Corvana did; "pending-at-corvana" when it could not be asked or refused. */
export type CorvanaOutcome = CorvanaReceiptPart | { status: "revoked" };

/** What a disconnect did. */
export interface DisconnectResult {
  plan: DisconnectPlan;
  corvana: CorvanaOutcome;
  credentialEntriesRemoved: string[];
  /** Where to revoke the Bitbucket grant or token by hand. */
  revokeInBitbucket: string[];
  purge?: PurgeOutcome & { receiptFile: string; receipt: DeletionReceipt };
}

/** A disconnect ready to run. */
export interface PreparedDisconnect {
  plan: DisconnectPlan;
  run(): Promise<DisconnectResult>;
}

/** What disconnect needs besides the configuration. */
export interface DisconnectDeps {
  purge: boolean;
  dispatcher?: Dispatcher;
  now?: () => number;
  openStore?: (config: Config) => Promise<CredentialStore>;
  collectorAdmin?: (collector: CollectorCredentials) => CollectorAdmin;
}

/** Opens the store and finds what there is to remove; nothing is changed yet. */
export async function prepareDisconnect(config: Config, deps: DisconnectDeps): Promise<PreparedDisconnect> {
  const store = await (deps.openStore ?? ((c: Config) => openCredentialStore(c)))(config);
  const entries = await entryNames(store, config);
  const collector = await readCollectorCredentials(store);
  const bitbucket: DisconnectPlan["bitbucket"] = [];
  for (const name of entries.filter((entry) => entry.startsWith("bitbucket:"))) {
    const workspace = name.slice("bitbucket:".length);
    const kind = await readStoredCredentials(store, workspace).then(
      (stored) => stored?.kind ?? "unreadable",
      () => "unreadable" as const,
    );
    bitbucket.push({ workspace, kind });
  }
  const files = deps.purge ? await existing(purgeTargets(config.paths)) : [];
  const plan: DisconnectPlan = {
    purge: deps.purge,
    store: { backend: store.backend, location: store.location },
    entries,
    bitbucket,
    collector:
      collector === undefined ? null : { collectorId: collector.collectorId, corvanaUrl: collector.corvanaUrl },
    files,
    receiptFile: receiptFile(config),
  };
  return { plan, run: () => withSyncLock(config, () => execute(config, deps, store, plan, collector)) };
}

async function execute(
  config: Config,
  deps: DisconnectDeps,
  store: CredentialStore,
  plan: DisconnectPlan,
  collector: CollectorCredentials | undefined,
): Promise<DisconnectResult> {
  const now = deps.now ?? Date.now;
  const corvana = await askCorvana(deps, collector);
  const kinds = [
    ...plan.bitbucket.map((entry) => entry.kind),
    ...(config.token === undefined ? [] : ["env-token" as const]),
  ];
  const revokeInBitbucket = revocationAdvice(kinds);
  // Only a purge writes a receipt. It is written before anything local is removed, so a purge that is
  // interrupted still leaves Corvana's receipt behind; it is completed at the end.
  const receipt: DeletionReceipt | undefined = deps.purge
    ? {
        receipt: "corvana-bb deletion receipt",
        version: 1,
        createdAt: new Date(now()).toISOString(),
        collectorId: collector?.collectorId ?? null,
        corvanaUrl: collector?.corvanaUrl ?? config.corvanaUrl,
        workspaces: plan.bitbucket.map((entry) => entry.workspace),
        // A purge never ends in a plain revocation (askCorvana); the fallback only satisfies the type.
        corvana: corvana.status === "revoked" ? { status: "unknown-to-corvana" } : corvana,
        local: { credentialStore: store.location, credentialEntriesRemoved: [], filesRemoved: [], leftInPlace: [] },
        bitbucket: `Bitbucket Cloud cannot revoke grants through its API; revoke by hand: ${revokeInBitbucket.join(" ")}`,
        ...previousReceipts(await readExistingReceipt(plan.receiptFile)),
      }
    : undefined;
  if (receipt !== undefined) await writeDeletionReceipt(plan.receiptFile, receipt);

  const credentialEntriesRemoved = await removeEntries(store, config, plan.entries);
  const result: DisconnectResult = { plan, corvana, credentialEntriesRemoved, revokeInBitbucket };
  if (receipt === undefined) return result;

  const outcome = await purgeLocalFiles(config.paths, plan.receiptFile);
  const final: DeletionReceipt = {
    ...receipt,
    local: {
      credentialStore: store.location,
      credentialEntriesRemoved,
      filesRemoved: outcome.removed,
      leftInPlace: outcome.leftInPlace,
    },
  };
  await writeDeletionReceipt(plan.receiptFile, final);
  return { ...result, purge: { ...outcome, receiptFile: plan.receiptFile, receipt: final } };
}

async function askCorvana(deps: DisconnectDeps, collector: CollectorCredentials | undefined): Promise<CorvanaOutcome> {
  if (collector === undefined) return { status: "not-enrolled" };
  const admin =
    deps.collectorAdmin?.(collector) ??
    createCollectorAdmin({
      baseUrl: collector.corvanaUrl,
      ingestToken: collector.ingestToken,
      userAgentVersion: version,
      ...(deps.dispatcher === undefined ? {} : { dispatcher: deps.dispatcher }),
    });
  try {
    const deletion = await admin.deleteCollector(collector.collectorId, { purge: deps.purge });
    switch (deletion.outcome) {
      case "revoked":
        return { status: "revoked" };
      case "purge-accepted":
        return { status: "deletion-accepted", deletionId: deletion.deletionId, completeBy: deletion.completeBy };
      case "not-found":
        return { status: "unknown-to-corvana" };
    }
  } catch (error) {
    if (!(error instanceof CliError)) throw error;
    const what = deps.purge ? "delete all data collected by" : "revoke";
    return {
      status: "pending-at-corvana",
      reason: error.message,
      todo: `Ask Corvana to ${what} collector ${collector.collectorId} (Corvana dashboard → Collectors, or your Corvana contact).`,
    };
  }
}

async function existing(paths: string[]): Promise<string[]> {
  const found: string[] = [];
  for (const p of paths) if (await fs.lstat(p).catch(() => undefined)) found.push(p);
  return found;
}

/** An earlier receipt (and the ones it kept) goes under "previous" instead of being overwritten. */
function previousReceipts(existing: unknown): { previous?: unknown[] } {
  if (existing === undefined) return {};
  if (typeof existing !== "object" || existing === null) return { previous: [existing] };
  const { previous: older, ...rest } = existing as { previous?: unknown };
  return { previous: [...(Array.isArray(older) ? older : []), rest] };
}
