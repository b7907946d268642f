/**
 * A token that silently lost access: Bitbucket answers 200 with empty pages where the cache holds data
 * (api-notes.md §3, DESIGN §3). That is reported, never acted on: nothing is deleted from the cache.
 */
import { CliError, ExitCode } from "../errors.ts";

/** The error for an empty answer where `held` records were there before. */
export function accessLostError(what: string, held: number): CliError {
  return new CliError(
    `Bitbucket returned no ${what}, but the cache holds ${held} from earlier syncs: the token seems to have lost access. Nothing was deleted.`,
    ExitCode.loginRequired,
    {
      hint: "Check that the token (or the OAuth consumer) still has read access to this workspace and its repositories, pull requests and pipelines, then log in again with `corvana-bb login`.",
    },
  );
}
