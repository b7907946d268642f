/** The personal data of the model's people, for tests that prove none of it is ever stored. */
import type { SandboxModel } from "./model.ts";

/** Raw identifiers and contact data that must never reach the cache, a bundle or a log. */
export interface PersonalIdentifiers {
  /** Account uuids as Bitbucket sends them, with braces. */
  uuids: string[];
  /** The same uuids without braces, in case a client strips them. */
  bareUuids: string[];
  accountIds: string[];
  emails: string[];
}

/** Lists the personal identifiers of everyone in the model. */
export function personalIdentifiers(model: SandboxModel): PersonalIdentifiers {
  return {
    uuids: model.people.map((p) => p.uuid),
    bareUuids: model.people.map((p) => p.uuid.slice(1, -1)),
    accountIds: model.people.map((p) => p.accountId),
    emails: model.people.map((p) => p.email),
  };
}
