/**
 * The kept fields of one commit (GET …/commits/{revision}). `author.raw` is "Name <email>" and
 * `message`/`summary` are free text (api-notes.md §5 › Commits, §9.14): only the linked account's
 * uuid is kept, and the parents only as a count (two or more: a merge).
 */
import { z } from "zod";
import type { Commit } from "../types.ts";
import { accountUuid, commitHash, timestamp } from "./common.ts";

/** One commit value; dates such as `2025-09-18T21:26:38+00:00Z` are accepted (api-notes.md §9.8). */
export const commitSchema = z
  .object({
    hash: commitHash,
    date: timestamp,
    // A root commit has no parents; a partial response may then leave the key out.
    parents: z.array(z.object({ hash: commitHash.nullish() })).nullish(),
    // An author string not linked to a Bitbucket account has no `user`.
    author: z.object({ user: accountUuid }).nullish(),
  })
  .transform(
    (value): Commit => ({
      hash: value.hash,
      date: value.date,
      parentCount: value.parents?.length ?? 0,
      authorUuid: value.author?.user ?? null,
    }),
  );
