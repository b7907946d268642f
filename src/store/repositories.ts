/** Writes and reads repositories. An upsert that changes nothing leaves the row untouched. */
import type { Db } from "./open-database.ts";
import type { RepositoryRow } from "./rows.ts";

const columns = [
  "workspace",
  "slug",
  "project_key",
  "project_uuid",
  "is_private",
  "created_on",
  "updated_on",
  "main_branch_category",
  "language",
  "size",
] as const;

/** Prepared statements for the repositories table. */
export function createRepositoryTable(db: Db) {
  const upsert = db.prepare(`
    INSERT INTO repositories (uuid, ${columns.join(", ")}, changed_in_run)
    VALUES (@uuid, ${columns.map((c) => `@${c}`).join(", ")}, @run)
    ON CONFLICT (uuid) DO UPDATE SET ${columns.map((c) => `${c} = excluded.${c}`).join(", ")},
      changed_in_run = excluded.changed_in_run
    WHERE (${columns.map((c) => `repositories.${c}`).join(", ")}) IS NOT (${columns.map((c) => `excluded.${c}`).join(", ")})
  `);
  const byWorkspace = db.prepare("SELECT * FROM repositories WHERE workspace = ? ORDER BY slug");

  return {
    /** Inserts or updates one repository; returns 1 when the row changed, else 0. */
    upsert(row: RepositoryRow, run: number): number {
      return upsert.run({
        uuid: row.uuid,
        workspace: row.workspace,
        slug: row.slug,
        project_key: row.projectKey,
        project_uuid: row.projectUuid,
        is_private: row.isPrivate ? 1 : 0,
        created_on: row.createdOn,
        updated_on: row.updatedOn,
        main_branch_category: row.mainBranchCategory,
        language: row.language,
        size: row.size,
        run,
      }).changes;
    },
    /** The repositories of a workspace, by slug. */
    list(workspace: string): RepositoryRow[] {
      return (byWorkspace.all(workspace) as Record<string, unknown>[]).map(fromRecord);
    },
  };
}

function fromRecord(r: Record<string, unknown>): RepositoryRow {
  return {
    uuid: r.uuid as string,
    workspace: r.workspace as string,
    slug: r.slug as string,
    projectKey: r.project_key as string | null,
    projectUuid: r.project_uuid as string | null,
    isPrivate: r.is_private === 1,
    createdOn: r.created_on as string,
    updatedOn: r.updated_on as string,
    mainBranchCategory: r.main_branch_category as string | null,
    language: r.language as string | null,
    size: r.size as number | null,
  };
}
