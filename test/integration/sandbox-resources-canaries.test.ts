/**
 * Canaries over HTTP: every free-text field the new resources serve (titles, descriptions, comment
 * content, names, branch and tag names, custom pipeline names, variables, build commands, commit
 * messages and author strings) carries the marker, and no identifier, hash, uuid, timestamp or enum
 * value does, so a leak check on a crawled cache means something.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  assertSandboxClean,
  type BitbucketSandbox,
  CANARY,
  generateWorkspace,
  listPipelines,
  type SandboxModel,
  startBitbucketSandbox,
} from "../../src/sandbox/index.ts";

type Leaf = [path: string, value: unknown];

let model: SandboxModel;
let sandbox: BitbucketSandbox;
/** Every leaf of every value served by each resource, with its path inside the value. */
const served = new Map<string, Leaf[]>();

beforeAll(async () => {
  model = generateWorkspace({ seed: 73, repositories: 3, pullRequestsPerRepository: 30, pipelinesPerRepository: 60 });
  sandbox = await startBitbucketSandbox({ model });
  const base = "/repositories/corvana-sandbox";
  for (const repo of model.repositories) {
    const api = `${base}/${repo.slug}`;
    const steps = listPipelines(model, repo.slug).map((p) => `${api}/pipelines/${encodeURIComponent(p.uuid)}/steps`);
    const lists: Record<string, string[]> = {
      activity: [`${api}/pullrequests/activity?pagelen=50`],
      pipelines: [`${api}/pipelines?pagelen=100`],
      steps,
      environments: [`${api}/environments`],
      deployments: [`${api}/deployments?pagelen=100`],
      branches: [`${api}/refs/branches?pagelen=100`],
      commits: [`${api}/commits/${repo.mainBranch}?pagelen=100`],
    };
    for (const [resource, paths] of Object.entries(lists)) {
      for (const path of paths) for (const value of await walk(path)) add(resource, leaves(value));
    }
    add("branching model", leaves(await getJson(`${api}/effective-branching-model`)));
  }
});

afterAll(async () => {
  await sandbox.close();
  assertSandboxClean(sandbox);
});

async function getJson(path: string): Promise<Record<string, unknown>> {
  const url = path.startsWith("http") ? path : `${sandbox.url}${path}`;
  const response = await fetch(url, { headers: { authorization: "Bearer sandbox-token" } });
  expect(response.status).toBe(200);
  return (await response.json()) as Record<string, unknown>;
}

async function walk(path: string): Promise<unknown[]> {
  const values: unknown[] = [];
  let next: string | undefined = path;
  while (next !== undefined) {
    const page = (await getJson(next)) as { values: unknown[]; next?: string };
    values.push(...page.values);
    next = page.next;
  }
  return values;
}

function leaves(value: unknown, path = ""): Leaf[] {
  if (Array.isArray(value)) return value.flatMap((item) => leaves(item, path));
  if (typeof value === "object" && value !== null) {
    return Object.entries(value).flatMap(([key, child]) => leaves(child, path === "" ? key : `${path}.${key}`));
  }
  return [[path, value]];
}

function add(resource: string, found: Leaf[]): void {
  served.set(resource, [...(served.get(resource) ?? []), ...found]);
}

// Free text per resource (paths inside one value); branch names of the main and development branch are the exception.
const FREE_TEXT: Record<string, string[]> = {
  activity: [
    "update.title",
    "update.description",
    "update.source.branch.name",
    "update.author.display_name",
    "update.author.nickname",
    "approval.user.display_name",
    "approval.pullrequest.title",
    "changes_requested.user.nickname",
    "comment.content.raw",
    "comment.content.html",
    "comment.inline.path",
    "comment.user.display_name",
    "pull_request.title",
  ],
  pipelines: [
    "target.ref_name",
    "target.source",
    "variables.key",
    "variables.value",
    "creator.display_name",
    "repository.name",
  ],
  steps: [
    "name",
    "setup_commands.name",
    "setup_commands.command",
    "script_commands.command",
    "teardown_commands.command",
  ],
  environments: ["name"],
  deployments: ["environment.name", "release.name", "state.deployer.display_name"],
  branches: ["name", "target.message", "target.author.raw", "target.summary.raw", "target.rendered.message.raw"],
  commits: ["message", "summary.raw", "summary.html", "author.raw", "author.user.nickname"],
};
const NOT_TEXT = new Set(["", "main", "master", "develop"]);

// Identifier-like keys, and the enum-valued paths, that must never hold a canary.
const IDENTIFIER_KEYS =
  /(^|\.)(uuid|hash|id|account_id|slug|kind|prefix|type|commandType|markup|state|date|created_on|updated_on|started_on|completed_on|last_update_time|build_number|run_number)$/;
const ENUM_PATHS = /(state|result|stage|status|trigger|environment_type|category|lock)\.name$/;

describe("Bitbucket sandbox resources: canaries", () => {
  it("mark every free-text field of every resource", () => {
    for (const [resource, paths] of Object.entries(FREE_TEXT)) {
      const found = served.get(resource) ?? [];
      for (const path of paths) {
        const values = found.filter(([p, v]) => p === path && !NOT_TEXT.has(String(v))).map(([, v]) => String(v));
        expect([resource, path, values.length > 0]).toEqual([resource, path, true]);
        for (const value of values) expect([resource, path, value.includes(CANARY)]).toEqual([resource, path, true]);
      }
    }
  });

  it("mark custom pipeline names but not branch or tag globs", () => {
    const pipelines = served.get("pipelines") ?? [];
    const patterns = pipelines.filter(([p]) => p === "target.selector.pattern").map(([, v]) => String(v));
    expect(patterns.some((p) => p.includes(CANARY))).toBe(true);
    for (const pattern of patterns.filter((p) => !p.includes(CANARY))) {
      expect(pattern).toMatch(/^(\*\*|v\*|[a-z]+\/\*|main|master|develop)$/);
    }
  });

  it("never appear in identifiers, hashes, uuids, timestamps or enum values", () => {
    let checked = 0;
    for (const [resource, found] of served) {
      for (const [path, value] of found) {
        if (!IDENTIFIER_KEYS.test(path) && !ENUM_PATHS.test(path)) continue;
        checked++;
        expect([resource, path, String(value).includes(CANARY)]).toEqual([resource, path, false]);
      }
    }
    expect(checked).toBeGreaterThan(10_000);
  });

  it("leave the branching model's main and development branch names plain", () => {
    const names = (served.get("branching model") ?? []).filter(([p]) => p.endsWith("name")).map(([, v]) => v);
    expect(names.length).toBeGreaterThan(0);
    for (const name of names) expect(NOT_TEXT.has(String(name))).toBe(true);
  });
});
