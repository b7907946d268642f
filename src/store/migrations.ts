/**
 * Schema migrations, applied in order by `PRAGMA user_version` (https://sqlite.org/pragma.html#pragma_user_version).
 * A migration is appended, never edited, once it has shipped.
 *
 * Privacy: no column holds a name, e-mail, title, description, comment or branch name. People are stored as
 * keyed pseudonyms (`*_key`), branches as a category plus a keyed hash (DESIGN §2).
 * `changed_in_run` is the sync run that last changed a row: bundles select "changed since the last upload" by it.
 */

/** Ordered SQL migrations; index + 1 is the schema version they produce. */
export const migrations: readonly string[] = [
  `
  CREATE TABLE repositories (
    uuid TEXT PRIMARY KEY,
    workspace TEXT NOT NULL,
    slug TEXT NOT NULL,
    project_key TEXT,
    project_uuid TEXT,
    is_private INTEGER NOT NULL CHECK (is_private IN (0, 1)),
    created_on TEXT NOT NULL,
    updated_on TEXT NOT NULL,
    main_branch_category TEXT,
    language TEXT,
    size INTEGER,
    changed_in_run INTEGER NOT NULL
  ) STRICT;
  CREATE INDEX repositories_workspace ON repositories (workspace, slug);

  CREATE TABLE pull_requests (
    repo_uuid TEXT NOT NULL REFERENCES repositories (uuid) ON DELETE CASCADE,
    id INTEGER NOT NULL,
    state TEXT NOT NULL CHECK (state IN ('OPEN', 'MERGED', 'DECLINED', 'SUPERSEDED')),
    draft INTEGER NOT NULL CHECK (draft IN (0, 1)),
    created_on TEXT NOT NULL,
    updated_on TEXT NOT NULL,
    author_key TEXT,
    closed_by_key TEXT,
    source_branch_category TEXT,
    source_branch_key TEXT,
    destination_branch_category TEXT,
    destination_branch_key TEXT,
    merge_commit TEXT,
    comment_count INTEGER NOT NULL,
    task_count INTEGER NOT NULL,
    changed_in_run INTEGER NOT NULL,
    PRIMARY KEY (repo_uuid, id)
  ) STRICT;
  CREATE INDEX pull_requests_updated ON pull_requests (repo_uuid, updated_on);

  CREATE TABLE pr_participants (
    repo_uuid TEXT NOT NULL,
    pr_id INTEGER NOT NULL,
    person_key TEXT NOT NULL,
    role TEXT NOT NULL CHECK (role IN ('REVIEWER', 'PARTICIPANT')),
    approved INTEGER NOT NULL CHECK (approved IN (0, 1)),
    state TEXT CHECK (state IN ('approved', 'changes_requested')),
    participated_on TEXT,
    changed_in_run INTEGER NOT NULL,
    PRIMARY KEY (repo_uuid, pr_id, person_key),
    FOREIGN KEY (repo_uuid, pr_id) REFERENCES pull_requests (repo_uuid, id) ON DELETE CASCADE
  ) STRICT;

  CREATE TABLE sync_cursors (
    scope TEXT NOT NULL,
    resource TEXT NOT NULL,
    value TEXT NOT NULL,
    PRIMARY KEY (scope, resource)
  ) STRICT;

  CREATE TABLE sync_runs (
    id INTEGER PRIMARY KEY,
    workspace TEXT NOT NULL,
    started_at TEXT NOT NULL,
    finished_at TEXT,
    requests INTEGER NOT NULL DEFAULT 0,
    records INTEGER NOT NULL DEFAULT 0,
    outcome TEXT NOT NULL CHECK (outcome IN ('running', 'success', 'partial', 'failed', 'interrupted')),
    exit_code INTEGER,
    message TEXT
  ) STRICT;
  `,
];
