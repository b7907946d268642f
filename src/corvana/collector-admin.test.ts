import nock from "nock";
import { describe, expect, it } from "vitest";
import { recorder, useStrictNock } from "../bitbucket/test-support/nock-harness.ts";
import { createCollectorAdmin } from "./collector-admin.ts";
import { CorvanaUnavailableError } from "./corvana-client.ts";

useStrictNock();

const ORIGIN = "https://corvana.example";
const INGEST_TOKEN = "ingest-SECRET-5e1f";
const admin = () => createCollectorAdmin({ baseUrl: ORIGIN, ingestToken: INGEST_TOKEN, userAgentVersion: "9.8.7" });

describe("collector administration", () => {
  it("reads Corvana's view of the collector with the ingest token as Bearer", async () => {
    const { reply, requests } = recorder();
    nock(ORIGIN)
      .get("/v1/collectors/col_1")
      .reply(
        reply({
          collector_id: "col_1",
          status: "active",
          last_bundle_at: "2026-03-01T08:00:00Z",
          bundles: 4,
          records: 900,
        }),
      );
    expect(await admin().getCollector("col_1")).toEqual({
      found: true,
      status: "active",
      lastBundleAt: "2026-03-01T08:00:00Z",
      bundles: 4,
      records: 900,
    });
    expect(requests[0]?.headers.get("authorization")).toBe(`Bearer ${INGEST_TOKEN}`);
    expect(requests[0]?.headers.get("user-agent")).toBe("corvana-bb/9.8.7 (+https://github.com/corvana/corvana-bb)");
  });

  it("says when Corvana does not know the collector", async () => {
    nock(ORIGIN).get("/v1/collectors/col_gone").reply(404, { error: "unknown_collector" });
    expect(await admin().getCollector("col_gone")).toEqual({ found: false });
  });

  it("asks for deletion with purge=true and returns the receipt", async () => {
    const { reply, seen } = recorder();
    nock(ORIGIN)
      .delete("/v1/collectors/col_1")
      .query({ purge: "true" })
      .reply(reply({ deletion_id: "del_9", complete_by: "2026-03-02T08:00:00Z" }, 202));
    expect(await admin().deleteCollector("col_1", { purge: true })).toEqual({
      outcome: "purge-accepted",
      deletionId: "del_9",
      completeBy: "2026-03-02T08:00:00Z",
    });
    expect(seen).toEqual(["/v1/collectors/col_1?purge=true"]);
  });

  it("revokes without purge and accepts an empty 204", async () => {
    const { reply, seen } = recorder();
    nock(ORIGIN)
      .delete("/v1/collectors/col_1")
      .reply(reply("", 204, {}));
    expect(await admin().deleteCollector("col_1", { purge: false })).toEqual({ outcome: "revoked" });
    expect(seen).toEqual(["/v1/collectors/col_1"]);
  });

  it("treats 5xx, 429 and network errors as Corvana being unavailable, without the token in the message", async () => {
    nock(ORIGIN).delete("/v1/collectors/col_1").query(true).reply(503, "down");
    nock(ORIGIN).get("/v1/collectors/col_1").reply(429, "slow down");
    nock(ORIGIN)
      .get("/v1/collectors/col_2")
      .replyWithError(Object.assign(new Error("reset"), { code: "ECONNRESET" }));
    for (const call of [
      admin().deleteCollector("col_1", { purge: true }),
      admin().getCollector("col_1"),
      admin().getCollector("col_2"),
    ]) {
      const error = await call.catch((e: unknown) => e);
      expect(error).toBeInstanceOf(CorvanaUnavailableError);
      expect((error as Error).message).not.toContain(INGEST_TOKEN);
    }
  });

  it("refuses a revoked token with a hint to enroll again", async () => {
    nock(ORIGIN).delete("/v1/collectors/col_1").query(true).reply(401, { error: "invalid_ingest_token" });
    await expect(admin().deleteCollector("col_1", { purge: true })).rejects.toMatchObject({
      exitCode: 2,
      message: expect.stringContaining("invalid_ingest_token"),
      hint: expect.stringContaining("--enroll-only"),
    });
  });

  it("does not take a 202 without a usable receipt as a deletion", async () => {
    nock(ORIGIN).delete("/v1/collectors/col_1").query(true).reply(202, { deletion_id: "del_9" });
    await expect(admin().deleteCollector("col_1", { purge: true })).rejects.toMatchObject({ name: "BadDataError" });
  });
});
