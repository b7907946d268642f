import nock from "nock";
import { describe, expect, it } from "vitest";
import { BadDataError } from "../errors.ts";
import { endpoints, fieldsProjection } from "./endpoints.ts";
import { ResourceUnavailableError } from "./resource-unavailable.ts";
import { BASE, collect, ORIGIN, recorder, testClient, useStrictNock } from "./test-support/nock-harness.ts";
import { deploymentPayload, environmentPayload, pipelineUuid } from "./test-support/pipeline-payloads.ts";

useStrictNock();

const ENVIRONMENTS = "/2.0/repositories/acme/web/environments";
const DEPLOYMENTS = "/2.0/repositories/acme/web/deployments";

describe("listEnvironments", () => {
  it("asks for pagelen 100 and keeps uuid, type and rank, never the name", async () => {
    const { seen, reply } = recorder();
    nock(ORIGIN)
      .get(ENVIRONMENTS)
      .query(true)
      .reply(
        reply({
          values: [environmentPayload(1, "Test", 0), environmentPayload(2, "Staging", 1), environmentPayload(3)],
        }),
      );
    const [page] = await collect(testClient().listEnvironments("acme", "web"));
    expect(seen).toEqual([`${ENVIRONMENTS}?pagelen=100&fields=${fieldsProjection(endpoints.environments)}`]);
    expect(page?.values).toEqual([
      { uuid: "{33333333-0000-4000-8000-000000000001}", type: "Test", rank: 0 },
      { uuid: "{33333333-0000-4000-8000-000000000002}", type: "Staging", rank: 1 },
      { uuid: "{33333333-0000-4000-8000-000000000003}", type: "Production", rank: 2 },
    ]);
    expect(JSON.stringify(page)).not.toMatch(/CANARY|slug|name/);
  });

  it("fails on an environment without a type, naming the field", async () => {
    nock(ORIGIN)
      .get(ENVIRONMENTS)
      .query(true)
      .reply(200, { values: [{ ...environmentPayload(1), environment_type: undefined }] });
    const error = await collect(testClient().listEnvironments("acme", "web")).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BadDataError);
    expect((error as Error).message).toContain(`for ${ENVIRONMENTS}: values[0].environment_type: `);
  });

  it("throws ResourceUnavailableError on a 404 (no Pipelines, no environments)", async () => {
    nock(ORIGIN).get(ENVIRONMENTS).query(true).reply(404, {});
    await expect(collect(testClient().listEnvironments("acme", "web"))).rejects.toMatchObject({
      resource: "environments",
      status: 404,
    });
  });
});

describe("listDeployments", () => {
  it("asks for pagelen 50 without q or sort, and follows next verbatim", async () => {
    const { seen, reply } = recorder();
    const next = `${BASE}/repositories/acme/web/deployments?pagelen=50&page=2&fields=x`;
    nock(ORIGIN)
      .get(DEPLOYMENTS)
      .query(true)
      .reply(reply({ values: [deploymentPayload(2)], next }))
      .get(DEPLOYMENTS)
      .query(true)
      .reply(reply({ values: [deploymentPayload(1)] }));
    const pages = await collect(testClient().listDeployments("acme", "web"));
    expect(seen).toEqual([
      `${DEPLOYMENTS}?pagelen=50&fields=${fieldsProjection(endpoints.deployments)}`,
      "/2.0/repositories/acme/web/deployments?pagelen=50&page=2&fields=x",
    ]);
    expect(pages.flatMap((page) => page.values.map((d) => d.pipelineUuid))).toEqual([pipelineUuid(2), pipelineUuid(1)]);
  });

  it("keeps state, status, times, environment, pipeline and commit; drops release names, URLs and the deployer", async () => {
    nock(ORIGIN)
      .get(DEPLOYMENTS)
      .query(true)
      .reply(200, { values: [deploymentPayload(1)] });
    const [page] = await collect(testClient().listDeployments("acme", "web"));
    expect(page?.values).toEqual([
      {
        uuid: "{44444444-0000-4000-8000-000000000001}",
        environmentUuid: "{33333333-0000-4000-8000-000000000001}",
        state: "COMPLETED",
        status: "SUCCESSFUL",
        startedOn: "2024-03-02T09:00:00.123Z",
        completedOn: "2024-03-02T09:05:00.123Z",
        pipelineUuid: pipelineUuid(1),
        commit: "fedcba9876543210fedcba9876543210fedcba98",
        lastUpdateTime: "2024-03-02T09:05:00.123Z",
      },
    ]);
    expect(JSON.stringify(page)).not.toMatch(/CANARY|https:|release|deployer|name/);
  });

  it("accepts an undeployed deployment: no status, no times, no release", async () => {
    const undeployed = deploymentPayload(3, {
      state: { name: "UNDEPLOYED" },
      release: null,
      last_update_time: undefined,
      environment: { name: "CANARY-ENVIRONMENT-NAME" },
    });
    nock(ORIGIN)
      .get(DEPLOYMENTS)
      .query(true)
      .reply(200, { values: [undeployed] });
    const [page] = await collect(testClient().listDeployments("acme", "web"));
    expect(page?.values).toEqual([
      {
        uuid: "{44444444-0000-4000-8000-000000000003}",
        environmentUuid: null,
        state: "UNDEPLOYED",
        status: null,
        startedOn: null,
        completedOn: null,
        pipelineUuid: null,
        commit: null,
        lastUpdateTime: null,
      },
    ]);
  });

  it("fails on a deployment state that is free text, without echoing it", async () => {
    nock(ORIGIN)
      .get(DEPLOYMENTS)
      .query(true)
      .reply(200, { values: [deploymentPayload(1, { state: { name: "CANARY deployed by someone" } })] });
    const error = await collect(testClient().listDeployments("acme", "web")).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BadDataError);
    expect((error as Error).message).toBe(
      `Bitbucket sent unexpected data for ${DEPLOYMENTS}: values[0].state.name: expected an enum-like name.`,
    );
  });

  it("throws ResourceUnavailableError on a 403", async () => {
    nock(ORIGIN).get(DEPLOYMENTS).query(true).reply(403, {});
    const error = await collect(testClient().listDeployments("acme", "web")).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ResourceUnavailableError);
    expect(error).toMatchObject({ resource: "deployments", status: 403 });
  });
});
