/**
 * Which repositories a sync covers: `includeRepositories` and `excludeRepositories` are globs on the
 * repository slug (`*` any run of characters, `?` one character, case-insensitive). No include list means
 * every repository; exclusion wins over inclusion.
 */

/** Decides by slug whether a repository is in scope. */
export type RepositoryFilter = (slug: string) => boolean;

/** Builds the filter of the configured globs. */
export function createRepositoryFilter(include: readonly string[], exclude: readonly string[]): RepositoryFilter {
  const included = include.map(globToRegExp);
  const excluded = exclude.map(globToRegExp);
  return (slug) =>
    (included.length === 0 || included.some((re) => re.test(slug))) && !excluded.some((re) => re.test(slug));
}

/** A glob as an anchored regular expression; every other character is literal. */
export function globToRegExp(glob: string): RegExp {
  const source = [...glob]
    .map((ch) => (ch === "*" ? ".*" : ch === "?" ? "." : ch.replace(/[\\^$.*+?()[\]{}|/-]/g, "\\$&")))
    .join("");
  return new RegExp(`^${source}$`, "i");
}
