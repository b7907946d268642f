import { describe, expect, it } from "vitest";
import { pathOf } from "./url-path.ts";

describe("pathOf", () => {
  it("drops the query string", () => {
    expect(pathOf("https://api.bitbucket.org/2.0/repositories/acme/web/pipelines?page=2&fields=x")).toBe(
      "/2.0/repositories/acme/web/pipelines",
    );
  });

  it("masks the revision of a commits path, slashes and all, so no branch name reaches a message or log", () => {
    expect(pathOf("https://api.bitbucket.org/2.0/repositories/acme/web/commits/release%2FCANARY?page=ab12")).toBe(
      "/2.0/repositories/acme/web/commits/{revision}",
    );
    expect(pathOf("https://api.bitbucket.org/2.0/repositories/acme/web/commits/feature/CANARY/x")).toBe(
      "/2.0/repositories/acme/web/commits/{revision}",
    );
  });

  it("leaves other paths that mention commits alone", () => {
    expect(pathOf("https://api.bitbucket.org/2.0/repositories/acme/commits/pullrequests")).toBe(
      "/2.0/repositories/acme/commits/pullrequests",
    );
  });

  it("says so for a URL it cannot parse", () => {
    expect(pathOf("not a url")).toBe("(invalid URL)");
  });
});
