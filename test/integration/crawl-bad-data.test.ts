import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { BadDataError } from "../../src/errors.ts";
import {
  assertSandboxClean,
  type BitbucketSandbox,
  generateWorkspace,
  startBitbucketSandbox,
} from "../../src/sandbox/index.ts";
import { crawlDatabase, crawlOnce, dumpAll } from "../helpers/crawl-harness.ts";
import { startTamperingProxy, type TamperingProxy } from "../helpers/tampering-proxy.ts";
import { createTempHome } from "../helpers/temp-home.ts";

let sandbox: BitbucketSandbox;
let proxy: TamperingProxy;
let home: { dir: string; remove(): void };

beforeEach(async () => {
  sandbox = await startBitbucketSandbox({
    model: generateWorkspace({ seed: 55, repositories: 3, pullRequestsPerRepository: 30, withoutPipelines: 0 }),
  });
  proxy = await startTamperingProxy(sandbox.origin);
  home = createTempHome();
});

afterEach(async () => {
  assertSandboxClean(sandbox);
  await proxy.close();
  await sandbox.close();
  home.remove();
});

type Body = Record<string, unknown>;
const values = (body: Body) => body.values as Body[];

describe("bad data from Bitbucket", () => {
  it("ends the run naming the endpoint and the field, and commits nothing of the page", async () => {
    const target = sandbox.model.repositories[1];
    proxy.setTamper((path, _query, body) => {
      if (!path.endsWith(`/${target?.slug}/pipelines`)) return body;
      const value = values(body)[5] as Body;
      value.created_on = "yesterday at noon";
      return body;
    });
    const run = crawlOnce(sandbox, home.dir, { baseUrl: proxy.url, concurrency: 1 });
    await expect(run).rejects.toBeInstanceOf(BadDataError);
    await expect(run).rejects.toMatchObject({ exitCode: 8 });
    await expect(run).rejects.toThrow(`/repositories/${sandbox.model.workspace.slug}/${target?.slug}/pipelines`);
    await expect(run).rejects.toThrow("values[5].created_on");
    const dump = dumpAll(crawlDatabase(home.dir));
    expect(dump.pipelines.filter((p) => p.repo_uuid === target?.uuid)).toEqual([]);
    // What was committed before the bad page stays, and the next run (with good data) completes.
    expect(dump.pull_requests.filter((p) => p.repo_uuid === target?.uuid).length).toBeGreaterThan(0);
    proxy.setTamper(undefined);
    const resumed = await crawlOnce(sandbox, home.dir, { baseUrl: proxy.url });
    expect(resumed.outcome).toBe("success");
  });

  it("rejects an activity page with a bad date and stores none of its events", async () => {
    proxy.setTamper((path, query, body) => {
      if (!path.endsWith("/pullrequests/activity") || query.has("ctx")) return body;
      const entry = values(body).find((v) => v.approval !== undefined) as { approval: Body } | undefined;
      if (entry) entry.approval.date = "not a date";
      return body;
    });
    await expect(crawlOnce(sandbox, home.dir, { baseUrl: proxy.url, concurrency: 1 })).rejects.toThrow(
      /\/pullrequests\/activity: values\[\d+\]\.approval\.date/,
    );
    expect(dumpAll(crawlDatabase(home.dir)).pr_events).toEqual([]);
  });

  it("reports a token that silently lost access when the repository list comes back empty, and deletes nothing", async () => {
    await crawlOnce(sandbox, home.dir, { baseUrl: proxy.url });
    const before = dumpAll(crawlDatabase(home.dir));
    proxy.setTamper((path, _query, body) =>
      path.endsWith(`/repositories/${sandbox.model.workspace.slug}`) ? { ...body, values: [] } : body,
    );
    await expect(crawlOnce(sandbox, home.dir, { baseUrl: proxy.url })).rejects.toMatchObject({
      exitCode: 3,
      message: expect.stringMatching(/no repositories .* cache holds 3 .*lost access.*Nothing was deleted/),
      hint: expect.stringMatching(/read access/),
    });
    expect(dumpAll(crawlDatabase(home.dir))).toEqual(before);
  });

  it("reports a --full walk that finds no pull requests where the cache holds some", async () => {
    await crawlOnce(sandbox, home.dir, { baseUrl: proxy.url });
    const before = dumpAll(crawlDatabase(home.dir));
    const target = sandbox.model.repositories[0];
    proxy.setTamper((path, _query, body) =>
      path.endsWith(`/${target?.slug}/pullrequests`) ? { ...body, values: [], next: undefined } : body,
    );
    await expect(crawlOnce(sandbox, home.dir, { baseUrl: proxy.url, full: true })).rejects.toMatchObject({
      exitCode: 3,
      message: expect.stringContaining(`pull requests for ${sandbox.model.workspace.slug}/${target?.slug}`),
    });
    expect(dumpAll(crawlDatabase(home.dir))).toEqual(before);
  });

  it("reports a --full walk that finds no pipelines where the cache holds some", async () => {
    await crawlOnce(sandbox, home.dir, { baseUrl: proxy.url });
    const target = sandbox.model.repositories[2];
    proxy.setTamper((path, _query, body) =>
      path.endsWith(`/${target?.slug}/pipelines`) ? { ...body, values: [], size: 0, next: undefined } : body,
    );
    await expect(crawlOnce(sandbox, home.dir, { baseUrl: proxy.url, full: true })).rejects.toMatchObject({
      exitCode: 3,
      message: expect.stringContaining("pipelines"),
    });
  });
});
