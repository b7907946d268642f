/**
 * Derives a repository's deployment environments: the Test, Staging and Production environments
 * Bitbucket creates with Deployments, in that order (pipelines deploy to indexes 0–2), and in some
 * repositories a second Test environment. Names are free text (canaries); slugs and types are not.
 */
import { canary } from "./canary.ts";
import type { SandboxModel, SandboxRepository } from "./model.ts";
import { ENVIRONMENT_TYPES, type SandboxEnvironment } from "./model-resources.ts";
import { createRandom, mixSeed, randomUuid } from "./random.ts";

/** The repository's environments (none when Pipelines is not enabled). */
export function deriveEnvironments(model: SandboxModel, repo: SandboxRepository): SandboxEnvironment[] {
  if (repo.pipelinesUnavailable !== null) return [];
  const random = createRandom(mixSeed(model.seed, 60, repo.index));
  const r = `r${repo.index + 1}`;
  const list: SandboxEnvironment[] = ENVIRONMENT_TYPES.map((type, rank) => ({
    uuid: randomUuid(random),
    name: `${type} ${canary("environment", r, `e${rank + 1}`)}`,
    slug: type.toLowerCase(),
    type,
    rank,
  }));
  const extra = randomUuid(random);
  if (random.chance(0.3)) {
    list.push({ uuid: extra, name: `QA ${canary("environment", r, "e4")}`, slug: "qa", type: "Test", rank: 0 });
  }
  return list;
}
