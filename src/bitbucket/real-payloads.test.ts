/**
 * Parses the real Bitbucket payloads kept beside the repository (shared/bitbucket/real-payloads,
 * reference data that must not be copied into the project) with the client's schemas, and checks
 * that no display name, nickname, title, message, name or build script of the input survives.
 * Skipped where they are absent.
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import type { z } from "zod";
import { parseNumberedPage, parsePage } from "./parse.ts";
import { activitySchema } from "./schemas/activity.ts";
import { branchSchema, effectiveBranchingModelSchema } from "./schemas/branching.ts";
import { commitSchema } from "./schemas/commit.ts";
import { deploymentSchema } from "./schemas/deployment.ts";
import { pipelineSchema, pipelineStepSchema } from "./schemas/pipeline.ts";
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

/** The `data` of every entry of a DevLake raw-table extract. */
function devlake(name: string): Json[] {
  return (read(name) as { data: Json }[]).map((entry) => entry.data);
}

// Keys whose strings are free text, personal data, links or build scripts in Bitbucket payloads.
const FREE_TEXT = new Set([
  "display_name",
  "nickname",
  "username",
  "account_id",
  "title",
  "description",
  "reason",
  "message",
  "summary",
  "raw",
  "html",
  "content",
  "command",
  "href",
  "url",
  "key",
  "value",
  "pattern",
  "full_name",
  "name",
  "ref_name",
]);
// A `name` under these keys is an enum value (COMPLETED, PUSH, Production…), kept by design.
const ENUM_PARENTS = new Set(["state", "result", "stage", "status", "trigger", "environment_type"]);

/** Every free-text string of a payload, at any depth (enum names excepted). */
function freeText(value: unknown, key = "", parent = ""): string[] {
  if (typeof value === "string") {
    const enumName = key === "name" && ENUM_PARENTS.has(parent);
    return FREE_TEXT.has(key) && !enumName && value.trim() !== "" ? [value] : [];
  }
  if (Array.isArray(value)) return value.flatMap((item) => freeText(item, key, parent));
  if (value !== null && typeof value === "object") {
    return Object.entries(value).flatMap(([child, item]) => freeText(item, child, key));
  }
  return [];
}

/**
 * The free text of `input` found in `parsed` (whole, or inside a value when long enough not to be a
 * coincidence), except `allowed`: branch names and prefixes, held in memory for categorisation.
 */
function freeTextLeaks(input: unknown, parsed: unknown, allowed: (string | null)[] = []): string[] {
  const values = strings(parsed);
  return freeText(input).filter(
    (text) =>
      !allowed.includes(text) && values.some((value) => value === text || (text.length >= 12 && value.includes(text))),
  );
}

