/**
 * The upload step of `sync` (and of `bundle upload` without a file): first the bundles still pending from
 * earlier runs — the same files, under the same ids, so an interrupted upload is completed and never
 * duplicated — then a new bundle of everything changed since the last one. Not enrolled: nothing is made
 * or sent; the records wait in the cache and the next enrolled sync exports them all.
 */
import type { CredentialStore } from "../auth/credential-store.ts";
import { ensurePrivateDir, reconcileBundles } from "../bundle/bundle-files.ts";
import { DEFAULT_MAX_RECORDS, exportBundles } from "../bundle/export-bundles.ts";
import type { Config } from "../config/load-config.ts";
import { createBundleUploader, type UploadRetryPolicy } from "../corvana/upload-bundle.ts";
import { CliError } from "../errors.ts";
import type { Dispatcher } from "../net/http-dispatcher.ts";
import type { Store } from "../store/store.ts";
import { version } from "../version.ts";
import { type BundleIdentity, enrollHint, enrollmentFor, readBundleIdentity } from "./bundle-identity.ts";
import { type Delivered, deliverBundle, type UploadEvent } from "./upload-delivery.ts";

/** What the upload step did. */
export type UploadSummary =
  | { status: "not-enrolled"; hint: string }
  | {
      status: "uploaded";
      delivered: Delivered[];
      /** New bundles made from this run's changes (0 when nothing changed). */
      exported: number;
      /** Pending bundles whose file was gone (their records go out with the next export). */
      lost: string[];
      /** The failure that stopped the step, if any; what was delivered before it counts. */
      failure: CliError | undefined;
    };

/** What the step needs besides the configuration. */
export interface UploadStepDeps {
  credentials: CredentialStore;
  store: Store;
  workspace: string;
  dispatcher?: Dispatcher;
  now?: () => Date;
  report?: (event: UploadEvent) => void;
  retry?: Partial<UploadRetryPolicy>;
  maxRecords?: number;
}

/** Uploads pending bundles, then the new delta. Expected failures are returned, not thrown. */
export async function uploadAfterSync(config: Config, deps: UploadStepDeps): Promise<UploadSummary> {
  let identity: BundleIdentity | undefined;
  try {
    identity = await readBundleIdentity(deps.credentials);
  } catch (error) {
    // A damaged signing key must not hide the crawl's summary: it is reported as the step's failure.
    if (!(error instanceof CliError)) throw error;
    return { status: "uploaded", delivered: [], exported: 0, lost: [], failure: error };
  }
  const collector = enrollmentFor(identity, config.corvanaUrl);
  if (identity === undefined || collector === undefined) return { status: "not-enrolled", hint: enrollHint };
  const now = deps.now ?? (() => new Date());
  const report = deps.report ?? (() => {});
  const uploader = createBundleUploader({
    baseUrl: config.corvanaUrl,
    ingestToken: collector.ingestToken,
    userAgentVersion: version,
    onRetry: (event) => report({ type: "retrying", ...event }),
    ...(deps.dispatcher === undefined ? {} : { dispatcher: deps.dispatcher }),
    ...(deps.retry === undefined ? {} : { retry: deps.retry }),
  });
  const bundlesDir = config.paths.bundlesDir;
  const local = { store: deps.store, signer: identity.signer, bundlesDir };
  const delivery = { uploader, now, report, local };
  const delivered: Delivered[] = [];
  let exported = 0;
  let lost: string[] = [];
  try {
    await ensurePrivateDir(bundlesDir);
    lost = (await reconcileBundles(deps.store, bundlesDir, now)).lost.map((entry) => entry.id);
    for (const pending of deps.store.bundles.pending()) {
      delivered.push(...(await deliverBundle(delivery, pending)));
    }
    const made = await exportBundles({
      store: deps.store,
      workspace: deps.workspace,
      scope: "delta",
      signer: identity.signer,
      collectorId: collector.collectorId,
      collectorVersion: version,
      maxRecords: deps.maxRecords ?? DEFAULT_MAX_RECORDS,
      destination: { kind: "pending", dir: bundlesDir },
      now,
    });
    if (made.status === "exported") {
      exported = made.bundles.length;
      for (const bundle of made.bundles) delivered.push(...(await deliverBundle(delivery, bundle)));
    }
    return { status: "uploaded", delivered, exported, lost, failure: undefined };
  } catch (error) {
    if (!(error instanceof CliError)) throw error;
    return { status: "uploaded", delivered, exported, lost, failure: error };
  }
}
