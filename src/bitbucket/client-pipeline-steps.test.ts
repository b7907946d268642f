import nock from "nock";
import { describe, expect, it } from "vitest";
import { endpoints, fieldsProjection } from "./endpoints.ts";
import { collect, ORIGIN, recorder, testClient, useStrictNock } from "./test-support/nock-harness.ts";
import { pipelineUuid, stepPayload } from "./test-support/pipeline-payloads.ts";

useStrictNock();

const PIPELINES = "/2.0/repositories/acme/web/pipelines";

describe("listPipelineSteps", () => {
  const STEPS = `${PIPELINES}/${encodeURIComponent(pipelineUuid(5))}/steps`;
  const STEP_FIELDS = fieldsProjection(endpoints.pipelineSteps);

  it("pages by number without next like pipelines, with pagelen 100 and the step projection", async () => {
    const { seen, reply } = recorder();
    const full = Array.from({ length: 100 }, (_, i) => stepPayload(5, i + 1));
    nock(ORIGIN)
      .get(STEPS)
      .query(true)
      .reply(reply({ page: 1, pagelen: 100, values: full }))
      .get(STEPS)
      .query(true)
      .reply(reply({ page: 2, pagelen: 100, values: [stepPayload(5, 101)] }));
    const pages = await collect(testClient().listPipelineSteps("acme", "web", pipelineUuid(5)));
    expect(seen).toEqual([
      `${STEPS}?pagelen=100&page=1&fields=${STEP_FIELDS}`,
      `${STEPS}?pagelen=100&page=2&fields=${STEP_FIELDS}`,
    ]);
    expect(pages.flatMap((page) => page.values)).toHaveLength(101);
  });

  it("keeps timing and outcome only: never the step name, image or commands", async () => {
    const pending = stepPayload(5, 2, {
      state: { name: "PENDING" },
      started_on: undefined,
      completed_on: null,
      duration_in_seconds: undefined,
    });
    nock(ORIGIN)
      .get(STEPS)
      .query(true)
      .reply(200, { values: [stepPayload(5, 1), pending] });
    const [page] = await collect(testClient().listPipelineSteps("acme", "web", pipelineUuid(5)));
    expect(page?.values).toEqual([
      {
        uuid: "{22222222-0000-4000-8000-000000000501}",
        pipelineUuid: pipelineUuid(5),
        state: "COMPLETED",
        result: "SUCCESSFUL",
        startedOn: "2024-03-01T10:21:00.000Z",
        completedOn: "2024-03-01T10:24:00.000Z",
        durationSeconds: 180,
        buildSecondsUsed: 180,
      },
      {
        uuid: "{22222222-0000-4000-8000-000000000502}",
        pipelineUuid: pipelineUuid(5),
        state: "PENDING",
        result: null,
        startedOn: null,
        completedOn: null,
        durationSeconds: null,
        buildSecondsUsed: 180,
      },
    ]);
    expect(JSON.stringify(page)).not.toMatch(/CANARY|command|image|name/);
  });

  it("throws ResourceUnavailableError on a 403", async () => {
    nock(ORIGIN).get(STEPS).query(true).reply(403, {});
    await expect(collect(testClient().listPipelineSteps("acme", "web", pipelineUuid(5)))).rejects.toMatchObject({
      resource: "pipeline steps",
      status: 403,
    });
  });

  it("fails on a step without its pipeline, naming the field", async () => {
    nock(ORIGIN)
      .get(STEPS)
      .query(true)
      .reply(200, { values: [stepPayload(5, 1, { pipeline: undefined })] });
    await expect(collect(testClient().listPipelineSteps("acme", "web", pipelineUuid(5)))).rejects.toThrow(
      `for ${STEPS}: values[0].pipeline: `,
    );
  });
});
