/** The kept fields of one repository value (GET /repositories/{workspace}). */
import { z } from "zod";
import type { Repository } from "../types.ts";
import { optionalText, timestamp, uuid } from "./common.ts";

/** One repository value; unknown keys (name, description, owner, links…) are dropped. */
export const repositorySchema = z
  .object({
    uuid,
    slug: z.string().min(1),
    is_private: z.boolean(),
    created_on: timestamp,
    updated_on: timestamp,
    size: z.number().nonnegative().nullish(),
    language: optionalText,
    // null on an empty repository, which has no main branch yet.
    mainbranch: z.object({ name: optionalText }).nullish(),
    project: z.object({ key: optionalText, uuid: uuid.nullish() }).nullish(),
    workspace: z.object({ uuid: uuid.nullish() }).nullish(),
  })
  .transform(
    (value): Repository => ({
      uuid: value.uuid,
      slug: value.slug,
      projectKey: value.project?.key ?? null,
      projectUuid: value.project?.uuid ?? null,
      isPrivate: value.is_private,
      createdOn: value.created_on,
      updatedOn: value.updated_on,
      mainBranch: value.mainbranch?.name ?? null,
      language: value.language,
      size: value.size ?? null,
      workspaceUuid: value.workspace?.uuid ?? null,
    }),
  );
