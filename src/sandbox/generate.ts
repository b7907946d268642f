/**
 * Generates the deterministic sandbox workspace: the same seed and sizes always give a
 * byte-identical model. Pull requests, their activity, pipeline runs, commits and branches are
 * derived lazily (generate-*.ts), so 500 repositories × 4,000 pull requests × 2,000 runs cost
 * almost nothing until they are served. Each kind draws from its own seeded streams, so adding one
 * never changes another.
 */
import { canary } from "./canary.ts";
import type { SandboxModel, SandboxPerson, SandboxRepository } from "./model.ts";
import { createRandom, mixSeed, type Random, randomUuid } from "./random.ts";
import { dateToMicros, formatMicros, MICROS } from "./timestamps.ts";

/** What to generate. */
export interface GenerateWorkspaceOptions {
  seed: number;
  repositories: number;
  pullRequestsPerRepository: number;
  /** How many people work in the workspace (at least 4; default 12). */
  people?: number;
  /** Workspace slug (default `corvana-sandbox`). */
  slug?: string;
  /** The generation instant every timestamp is relative to (default `DEFAULT_SANDBOX_NOW`). */
  now?: Date;
  /** Pipeline runs per repository with Pipelines enabled (default 30). */
  pipelinesPerRepository?: number;
  /** Commits on each repository's main branch (default 60). */
  commitsPerRepository?: number;
  /**
   * The fraction (0–1) of repositories without Pipelines (default 0.1), spread evenly over the
   * list: with 0.2, repositories 5, 10, 15, … answer 404, 403, 404, … for pipelines.
   */
  withoutPipelines?: number;
}

/** The default clock of a generated workspace, fixed so that models repeat across days. */
export const DEFAULT_SANDBOX_NOW = new Date("2026-06-01T00:00:00.000Z");

const LANGUAGES = ["typescript", "java", "python", "go", "kotlin", "javascript", "c#", ""] as const;

/** Builds the workspace, its people and its repositories from the seed. */
export function generateWorkspace(options: GenerateWorkspaceOptions): SandboxModel {
  const peopleCount = options.people ?? 12;
  if (peopleCount < 4) throw new RangeError("the sandbox needs at least 4 people (an author and 3 reviewers)");
  const counts = [
    options.repositories,
    options.pullRequestsPerRepository,
    options.pipelinesPerRepository ?? 0,
    options.commitsPerRepository ?? 0,
  ];
  if (counts.some((count) => count < 0)) throw new RangeError("counts must not be negative");
  const withoutPipelines = options.withoutPipelines ?? 0.1;
  if (!(withoutPipelines >= 0 && withoutPipelines <= 1)) throw new RangeError("withoutPipelines must be within 0–1");
  const now = options.now ?? DEFAULT_SANDBOX_NOW;
  const random = createRandom(mixSeed(options.seed, 0));
  const workspace = {
    slug: options.slug ?? "corvana-sandbox",
    uuid: randomUuid(random),
    name: `Sandbox workspace ${canary("workspace-name")}`,
    createdOn: formatMicros(dateToMicros(now) - 1800 * MICROS.day),
  };
  const people = Array.from({ length: peopleCount }, (_, i) => generatePerson(random, i + 1));
  const projects = Math.max(1, Math.ceil(options.repositories / 8));
  const repositories = Array.from({ length: options.repositories }, (_, index) =>
    generateRepository({
      random: createRandom(mixSeed(options.seed, 1, index)),
      index,
      width: Math.max(3, String(options.repositories).length),
      project: generateProject(options.seed, index % projects),
      nowMicros: dateToMicros(now),
      pullRequests: options.pullRequestsPerRepository,
      pipelines: options.pipelinesPerRepository ?? 30,
      commits: options.commitsPerRepository ?? 60,
      pipelinesUnavailable: pipelinesUnavailable(index, withoutPipelines),
    }),
  );
  return {
    seed: options.seed,
    generatedAt: now.toISOString(),
    now: now.toISOString(),
    revision: 0,
    workspace,
    people,
    repositories,
  };
}

function generatePerson(random: Random, label: number): SandboxPerson {
  return {
    uuid: randomUuid(random),
    accountId: random.hex(24),
    displayName: `Person ${label} ${canary("name", `u${label}`)}`,
    nickname: canary("nick", `u${label}`),
    email: `${canary("mail", `u${label}`)}@example.invalid`,
  };
}

interface Project {
  key: string;
  uuid: string;
  name: string;
}

/** Project `k` (0-based) of the workspace; repositories are spread over projects round-robin. */
function generateProject(seed: number, k: number): Project {
  const key = `PRJ${String(k + 1).padStart(2, "0")}`;
  const uuid = randomUuid(createRandom(mixSeed(seed, 4, k)));
  return { key, uuid, name: `Project ${k + 1} ${canary("project-name", key)}` };
}

interface RepositoryInput {
  random: Random;
  index: number;
  width: number;
  project: Project;
  nowMicros: number;
  pullRequests: number;
  pipelines: number;
  commits: number;
  pipelinesUnavailable: 403 | 404 | null;
}

function generateRepository(input: RepositoryInput): SandboxRepository {
  const { random, index } = input;
  const label = index + 1;
  // Older than its oldest pull request (those start two years back), pushed to in the last two weeks.
  const createdOn = input.nowMicros - (730 + random.int(1, 1000)) * MICROS.day - random.int(0, MICROS.day);
  const updatedOn = input.nowMicros - random.int(MICROS.hour, 14 * MICROS.day);
  return {
    index,
    uuid: randomUuid(random),
    slug: `repo-${String(label).padStart(input.width, "0")}`,
    name: `Repository ${label} ${canary("repo-name", `r${label}`)}`,
    description: `Service ${canary("repo-description", `r${label}`)}`,
    projectKey: input.project.key,
    projectUuid: input.project.uuid,
    projectName: input.project.name,
    isPrivate: random.chance(0.9),
    createdOn: formatMicros(createdOn),
    updatedOn: formatMicros(updatedOn),
    size: random.int(50_000, 500_000_000),
    language: random.pick(LANGUAGES),
    mainBranch: random.chance(0.7) ? "main" : "master",
    developmentBranch: random.chance(0.4) ? "develop" : null,
    generatedPullRequests: input.pullRequests,
    changedPullRequests: {},
    addedActivity: {},
    pipelinesUnavailable: input.pipelinesUnavailable,
    generatedPipelines: input.pipelinesUnavailable === null ? input.pipelines : 0,
    changedPipelines: {},
    generatedCommits: input.commits,
    addedCommits: [],
  };
}

/**
 * Spreads the repositories without Pipelines evenly (repository i lacks them when ⌊(i+1)·f⌋ grows),
 * so a test knows which ones they are; the first answers 404, the second 403, and so on
 * (api-notes.md §9.13: both statuses are seen).
 */
function pipelinesUnavailable(index: number, fraction: number): 403 | 404 | null {
  const before = Math.floor(index * fraction);
  const through = Math.floor((index + 1) * fraction);
  if (through === before) return null;
  return through % 2 === 1 ? 404 : 403;
}
