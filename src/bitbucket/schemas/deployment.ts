/**
 * The kept fields of deployment environments and deployments (api-notes.md §5 › Deployments and
 * environments). Environment names, release names and URLs, deployer accounts and state URLs are
 * dropped even when a server ignores `fields=`.
 */
import { z } from "zod";
import type { Deployment, Environment } from "../types.ts";
import { commitHash, constantName, optionalTimestamp, uuid } from "./common.ts";

/** One environment value: uuid, type (Test, Staging, Production) and rank; the name is free text and dropped. */
export const environmentSchema = z
  .object({
    uuid,
    environment_type: z.object({ name: constantName, rank: z.number().int().nullish() }),
  })
  .transform(
    (value): Environment => ({
      uuid: value.uuid,
      type: value.environment_type.name,
      rank: value.environment_type.rank ?? null,
    }),
  );

/**
 * One deployment value. The environment is referenced by uuid only; DevLake's recorded payloads ask
 * for the name instead, so a deployment without an environment uuid is accepted (null).
 */
export const deploymentSchema = z
  .object({
    uuid,
    environment: z.object({ uuid: uuid.nullish() }).nullish(),
    state: z.object({
      name: constantName,
      status: z.object({ name: constantName }).nullish(),
      started_on: optionalTimestamp,
      completed_on: optionalTimestamp,
    }),
    release: z
      .object({
        pipeline: z.object({ uuid: uuid.nullish() }).nullish(),
        commit: z.object({ hash: commitHash.nullish() }).nullish(),
      })
      .nullish(),
    last_update_time: optionalTimestamp,
  })
  .transform(
    (value): Deployment => ({
      uuid: value.uuid,
      environmentUuid: value.environment?.uuid ?? null,
      state: value.state.name,
      status: value.state.status?.name ?? null,
      startedOn: value.state.started_on,
      completedOn: value.state.completed_on,
      pipelineUuid: value.release?.pipeline?.uuid ?? null,
      commit: value.release?.commit?.hash ?? null,
      lastUpdateTime: value.last_update_time,
    }),
  );
