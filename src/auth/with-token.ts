/**
 * `login --with-token`: the token arrives on stdin and its form decides how it is sent.
 *  - `email:token` is an Atlassian API token, sent as HTTP Basic (SPEC narrative › API tokens);
 *  - anything else is a workspace, project or repository access token (or an OAuth access token), sent
 *    as Bearer. Access tokens carry no e-mail, so the two forms cannot be confused.
 * An Atlassian API token without the e-mail is recognised by its `ATATT` prefix and refused with a hint.
 */
import { UsageError } from "../errors.ts";

/** A token read from stdin, classified. */
export type PastedToken = { kind: "access-token"; token: string } | { kind: "api-token"; email: string; token: string };

/** Classifies the text read from stdin; UsageError when it cannot be a token. */
export function classifyToken(input: string): PastedToken {
  const text = input.trim();
  if (text === "") {
    throw new UsageError("No token was given on stdin.", {
      hint: "Pipe it in, e.g. `corvana-bb login --with-token < token.txt` (an Atlassian API token as email:token).",
    });
  }
  if (/\s/.test(text)) {
    throw new UsageError("The text on stdin is not a single token (it contains spaces or several lines).");
  }
  const colon = text.indexOf(":");
  if (colon > 0) {
    const email = text.slice(0, colon);
    const token = text.slice(colon + 1);
    if (!email.includes("@") || token === "") {
      throw new UsageError("A token with a colon must be an Atlassian API token written as email:token.");
    }
    return { kind: "api-token", email, token };
  }
  if (text.startsWith("ATATT")) {
    throw new UsageError(
      "This looks like an Atlassian API token, which Bitbucket accepts only with your account's e-mail.",
      {
        hint: "Give it as email:token on stdin.",
      },
    );
  }
  return { kind: "access-token", token: text };
}
