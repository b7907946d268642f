/** The kept fields of the authenticated user and of a workspace: identifiers only. */
import { z } from "zod";
import type { CurrentUser, Workspace } from "../types.ts";
import { uuid } from "./common.ts";

/** GET /user, reduced to the uuid (display name, nickname and account id are dropped). */
export const currentUserSchema = z.object({ uuid }).transform((value): CurrentUser => ({ uuid: value.uuid }));

/** GET /workspaces/{workspace}, reduced to uuid and slug (the name is dropped). */
export const workspaceSchema = z
  .object({ uuid, slug: z.string().min(1) })
  .transform((value): Workspace => ({ uuid: value.uuid, slug: value.slug }));
