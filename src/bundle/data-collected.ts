/**
 * Renders docs/data-collected.md from the record-type registry, so the customer-facing list of what can leave
 * this machine is the allowlist itself and cannot drift from it. `node scripts/generate-data-collected.ts`
 * writes the file; a unit test fails when the committed file differs from this output.
 */
import type { RecordType } from "./record-type.ts";
import { recordTypes } from "./record-types.ts";

const intro = `# Data collected

This is the customer-facing list of everything corvana-bb can send to Corvana Assess, and of what it never
collects. The tables below are generated from the bundle allowlist itself (\`src/bundle/record-types.ts\`) by
\`node scripts/generate-data-collected.ts\`; a test fails when this file and the allowlist differ, so the list
cannot drift from what the code does. Any bundle can be checked against it before it leaves with
\`corvana-bb bundle inspect FILE\` (see \`docs/bundle-format.md\`).

Three layers enforce the list: every Bitbucket request names only these fields (\`fields=\` projections in
\`src/bitbucket/endpoints.ts\`); parsing drops everything else before storage (\`src/bitbucket/schemas/\`); and the
bundle writer refuses — does not silently drop — a record with any field outside the tables below.

## Never collected

Source code, diffs, file names or contents; pull-request titles, descriptions, decline reasons and comments (a comment
is only "who, when"); commit messages and commit authors' names or e-mails; pipeline variables, step names, images,
scripts and logs; deployment environment and release names, URLs and deployers; SSH keys; snippets; people's names,
nicknames, e-mail addresses, avatars and Atlassian account ids; branch names, tag names and branch prefixes;
repository names and descriptions; project and workspace names.

## How people and branches are stored

- A person is a **person key**: \`HMAC-SHA256(install_secret, account_uuid)\`, the first 24 hex characters. The install
  secret is 32 random bytes created on this machine, kept in the credential store (the OS keychain by default), never
  sent anywhere, and destroyed by \`disconnect --purge\`. Without it a key cannot be linked to an account.
- A branch is a **category** — \`main\`, \`development\`, \`feature\`, \`bugfix\`, \`hotfix\`, \`release\` or \`other\` — from
  the repository's main branch and the common prefixes, plus a **branch key** (a keyed hash of the name within its
  repository, so distinct branches can be counted). The name itself is never stored.

## What a bundle can hold
`;

const outro = `
## Also in every bundle

The manifest (\`docs/bundle-format.md\`): the bundle's id, the collector id Corvana issued at enrollment, the
collector's version, the workspace slug, which sync runs the bundle covers and when they ran, the number of records
of each type, the SHA-256 and size of the records, and this install's public signing key with its fingerprint.

## Kept only on this machine

The local cache also keeps, and never sends: the workspace slug of each repository; each row's \`changed_in_run\` (the
sync run that last changed it, which is how a bundle holds only what changed); the crawl's bookkeeping —
\`sync_cursors\` (where each crawl resumes), \`pr_activity_sync\` (when each pull request's activity was last read),
\`pipeline_step_sync\` (which pipelines' steps were read) and \`request_ledger\` (requests spent per credential and
minute, for the hourly budget); \`sync_runs\` (when each sync ran, how long, how many requests, how many records
changed, and how it ended); and \`bundles\` (which bundles were made, which runs each covers, and whether Corvana
accepted it). These are not record types: a bundle carries only the record types in the tables of this page.
`;

function table(type: RecordType): string {
  const rows = type.fieldDocs.map(
    (field) => `| \`${field.name}\` | ${field.description} | ${field.nullable ? "yes" : "no"} |`,
  );
  return [
    `### ${type.title} (\`${type.name}\`)`,
    "",
    type.description,
    "",
    "| field | meaning | may be empty |",
    "|---|---|---|",
    ...rows,
    "",
  ].join("\n");
}

/** The full text of docs/data-collected.md for the given record types. */
export function renderDataCollected(types: readonly RecordType[] = recordTypes): string {
  return `${intro}\nEvery record is one line of JSON with a \`type\` and exactly the fields listed for that type.\n\n${types.map(table).join("\n")}${outro}`;
}
