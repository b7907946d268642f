import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  assertSandboxClean,
  type BitbucketSandbox,
  generateWorkspace,
  listPullRequests,
  type SandboxModel,
  startBitbucketSandbox,
  touchPullRequest,
} from "../../src/sandbox/index.ts";

const AUTH = { authorization: "Bearer sandbox-token" };
const ALL_STATES = "state=OPEN&state=MERGED&state=DECLINED&state=SUPERSEDED";

let model: SandboxModel;
let sandbox: BitbucketSandbox;

beforeEach(async () => {
  model = generateWorkspace({ seed: 17, repositories: 3, pullRequestsPerRepository: 60 });
  sandbox = await startBitbucketSandbox({ model });
});

afterEach(async () => {
  await sandbox.close();
  assertSandboxClean(sandbox);
});

/** The parts of a pull request these tests read. */
interface PullRequestJson {
  [key: string]: unknown;
  id: number;
  state: string;
  updated_on: string;
  participants: Array<Record<string, unknown>>;
  reviewers: unknown[];
  source: { commit: { hash: string } };
}

/** A page of pull requests, or an error. */
interface PageJson {
  [key: string]: unknown;
  values: PullRequestJson[];
  next?: string;
  size?: number;
  type?: string;
  error: { message: string };
}

async function get<T = PageJson>(pathOrUrl: string, headers: Record<string, string> = AUTH) {
  const url = pathOrUrl.startsWith("http") ? pathOrUrl : `${sandbox.url}${pathOrUrl}`;
  const response = await fetch(url, { headers });
  return { status: response.status, body: (await response.json()) as T };
}

const prs = (query: string) => `/repositories/corvana-sandbox/repo-001/pullrequests?${query}`;

