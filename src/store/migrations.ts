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
  // Version 2: bundle bookkeeping (docs/bundle-format.md). A bundle covers the rows whose changed_in_run lies in
  // (after_run, through_run] of one workspace; the next delta starts after the highest through_run of a bundle that
  // is pending, exported or accepted. No index on changed_in_run: an export is one ordered scan per table, which
  // keeps its memory flat, and sync pays nothing extra on its writes.
  `
  CREATE TABLE bundles (
    id TEXT PRIMARY KEY,
    workspace TEXT NOT NULL,
    scope TEXT NOT NULL CHECK (scope IN ('delta', 'all')),
    after_run INTEGER NOT NULL,
    through_run INTEGER NOT NULL,
    records INTEGER NOT NULL,
    bytes INTEGER NOT NULL,
    sha256 TEXT NOT NULL,
    file TEXT NOT NULL,
    created_at TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('pending', 'exported', 'accepted', 'rejected', 'superseded', 'lost')),
    part_of TEXT,
    part_index INTEGER,
    attempts INTEGER NOT NULL DEFAULT 0,
    last_attempt_at TEXT,
    accepted_at TEXT,
    message TEXT
  ) STRICT;
  CREATE INDEX bundles_workspace_status ON bundles (workspace, status, created_at);
  `,
  // Version 3: the complete crawl (docs/crawl.md). Pull request events and the columns derived from them, pipelines
  // and their steps, deployment environments and deployments, the branching model and branch counts, main-branch
  // commits, per-repository flags, and the request ledger that lets cron runs share one hourly budget. Events have no
  // id at Bitbucket: (repository, pull request, kind, time, actor) is the key, so the same entry read twice is one row.
  // Bookkeeping tables (pr_activity_sync, pipeline_step_sync, request_ledger) have no changed_in_run: bundles skip them.
  `
  ALTER TABLE pull_requests ADD COLUMN merged_on TEXT;
  ALTER TABLE pull_requests ADD COLUMN declined_on TEXT;
  ALTER TABLE pull_requests ADD COLUMN first_review_on TEXT;
  ALTER TABLE pull_requests ADD COLUMN first_approval_on TEXT;

  CREATE TABLE pr_events (
    repo_uuid TEXT NOT NULL,
    pr_id INTEGER NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('approval', 'changes_requested', 'state_change', 'push', 'comment')),
    occurred_on TEXT NOT NULL,
    actor_key TEXT,
    state TEXT CHECK (state IN ('OPEN', 'MERGED', 'DECLINED')),
    changed_in_run INTEGER NOT NULL,
    CHECK ((kind = 'state_change') = (state IS NOT NULL)),
    FOREIGN KEY (repo_uuid, pr_id) REFERENCES pull_requests (repo_uuid, id) ON DELETE CASCADE
  ) STRICT;
  -- A deleted account has no key: ifnull makes two such entries at the same time one row, not two.
  CREATE UNIQUE INDEX pr_events_key ON pr_events (repo_uuid, pr_id, kind, occurred_on, ifnull(actor_key, ''));

  CREATE TABLE pr_activity_sync (
    repo_uuid TEXT NOT NULL,
    pr_id INTEGER NOT NULL,
    synced_updated_on TEXT NOT NULL,
    PRIMARY KEY (repo_uuid, pr_id),
    FOREIGN KEY (repo_uuid, pr_id) REFERENCES pull_requests (repo_uuid, id) ON DELETE CASCADE
  ) STRICT;

  CREATE TABLE pipelines (
    uuid TEXT PRIMARY KEY,
    repo_uuid TEXT NOT NULL REFERENCES repositories (uuid) ON DELETE CASCADE,
    build_number INTEGER NOT NULL,
    state TEXT NOT NULL,
    stage TEXT,
    result TEXT,
    created_on TEXT NOT NULL,
    completed_on TEXT,
    duration_seconds INTEGER,
    build_seconds_used INTEGER,
    trigger TEXT,
    target_type TEXT,
    ref_type TEXT,
    target_branch_category TEXT,
    target_branch_key TEXT,
    selector_type TEXT,
    pr_id INTEGER,
    commit_hash TEXT,
    creator_key TEXT,
    changed_in_run INTEGER NOT NULL
  ) STRICT;
  CREATE INDEX pipelines_repo_created ON pipelines (repo_uuid, created_on);

  CREATE TABLE pipeline_steps (
    uuid TEXT PRIMARY KEY,
    repo_uuid TEXT NOT NULL REFERENCES repositories (uuid) ON DELETE CASCADE,
    pipeline_uuid TEXT NOT NULL REFERENCES pipelines (uuid) ON DELETE CASCADE,
    state TEXT NOT NULL,
    result TEXT,
    started_on TEXT,
    completed_on TEXT,
    duration_seconds INTEGER,
    build_seconds_used INTEGER,
    changed_in_run INTEGER NOT NULL
  ) STRICT;
  CREATE INDEX pipeline_steps_pipeline ON pipeline_steps (pipeline_uuid);

  CREATE TABLE pipeline_step_sync (
    pipeline_uuid TEXT PRIMARY KEY REFERENCES pipelines (uuid) ON DELETE CASCADE,
    synced_on TEXT NOT NULL
  ) STRICT;

  CREATE TABLE environments (
    uuid TEXT PRIMARY KEY,
    repo_uuid TEXT NOT NULL REFERENCES repositories (uuid) ON DELETE CASCADE,
    type TEXT NOT NULL,
    rank INTEGER,
    changed_in_run INTEGER NOT NULL
  ) STRICT;

  CREATE TABLE deployments (
    uuid TEXT PRIMARY KEY,
    repo_uuid TEXT NOT NULL REFERENCES repositories (uuid) ON DELETE CASCADE,
    environment_uuid TEXT,
    environment_type TEXT,
    state TEXT NOT NULL,
    status TEXT,
    started_on TEXT,
    completed_on TEXT,
    pipeline_uuid TEXT,
    commit_hash TEXT,
    last_update_time TEXT,
    changed_in_run INTEGER NOT NULL
  ) STRICT;
  CREATE INDEX deployments_repo ON deployments (repo_uuid);

  CREATE TABLE branching_models (
    repo_uuid TEXT PRIMARY KEY REFERENCES repositories (uuid) ON DELETE CASCADE,
    development_category TEXT,
    production_enabled INTEGER NOT NULL CHECK (production_enabled IN (0, 1)),
    production_category TEXT,
    feature_prefix INTEGER NOT NULL CHECK (feature_prefix IN (0, 1)),
    bugfix_prefix INTEGER NOT NULL CHECK (bugfix_prefix IN (0, 1)),
    release_prefix INTEGER NOT NULL CHECK (release_prefix IN (0, 1)),
    hotfix_prefix INTEGER NOT NULL CHECK (hotfix_prefix IN (0, 1)),
    changed_in_run INTEGER NOT NULL
  ) STRICT;

  CREATE TABLE branch_stats (
    repo_uuid TEXT NOT NULL REFERENCES repositories (uuid) ON DELETE CASCADE,
    category TEXT NOT NULL CHECK (category IN ('main', 'development', 'feature', 'bugfix', 'hotfix', 'release', 'other')),
    branches INTEGER NOT NULL,
    stale INTEGER NOT NULL,
    stale_after_days INTEGER NOT NULL,
    changed_in_run INTEGER NOT NULL,
    PRIMARY KEY (repo_uuid, category)
  ) STRICT;

  CREATE TABLE commits (
    repo_uuid TEXT NOT NULL REFERENCES repositories (uuid) ON DELETE CASCADE,
    hash TEXT NOT NULL,
    committed_on TEXT NOT NULL,
    author_key TEXT,
    is_merge INTEGER NOT NULL CHECK (is_merge IN (0, 1)),
    changed_in_run INTEGER NOT NULL,
    PRIMARY KEY (repo_uuid, hash)
  ) STRICT;
  CREATE INDEX commits_date ON commits (repo_uuid, committed_on);

  CREATE TABLE repository_flags (
    repo_uuid TEXT PRIMARY KEY REFERENCES repositories (uuid) ON DELETE CASCADE,
    pipelines TEXT NOT NULL CHECK (pipelines IN ('yes', 'no', 'unknown')),
    pipelines_checked_on TEXT,
    changed_in_run INTEGER NOT NULL
  ) STRICT;

  CREATE TABLE request_ledger (
    credential TEXT NOT NULL,
    minute INTEGER NOT NULL,
    requests INTEGER NOT NULL,
    PRIMARY KEY (credential, minute)
  ) STRICT;
  `,
];
