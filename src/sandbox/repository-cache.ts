/**
 * A small cache of data derived per repository (pull request timelines, activity feeds, pipeline
 * runs, commits), so paging through a repository of thousands of items derives them once, not once
 * per page. It belongs to one server, is bounded (least recently used repositories are dropped)
 * and is discarded whenever the model changes.
 */
import type { SandboxModel, SandboxRepository } from "./model.ts";

/** Derived data of each repository, built on first use. */
export interface RepositoryCache<T> {
  get(repo: SandboxRepository): T;
}

/** Creates a cache over `model` that builds with `build` and keeps at most `capacity` repositories. */
export function createRepositoryCache<T>(
  model: SandboxModel,
  build: (repo: SandboxRepository) => T,
  capacity = 32,
): RepositoryCache<T> {
  const cache = new Map<string, T>();
  let revision = model.revision;
  return {
    get(repo) {
      if (revision !== model.revision) {
        cache.clear();
        revision = model.revision;
      }
      if (cache.has(repo.uuid)) {
        const cached = cache.get(repo.uuid) as T;
        // Re-insert to mark it as most recently used.
        cache.delete(repo.uuid);
        cache.set(repo.uuid, cached);
        return cached;
      }
      const fresh = build(repo);
      cache.set(repo.uuid, fresh);
      const oldest = cache.keys().next();
      if (cache.size > capacity && !oldest.done) cache.delete(oldest.value);
      return fresh;
    },
  };
}
