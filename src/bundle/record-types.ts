/**
 * The registry of bundle record types, in the order a bundle holds them. This list IS the bundle allowlist:
 * the writer refuses anything else, `inspect` checks against it, and docs/data-collected.md is generated
 * from it (`node scripts/generate-data-collected.ts`). Adding a record type = one file in record-types/
 * plus one entry here (and the same fields in docs/ingest-api.md, which Corvana checks independently).
 * The crawl's bookkeeping tables (sync_cursors, sync_runs, request_ledger, pr_activity_sync,
 * pipeline_step_sync, bundles) are deliberately not record types: they stay on this machine.
 */
import type { RecordType } from "./record-type.ts";
import { branchStatsRecord } from "./record-types/branch-stats.ts";
import { branchingModelRecord } from "./record-types/branching-model.ts";
import { commitRecord } from "./record-types/commit.ts";
import { deploymentRecord } from "./record-types/deployment.ts";
import { environmentRecord } from "./record-types/environment.ts";
import { pipelineRecord } from "./record-types/pipeline.ts";
import { pipelineStepRecord } from "./record-types/pipeline-step.ts";
import { pullRequestEventRecord } from "./record-types/pr-event.ts";
import { pullRequestRecord } from "./record-types/pull-request.ts";
import { repositoryRecord } from "./record-types/repository.ts";
import { repositoryFlagsRecord } from "./record-types/repository-flags.ts";
import { reviewRecord } from "./record-types/review.ts";

/** Every record type a bundle may hold. */
export const recordTypes: readonly RecordType[] = [
  repositoryRecord,
  repositoryFlagsRecord,
  pullRequestRecord,
  reviewRecord,
  pullRequestEventRecord,
  pipelineRecord,
  pipelineStepRecord,
  environmentRecord,
  deploymentRecord,
  branchingModelRecord,
  branchStatsRecord,
  commitRecord,
];

/** A record type by its wire name, or undefined when it is not on the allowlist. */
export function findRecordType(name: string): RecordType | undefined {
  return recordTypes.find((type) => type.name === name);
}
