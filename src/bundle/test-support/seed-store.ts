/**
 * Unit-test data: a store with synthetic repositories, pull requests and reviews written by sync runs — and, on
 * request, the rows of every other record type (seed-crawl.ts).
 */
import { createHash, generateKeyPairSync } from "node:crypto";
import type { PullRequestRow } from "../../store/rows.ts";
import type { Store } from "../../store/store.ts";
import type { BundleSigner } from "../signer.ts";
import { seedCrawl } from "./seed-crawl.ts";

/** A fresh Ed25519 key pair as PEM. */
export function testSigner(): BundleSigner {
  const { privateKey, publicKey } = generateKeyPairSync("ed25519");
  return {
    privateKeyPem: privateKey.export({ type: "pkcs8", format: "pem" }).toString(),
    publicKeyPem: publicKey.export({ type: "spki", format: "pem" }).toString(),
  };
}

const hex24 = (text: string) => createHash("sha256").update(text).digest("hex").slice(0, 24);
const states = ["OPEN", "MERGED", "DECLINED", "SUPERSEDED"] as const;

/** A pull request row of repository `r` with number `id`, in a state that cycles through all four. */
export function pullRequestRow(r: number, id: number, overrides: Partial<PullRequestRow> = {}): PullRequestRow {
  return {
    repoUuid: `{00000000-0000-4000-8000-${String(r).padStart(12, "0")}}`,
    id,
    state: states[id % 4] ?? "OPEN",
    draft: id % 7 === 0,
    createdOn: "2026-01-02T03:04:05.000Z",
    updatedOn: "2026-01-03T03:04:05.000Z",
    authorKey: hex24(`author-${id % 5}`),
    closedByKey: id % 4 === 1 ? hex24("closer") : null,
    sourceBranchCategory: "feature",
    sourceBranchKey: hex24(`branch-${r}-${id}`),
    destinationBranchCategory: "main",
    destinationBranchKey: hex24(`main-${r}`),
    mergeCommit: id % 4 === 1 ? "0123456789ab" : null,
    commentCount: id % 3,
    taskCount: 0,
    participants: [
      {
        personKey: hex24(`reviewer-${id % 3}`),
        role: "REVIEWER",
        approved: id % 2 === 0,
        state: id % 2 === 0 ? "approved" : null,
        participatedOn: "2026-01-02T05:00:00.000Z",
      },
      {
        personKey: hex24(`participant-${id % 4}`),
        role: "PARTICIPANT",
        approved: false,
        state: null,
        participatedOn: null,
      },
    ],
    ...overrides,
  };
}

/**
 * Runs one simulated sync: writes `repositories` × `pullRequests` rows (ids from `firstId`) in a new run; with
 * `crawl`, also the rows of the complete crawl (`crawlCounts` says how many).
 */
export function seedRun(
  store: Store,
  options: {
    workspace?: string;
    repositories: number;
    pullRequests: number;
    firstId?: number;
    at?: string;
    crawl?: boolean;
  },
): number {
  const workspace = options.workspace ?? "ws";
  const at = options.at ?? "2026-01-05T00:00:00.000Z";
  const run = store.runs.start(workspace, at);
  store.transaction(() => {
    for (let r = 1; r <= options.repositories; r++) {
      store.repositories.upsert(
        {
          uuid: `{00000000-0000-4000-8000-${String(r).padStart(12, "0")}}`,
          workspace,
          slug: `repo-${r}`,
          projectKey: "PRJ01",
          projectUuid: "{00000000-0000-4000-9000-000000000001}",
          isPrivate: true,
          createdOn: "2025-01-01T00:00:00.000Z",
          updatedOn: "2026-01-01T00:00:00.000Z",
          mainBranchCategory: "main",
          language: "typescript",
          size: 1000 * r,
        },
        run,
      );
      const first = options.firstId ?? 1;
      const ids = Array.from({ length: options.pullRequests }, (_, i) => first + i);
      for (const id of ids) store.pullRequests.upsert(pullRequestRow(r, id), run);
      if (options.crawl === true) seedCrawl(store, run, r, ids);
    }
  });
  store.runs.finish(run, { at, requests: 1, records: 1, outcome: "success", exitCode: 0 });
  return run;
}
