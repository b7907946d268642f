/**
 * Parses the real Bitbucket payloads kept beside the repository (shared/bitbucket/real-payloads,
 * reference data that must not be copied into the project) with the client's schemas, and checks
 * that no display name, nickname or title of the input survives. Skipped where they are absent.
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { pullRequestSchema } from "./schemas/pull-request.ts";
import { repositorySchema } from "./schemas/repository.ts";

const repoRoot = fileURLToPath(new URL("../../", import.meta.url));
const dir = join(repoRoot, "..", "shared", "bitbucket", "real-payloads");
const absent = !existsSync(dir);
const reason = "the real payloads (../shared/bitbucket/real-payloads next to the repository) are not on this machine";

function read(name: string): unknown {
  return JSON.parse(readFileSync(join(dir, name), "utf8"));
}

type Json = Record<string, unknown>;

function pullRequests(): Json[] {
  const list = read("apy_pullrequests_list.json") as { values: Json[] };
  const devlake = read("devlake_pullrequests_list_default_fields.json") as { data: Json }[];
  return [
    ...list.values,
    read("j1_pullrequest_full_with_participants.json") as Json,
    read("apy_pullrequest_1_get_participants_changes_requested.json") as Json,
    ...devlake.map((entry) => entry.data),
  ];
}

function repositories(): Json[] {
  const devlake = read("devlake_repository_get.json") as { data: Json }[];
  const har = read("j1_har_workspace_repositories_pages_1-2.json") as { response: { body: { values: Json[] } } }[];
  return [...devlake.map((entry) => entry.data), ...har.flatMap((entry) => entry.response.body.values)];
}

/** Every string found under a display_name, nickname or title key, at any depth. */
function personalText(value: unknown, inside = false): string[] {
  if (typeof value === "string") return inside && value.trim() !== "" ? [value] : [];
  if (Array.isArray(value)) return value.flatMap((item) => personalText(item, inside));
  if (value !== null && typeof value === "object") {
    return Object.entries(value).flatMap(([key, item]) =>
      personalText(item, inside || key === "display_name" || key === "nickname" || key === "title"),
    );
  }
  return [];
}

/** Every string value in a parsed record, at any depth. */
function strings(value: unknown): string[] {
  if (typeof value === "string") return [value];
  if (Array.isArray(value)) return value.flatMap(strings);
  if (value !== null && typeof value === "object") return Object.values(value).flatMap(strings);
  return [];
}

/**
 * The names, nicknames and titles of `input` that show up in `parsed`: as a whole string value, or
 * inside one when long enough not to be a coincidence (a title "2" is in every timestamp). A title
 * equal to the record's own branch name is not a leak: branch names pass through by design and the
 * crawl categorises them before storage.
 */
function leaks(input: Json, parsed: unknown, allowed: (string | null)[] = []): string[] {
  const values = strings(parsed);
  return personalText(input).filter(
    (text) =>
      !allowed.includes(text) && values.some((value) => value === text || (text.length >= 12 && value.includes(text))),
  );
}

describe.skipIf(absent)(`real payloads (skipped when ${reason})`, () => {
  it("parses every real pull request and keeps none of its names, nicknames or titles", () => {
    const inputs = pullRequests();
    expect(inputs.length).toBeGreaterThan(50);
    const found = inputs.flatMap((input) => {
      const parsed = pullRequestSchema.parse(input);
      return leaks(input, parsed, [parsed.sourceBranch, parsed.destinationBranch]);
    });
    expect(found).toEqual([]);
  });

  it("reads participants where the payload has them, changes_requested included", () => {
    const parsed = pullRequests().map((input) => pullRequestSchema.parse(input));
    const states = parsed.flatMap((pr) => pr.participants ?? []).map((p) => p.state);
    expect(states).toContain("changes_requested");
    expect(states).toContain("approved");
    // DevLake's default-fields list has no participants key: the crawl must fetch those PRs one by one.
    expect(parsed.some((pr) => pr.participants === undefined)).toBe(true);
  });

  it("parses every real repository and keeps none of its owner's names", () => {
    const inputs = repositories();
    expect(inputs.length).toBeGreaterThan(10);
    const parsed = inputs.map((input) => repositorySchema.parse(input));
    expect(inputs.flatMap((input, i) => leaks(input, parsed[i]))).toEqual([]);
    expect(JSON.stringify(parsed)).not.toMatch(/"(name|full_name|description|owner|links)"/);
  });
});