describe("Bitbucket sandbox: pull requests", () => {
  it("lists only OPEN pull requests when no state is given", async () => {
    const open = listPullRequests(model, "repo-001").filter((pr) => pr.state === "OPEN");
    const { status, body } = await get(prs("pagelen=50"));
    expect(status).toBe(200);
    expect(body.size).toBe(open.length);
    expect(body.values.map((v) => v.state)).toEqual(open.map(() => "OPEN"));
  });

  it("returns every state when state is repeated", async () => {
    const { body } = await get(prs(`${ALL_STATES}&pagelen=50`));
    expect(body.size).toBe(60);
    const states = new Set(body.values.map((v) => v.state));
    expect(states).toEqual(new Set(["OPEN", "MERGED", "DECLINED", "SUPERSEDED"]));
    expect(sandbox.requests.at(-1)?.query.state).toEqual(["OPEN", "MERGED", "DECLINED", "SUPERSEDED"]);
  });

  it("rejects a pagelen of 51 with Bitbucket's 400 and accepts 50", async () => {
    const tooBig = await get(prs("pagelen=51"));
    expect(tooBig).toEqual({ status: 400, body: { type: "error", error: { message: "Invalid pagelen" } } });
    expect((await get(prs("pagelen=50"))).status).toBe(200);
  });

  it("gives every pull request exactly once when absolute next links are followed to the end", async () => {
    const seen: number[] = [];
    let next: string | undefined =
      `${sandbox.url}${prs(`${ALL_STATES}&pagelen=7&sort=updated_on&fields=next,values.id`)}`;
    let pages = 0;
    while (next) {
      expect(next.startsWith(`${sandbox.url}/repositories/`)).toBe(true);
      const { body }: { body: PageJson } = await get(next);
      seen.push(...body.values.map((v) => v.id));
      next = body.next;
      pages++;
    }
    expect(pages).toBe(9);
    expect([...seen].sort((a, b) => a - b)).toEqual(Array.from({ length: 60 }, (_, i) => i + 1));
    const followed = sandbox.requests.at(-1);
    expect(followed?.query.state).toHaveLength(4);
    expect(followed?.query.page).toEqual(["9"]);
  });

  it("sorts by updated_on descending by default and ascending on request", async () => {
    const times = async (query: string) =>
      (await get(prs(`${ALL_STATES}&pagelen=50&${query}`))).body.values.map((v) => v.updated_on);
    const byDefault = await times("");
    expect(byDefault).toEqual([...byDefault].sort().reverse());
    const ascending = await times("sort=updated_on");
    expect(ascending).toEqual([...ascending].sort());
  });

  it("includes participants and reviewers on the list only when fields asks for them", async () => {
    const plain = await get(prs(ALL_STATES));
    expect(plain.body.values[0]).not.toHaveProperty("participants");
    expect(plain.body.values[0]).not.toHaveProperty("reviewers");
    expect(plain.body.values[0]).toHaveProperty("summary");
    const added = await get(prs(`${ALL_STATES}&fields=%2Bvalues.participants,%2Bvalues.reviewers`));
    expect(added.body.values[0]).toHaveProperty("participants");
    expect(added.body.values[0]).toHaveProperty("title");
    const selected = await get(prs(`${ALL_STATES}&fields=next,values.id,values.participants.user.uuid`));
    const withParticipants = selected.body.values.find((v) => v.participants.length > 0);
    expect(Object.keys(withParticipants ?? {}).sort()).toEqual(["id", "participants"]);
    expect(Object.keys(withParticipants?.participants[0] ?? {})).toEqual(["user"]);
    expect(selected.body).toHaveProperty("next");
    expect(selected.body).not.toHaveProperty("size");
  });

  it("serves the full pull request with reviewers, participants and 12-character commit hashes", async () => {
    const expected = listPullRequests(model, "repo-001")[4];
    const { body } = await get<PullRequestJson>("/repositories/corvana-sandbox/repo-001/pullrequests/5");
    expect(body.id).toBe(5);
    expect(body.participants).toHaveLength(expected?.participants.length ?? -1);
    expect(body.reviewers).toHaveLength(expected?.reviewers.length ?? -1);
    expect(body.source.commit.hash).toBe(expected?.sourceCommit.slice(0, 12));
    expect(body.updated_on).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}\+00:00$/);
    expect((await get("/repositories/corvana-sandbox/repo-001/pullrequests/999")).status).toBe(404);
  });

  it("filters with q, and a touched pull request passes the watermark", async () => {
    const watermark = "2026-06-01T00:00:00%2B00:00";
    const query = prs(`${ALL_STATES}&q=updated_on%3E${watermark}&fields=values.id`);
    expect((await get(query)).body.values).toEqual([]);
    touchPullRequest(model, "repo-001", 12, new Date("2026-06-02T00:00:00Z"));
    expect((await get(query)).body.values).toEqual([{ id: 12 }]);
    const keyset = await get(prs(`${ALL_STATES}&sort=id&q=id%3E55%20AND%20(state%3D%22MERGED%22%20OR%20id%3E=59)`));
    expect(keyset.body.values.length).toBeGreaterThan(0);
    for (const v of keyset.body.values) expect(v.id > 55 && (v.state === "MERGED" || v.id >= 59)).toBe(true);
  });

  it("answers 400 to a q it cannot parse, such as an unencoded + offset", async () => {
    const { status, body } = await get(prs("q=updated_on%3E2026-01-01T00:00:00+00:00"));
    expect(status).toBe(400);
    expect(body.type).toBe("error");
  });
});

describe("Bitbucket sandbox: authentication", () => {
  it("answers 401 with a JSON error without a token, with an unknown one and with an expired one", async () => {
    for (const headers of [{}, { authorization: "Bearer nope" }]) {
      const { status, body } = await get("/user", headers);
      expect(status).toBe(401);
      expect(body.type).toBe("error");
      expect(typeof body.error.message).toBe("string");
    }
    sandbox.tokens.expire("sandbox-token");
    expect((await get("/user")).body.error.message).toMatch(/expired/);
  });
});
