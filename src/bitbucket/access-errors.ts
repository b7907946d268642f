/**
 * What a 403 or 404 means for each endpoint of this client, as errors the operator can act on.
 * Scope names are the OAuth consumer permissions and their classic scopes (api-notes.md §1 › Scopes).
 */
import { CliError, ExitCode, UsageError } from "../errors.ts";

/** A 403/404 on the workspace or its repository list. */
export function workspaceUnavailable(workspace: string, status: 403 | 404): CliError {
  if (status === 404) {
    return new UsageError(`Workspace ${workspace} not found (HTTP 404).`, {
      hint: "Check --workspace or CORVANA_BB_WORKSPACE: it is the workspace slug, as in bitbucket.org/<slug>.",
    });
  }
  return new CliError(`The token lacks access to workspace ${workspace} (HTTP 403).`, ExitCode.loginRequired, {
    hint: "Log in with read access to this workspace: permissions Account, Repositories and Pull requests: Read (scopes account, repository, pullrequest).",
  });
}

/** A 403/404 on the pull requests of one repository (or on one pull request when `id` is given). */
export function pullRequestsUnavailable(workspace: string, repoSlug: string, status: 403 | 404, id?: number): CliError {
  const what =
    id === undefined
      ? `the pull requests of ${workspace}/${repoSlug}`
      : `pull request #${id} of ${workspace}/${repoSlug}`;
  if (status === 404) {
    return new UsageError(`Bitbucket cannot find ${what} (HTTP 404).`, {
      hint: "The repository may have been deleted or renamed; the next sync lists repositories again.",
    });
  }
  return new CliError(`The token lacks access to ${what} (HTTP 403).`, ExitCode.loginRequired, {
    hint: "Log in with the Pull requests: Read permission (scope pullrequest), which also grants repository read.",
  });
}

/** A 403/404 on GET /user. */
export function currentUserUnavailable(status: 403 | 404): CliError {
  return new CliError(`The token cannot read the current user (HTTP ${status}).`, ExitCode.loginRequired, {
    hint: "Log in with the Account: Read permission (scope account).",
  });
}
