/**
 * Renders `disconnect`: the plan shown before confirmation, and the result — what Corvana did, what was
 * removed locally, where to revoke the grant in Bitbucket by hand, and (after a purge) the receipt.
 */
import type { DisconnectPlan, DisconnectResult } from "../../app/disconnect.ts";
import { wrap } from "./card.ts";
import { formatTime } from "./format.ts";

const WIDTH = 80;

/** What will happen, for the confirmation prompt. */
export function renderDisconnectPlan(plan: DisconnectPlan): string {
  const lines = [`corvana-bb disconnect${plan.purge ? " --purge" : ""} will:`];
  const item = (text: string) => lines.push(...bullet(text));
  if (plan.collector !== null) {
    item(
      plan.purge
        ? `ask Corvana (${plan.collector.corvanaUrl}) to delete all data collected by collector ${plan.collector.collectorId}, and revoke it`
        : `revoke collector ${plan.collector.collectorId} at Corvana (${plan.collector.corvanaUrl}); the data already sent stays there`,
    );
  }
  item(
    plan.entries.length === 0
      ? `find nothing to remove in ${plan.store.location}`
      : `remove ${plan.entries.length} entries from ${plan.store.location}: ${plan.entries.join(", ")}`,
  );
  if (plan.purge) {
    item(plan.files.length === 0 ? "find no local files to delete" : `delete ${plan.files.join(", ")}`);
    item(`keep only the deletion receipt, ${plan.receiptFile}`);
  } else {
    item("keep the local cache (run with --purge to delete it too)");
  }
  lines.push("This cannot be undone.");
  return `${lines.join("\n")}\n`;
}

/** What was done. */
export function renderDisconnectResult(result: DisconnectResult): string {
  const lines: string[] = [];
  const corvana = result.corvana;
  const id = result.plan.collector?.collectorId;
  switch (corvana.status) {
    case "deletion-accepted":
      lines.push(
        ...wrap(`Corvana accepted the deletion of all data collected by ${id} and revoked it.`, WIDTH),
        `  deletion id   ${corvana.deletionId}`,
        `  complete by   ${formatTime(corvana.completeBy)}`,
      );
      break;
    case "revoked":
      lines.push(...wrap(`Corvana revoked collector ${id}; the data already sent stays there.`, WIDTH));
      break;
    case "unknown-to-corvana":
      lines.push(...wrap(`Corvana does not know collector ${id} (already deleted): nothing to delete there.`, WIDTH));
      break;
    case "not-enrolled":
      lines.push("Not enrolled with Corvana: nothing to revoke or delete there.");
      break;
    case "pending-at-corvana":
      lines.push(...wrap(`NOT DONE at Corvana: ${corvana.reason}`, WIDTH), ...wrap(`To do: ${corvana.todo}`, WIDTH));
      break;
  }
  lines.push(
    ...wrap(
      result.credentialEntriesRemoved.length === 0
        ? `Nothing was stored in ${result.plan.store.location}.`
        : `Removed from ${result.plan.store.location}: ${result.credentialEntriesRemoved.join(", ")}.`,
      WIDTH,
    ),
  );
  const purge = result.purge;
  if (purge !== undefined) {
    lines.push(purge.removed.length === 0 ? "No local files to remove." : "Removed:");
    for (const removed of purge.removed) {
      lines.push(
        ...bullet(
          removed.kind === "directory"
            ? `${removed.path}/ (${removed.files} file${removed.files === 1 ? "" : "s"})`
            : removed.path,
        ),
      );
    }
    if (purge.leftInPlace.length > 0) {
      lines.push("Left in place (not created by corvana-bb):");
      for (const left of purge.leftInPlace) lines.push(...bullet(left));
    }
  }
  lines.push("", "Bitbucket Cloud has no API to revoke access; revoke it in Bitbucket yourself:");
  for (const advice of result.revokeInBitbucket) lines.push(...bullet(advice));
  if (purge !== undefined) {
    lines.push(
      "",
      ...wrap(`Deletion receipt, kept in ${purge.receiptFile}:`, WIDTH),
      JSON.stringify(purge.receipt, null, 2),
    );
  }
  return `${lines.join("\n")}\n`;
}

function bullet(text: string): string[] {
  return wrap(text, WIDTH - 4).map((line, i) => (i === 0 ? `  - ${line}` : `    ${line}`));
}