/** Parses `inputs` one by one with `schema`, so a failure names the input. */
function parseAll<T>(schema: z.ZodType<T>, inputs: Json[]): T[] {
  return inputs.map((input) => schema.parse(input));
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

  it("parses the real pipelines and keeps none of their names, variables, accounts or links", () => {
    const envelope = parseNumberedPage(pipelineSchema, read("apy_pipelines_list.json"), "/pipelines");
    expect(envelope).toMatchObject({ page: 1, pagelen: 10, size: 1, next: undefined });
    // DevLake's projection did not ask for build_number, which ours does: number them as Bitbucket would.
    const inputs = devlake("devlake_pipelines_list_with_fields.json").map((input, i) => ({
      build_number: i + 1,
      ...input,
    }));
    const parsed = parseAll(pipelineSchema, inputs);
    expect(parsed).toHaveLength(22);
    expect(parsed.filter((p) => p.completedOn === null).map((p) => [p.state, p.stage])).toEqual([
      ["IN_PROGRESS", "HALTED"],
      ["IN_PROGRESS", "HALTED"],
      ["IN_PROGRESS", "HALTED"],
    ]);
    expect(parsed[0]?.createdOn).toBe("2023-02-20T08:58:19.143Z");
    const apy = envelope.values[0];
    expect(apy).toMatchObject({ state: "COMPLETED", result: "STOPPED", trigger: "MANUAL", selectorType: "default" });
    const raw = read("apy_pipelines_list.json") as { values: Json[] };
    const found = [
      ...freeTextLeaks(raw, envelope, [apy?.refName ?? null]),
      ...inputs.flatMap((input, i) => freeTextLeaks(input, parsed[i], [parsed[i]?.refName ?? null])),
    ];
    expect(found).toEqual([]);
  });

  it("parses the real pipeline steps and keeps none of their names, images or commands", () => {
    const raw = read("apy_pipeline_steps_list.json");
    const envelope = parseNumberedPage(pipelineStepSchema, raw, "/steps");
    const inputs = devlake("devlake_pipeline_steps_with_fields.json");
    const parsed = parseAll(pipelineStepSchema, inputs);
    expect(envelope.values).toHaveLength(2);
    expect(parsed).toHaveLength(35);
    expect(new Set(parsed.map((step) => step.result))).toEqual(
      new Set([
        null,
        "FAILED",
        "SUCCESSFUL",
        "STOPPED",
        "NOT_RUN",
        "COMPLETED",
        "ERROR",
        "IN_PROGRESS",
        "PENDING",
        "READY",
        "EXPIRED",
      ]),
    );
    const notStarted = parsed.filter((step) => step.startedOn === null);
    expect(notStarted.map((step) => [step.state, step.result, step.durationSeconds])).toEqual(
      Array.from({ length: 9 }, () => ["PENDING", null, null]),
    );
    const found = [...freeTextLeaks(raw, envelope), ...inputs.flatMap((input, i) => freeTextLeaks(input, parsed[i]))];
    expect(found).toEqual([]);
    expect(JSON.stringify([envelope, parsed])).not.toMatch(/make|git |umask|gcc|echo/);
  });

  it("parses the real deployments and keeps none of their release names, environment names or URLs", () => {
    const inputs = devlake("devlake_deployments_with_fields.json");
    const parsed = parseAll(deploymentSchema, inputs);
    expect(parsed).toHaveLength(27);
    const notStarted = parsed.filter((d) => d.startedOn === null);
    expect(notStarted.map((d) => [d.state, d.completedOn, d.lastUpdateTime])).toEqual(
      Array.from({ length: 3 }, () => ["UNDEPLOYED", null, null]),
    );
    expect(parsed.every((d) => d.pipelineUuid !== null && d.commit !== null)).toBe(true);
    expect(inputs.flatMap((input, i) => freeTextLeaks(input, parsed[i]))).toEqual([]);
  });

  it("parses the real commits and keeps none of their messages or author strings", () => {
    const spec = read("official_spec_examples_branching_model_branches_commit.json") as Record<string, Json>;
    const single = spec["/repositories/{workspace}/{repo_slug}/commit/{commit}"];
    const inputs = [...devlake("devlake_pullrequest_commits_with_fields.json"), single as Json];
    const parsed = parseAll(commitSchema, inputs);
    expect(parsed).toHaveLength(9);
    expect(parsed.at(-1)).toEqual({
      hash: "f7591a13eda445d9a9167f98eb870319f4b6c2d8",
      date: "2012-07-16T19:37:54.000Z",
      parentCount: 1,
      authorUuid: "{9484702e-c663-4afd-aefb-c93a8cd31c28}",
    });
    // DevLake asked for account_id, not uuid, and not for parents.
    expect(parsed.slice(0, -1).every((c) => c.authorUuid === null && c.parentCount === 0)).toBe(true);
    expect(inputs.flatMap((input, i) => freeTextLeaks(input, parsed[i]))).toEqual([]);
    expect(JSON.stringify(parsed)).not.toContain("@");
  });

  it("parses the real activity entries and keeps none of their titles, descriptions, branch names or names", () => {
    const inputs = [
      ...(read("j1_pr_activity_lifeomic_fhir-gateway_pr19.json") as Json[]),
      ...(read("j1_pr_activity_lifeomic_integration.json") as Json[]),
    ];
    const parsed = parseAll(activitySchema, inputs);
    expect(parsed.map((entry) => [entry?.pullRequestId, entry?.kind, entry?.state])).toEqual([
      [19, "update", "MERGED"],
      [19, "approval", null],
      [19, "approval", null],
      [19, "approval", null],
      [19, "update", "OPEN"],
      [19, "update", "OPEN"],
      [95, "update", "MERGED"],
      [95, "approval", null],
      [95, "approval", null],
      [95, "update", "OPEN"],
      [95, "update", "OPEN"],
    ]);
    expect(parsed.every((entry) => entry?.actorUuid?.startsWith("{"))).toBe(true);
    expect(inputs.flatMap((input, i) => freeTextLeaks(input, parsed[i]))).toEqual([]);
  });

  it("parses the spec's branching model and branches, keeping branch names and prefixes only", () => {
    const spec = read("official_spec_examples_branching_model_branches_commit.json") as Record<string, Json>;
    const modelInput = spec["/repositories/{workspace}/{repo_slug}/branching-model"];
    const model = effectiveBranchingModelSchema.parse(modelInput);
    expect(model).toMatchObject({
      developmentBranch: "master",
      developmentUsesMain: true,
      productionBranch: "production",
      productionEnabled: true,
    });
    expect(model.prefixes.map((p) => p.kind)).toEqual(["release", "hotfix", "feature", "bugfix"]);
    const branchesInput = spec["/repositories/{workspace}/{repo_slug}/refs/branches"];
    const branches = parsePage(branchSchema, branchesInput, "/refs/branches");
    expect(branches.values.map((b) => b.lastCommitDate)).toEqual(["2021-04-13T13:44:49.000Z"]);
    const allowed = [model.developmentBranch, model.productionBranch, ...branches.values.map((b) => b.name)];
    expect([
      ...freeTextLeaks(modelInput, model, allowed),
      ...freeTextLeaks(branchesInput, branches.values, allowed),
    ]).toEqual([]);
  });
});
