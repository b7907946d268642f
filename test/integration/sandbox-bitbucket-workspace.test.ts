import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  assertSandboxClean,
  type BitbucketSandbox,
  CANARY,
  generateWorkspace,
  type SandboxModel,
  startBitbucketSandbox,
} from "../../src/sandbox/index.ts";

const AUTH = { authorization: "Bearer sandbox-token" };

let model: SandboxModel;
let sandbox: BitbucketSandbox;

beforeEach(async () => {
  model = generateWorkspace({ seed: 23, repositories: 25, pullRequestsPerRepository: 4 });
  sandbox = await startBitbucketSandbox({ model });
});

afterEach(async () => {
  await sandbox.close();
  assertSandboxClean(sandbox);
});

/** The parts of a repository, workspace or user these tests read. */
interface ObjectJson {
  [key: string]: unknown;
  type: string;
  name: string;
  display_name: string;
  updated_on: string;
}

/** A response body: one object, or a page of them. */
interface BodyJson extends ObjectJson {
  values: ObjectJson[];
  next?: string;
}

async function get(pathOrUrl: string) {
  const url = pathOrUrl.startsWith("http") ? pathOrUrl : `${sandbox.url}${pathOrUrl}`;
  const response = await fetch(url, { headers: AUTH });
  return { status: response.status, body: (await response.json()) as BodyJson };
}

describe("Bitbucket sandbox: account and workspace", () => {
  it("serves the token owner on /user, with a canary display name", async () => {
    const { body } = await get("/user");
    expect(body).toMatchObject({ type: "user", uuid: model.people[0]?.uuid, account_id: model.people[0]?.accountId });
    expect(body.display_name).toContain(CANARY);
  });

  it("lists the workspace on /user/workspaces and serves it by slug and by {uuid}", async () => {
    const { body } = await get("/user/workspaces");
    expect(body.values).toHaveLength(1);
    expect(body.values[0]).toMatchObject({ type: "workspace_access", workspace: { slug: "corvana-sandbox" } });
    const bySlug = await get("/workspaces/corvana-sandbox");
    const byUuid = await get(`/workspaces/${encodeURIComponent(model.workspace.uuid)}`);
    expect(bySlug.body).toEqual(byUuid.body);
    expect(bySlug.body.type).toBe("workspace");
    expect((await get("/workspaces/someone-else")).status).toBe(404);
  });
});

describe("Bitbucket sandbox: repositories", () => {
  it("pages repositories with a default pagelen of 10 and accepts up to 100", async () => {
    const first = await get("/repositories/corvana-sandbox");
    expect(first.body).toMatchObject({ pagelen: 10, size: 25, page: 1 });
    expect(first.body.values).toHaveLength(10);
    expect(first.body.next).toBe(`${sandbox.url}/repositories/corvana-sandbox?page=2`);
    const all = await get("/repositories/corvana-sandbox?pagelen=100");
    expect(all.body.values).toHaveLength(25);
    expect(all.body).not.toHaveProperty("next");
    expect((await get("/repositories/corvana-sandbox?pagelen=101")).status).toBe(400);
  });

  it("filters repositories on updated_on and sorts them", async () => {
    const cutoff = model.repositories.map((r) => r.updatedOn).sort()[12] ?? "";
    const q = encodeURIComponent(`updated_on >= ${cutoff.replace("+00:00", "Z")}`);
    const { body } = await get(`/repositories/corvana-sandbox?pagelen=100&sort=-updated_on&q=${q}`);
    const times = body.values.map((v) => v.updated_on);
    expect(times).toHaveLength(13);
    expect(times).toEqual([...times].sort().reverse());
  });

  it("serves one repository by slug or {uuid} with its project, main branch and canary name", async () => {
    const repo = model.repositories[3];
    const bySlug = await get(`/repositories/corvana-sandbox/${repo?.slug}`);
    const byUuid = await get(`/repositories/corvana-sandbox/${encodeURIComponent(repo?.uuid ?? "")}`);
    expect(byUuid.body).toEqual(bySlug.body);
    expect(bySlug.body).toMatchObject({
      uuid: repo?.uuid,
      slug: repo?.slug,
      project: { key: repo?.projectKey },
      mainbranch: { name: repo?.mainBranch, type: "branch" },
    });
    expect(bySlug.body.name).toContain(CANARY);
    expect((await get("/repositories/corvana-sandbox/no-such-repo")).status).toBe(404);
  });
});
