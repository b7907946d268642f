/**
 * The Bitbucket credentials of one workspace as kept in the credential store: a JSON entry, validated on
 * read. The OAuth kinds keep the consumer key and secret too, because Bitbucket requires the secret at
 * every refresh and a cron job must not need it in its environment.
 */
import { z } from "zod";
import { LoginRequiredError } from "../errors.ts";
import { type CredentialStore, credentialNames } from "./credential-store.ts";

const scopes = z.array(z.string()).default([]);

const storedCredentialsSchema = z.discriminatedUnion("kind", [
  z.object({
    kind: z.literal("oauth"),
    clientId: z.string().min(1),
    clientSecret: z.string().min(1),
    accessToken: z.string().min(1),
    refreshToken: z.string().min(1),
    expiresAt: z.iso.datetime(),
    scopes,
  }),
  z.object({
    kind: z.literal("client-credentials"),
    clientId: z.string().min(1),
    clientSecret: z.string().min(1),
    accessToken: z.string().min(1).optional(),
    expiresAt: z.iso.datetime().optional(),
    scopes,
  }),
  /** A workspace, project or repository access token: sent as Bearer. */
  z.object({ kind: z.literal("access-token"), token: z.string().min(1), scopes }),
  /** An Atlassian API token with its account's e-mail: sent as HTTP Basic. */
  z.object({ kind: z.literal("api-token"), email: z.string().min(1), token: z.string().min(1), scopes }),
]);

/** One workspace's saved Bitbucket credentials. */
export type StoredCredentials = z.infer<typeof storedCredentialsSchema>;

/** Reads a workspace's credentials; undefined when there are none, LoginRequiredError when damaged. */
export async function readStoredCredentials(
  store: CredentialStore,
  workspace: string,
): Promise<StoredCredentials | undefined> {
  const text = await store.get(credentialNames.bitbucket(workspace));
  if (text === undefined) return undefined;
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  const parsed = storedCredentialsSchema.safeParse(json);
  if (!parsed.success) {
    throw new LoginRequiredError(`The saved Bitbucket credentials for workspace "${workspace}" are damaged.`);
  }
  return parsed.data;
}

/** Saves a workspace's credentials in one write (one keychain entry, or one atomic file replace). */
export async function saveStoredCredentials(
  store: CredentialStore,
  workspace: string,
  credentials: StoredCredentials,
): Promise<void> {
  await store.set(credentialNames.bitbucket(workspace), JSON.stringify(credentials));
}
