/**
 * The kept fields of a pipeline run and of a pipeline step (api-notes.md §5 › Pipelines). Variables,
 * the repository, links, step names, images and the setup/script/teardown commands (build scripts
 * that may hold secrets, api-notes.md §9.14) are dropped even when a server ignores `fields=`.
 */
import { z } from "zod";
import type { Pipeline, PipelineStep } from "../types.ts";
import {
  accountUuid,
  commitHash,
  constantName,
  optionalCount,
  optionalText,
  optionalTimestamp,
  pullRequestId,
  timestamp,
  uuid,
} from "./common.ts";

const named = z.object({ name: constantName }).nullish();

const target = z
  .object({
    type: constantName.nullish(),
    ref_type: constantName.nullish(),
    // A branch or tag name: held in memory only, the crawl categorises it before storage.
    ref_name: optionalText,
    selector: z.object({ type: constantName.nullish() }).nullish(),
    // Only on pipeline_pullrequest_target, documented in the SPEC's POST /pipelines text alone.
    pullrequest: z.object({ id: pullRequestId }).nullish(),
    commit: z.object({ hash: commitHash.nullish() }).nullish(),
  })
  .nullish();

/**
 * One pipeline value (list and single GET); unknown keys are dropped. Its timestamps are `Z` with
 * up to nine fractional digits (`…18.544325754Z`, api-notes.md §9.8), normalised to milliseconds.
 */
export const pipelineSchema = z
  .object({
    uuid,
    build_number: z.number().int().nonnegative(),
    created_on: timestamp,
    // "not set if the pipeline is still in progress" (SPEC pipeline).
    completed_on: optionalTimestamp,
    duration_in_seconds: optionalCount,
    build_seconds_used: optionalCount,
    state: z.object({ name: constantName, stage: named, result: named }),
    trigger: named,
    target,
    creator: accountUuid,
  })
  .transform(
    (value): Pipeline => ({
      uuid: value.uuid,
      buildNumber: value.build_number,
      state: value.state.name,
      stage: value.state.stage?.name ?? null,
      result: value.state.result?.name ?? null,
      createdOn: value.created_on,
      completedOn: value.completed_on,
      durationSeconds: value.duration_in_seconds,
      buildSecondsUsed: value.build_seconds_used,
      trigger: value.trigger?.name ?? null,
      targetType: value.target?.type ?? null,
      refType: value.target?.ref_type ?? null,
      refName: value.target?.ref_name ?? null,
      selectorType: value.target?.selector?.type ?? null,
      pullRequestId: value.target?.pullrequest?.id ?? null,
      commit: value.target?.commit?.hash ?? null,
      creatorUuid: value.creator,
    }),
  );

/** One pipeline step value; pending steps have no start, end or duration yet. */
export const pipelineStepSchema = z
  .object({
    uuid,
    pipeline: z.object({ uuid }),
    state: z.object({ name: constantName, result: named }),
    started_on: optionalTimestamp,
    completed_on: optionalTimestamp,
    duration_in_seconds: optionalCount,
    build_seconds_used: optionalCount,
  })
  .transform(
    (value): PipelineStep => ({
      uuid: value.uuid,
      pipelineUuid: value.pipeline.uuid,
      state: value.state.name,
      result: value.state.result?.name ?? null,
      startedOn: value.started_on,
      completedOn: value.completed_on,
      durationSeconds: value.duration_in_seconds,
      buildSecondsUsed: value.build_seconds_used,
    }),
  );
