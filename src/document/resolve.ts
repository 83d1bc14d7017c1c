import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { CtkError } from '../errors.js';
import { projectRoot } from '../paths.js';
import type { ApiEntry } from './model.js';

export interface SpecSources {
  /** `--specs DIR` (wins over everything). */
  specsDir?: string;
  /** Environment, for tests; defaults to process.env. */
  env?: NodeJS.ProcessEnv;
  /** Override of the shared directory (tests). */
  sharedDir?: string;
  /** Override of the download cache (tests). */
  cacheDir?: string;
}

export interface ResolvedSpec {
  path: string;
  /** Which rule found it: option, env, shared or cache. */
  origin: 'option' | 'env' | 'shared' | 'cache';
}

export function defaultCacheDir(env: NodeJS.ProcessEnv = process.env): string {
  return env.TMF_CTK_CACHE ? resolve(env.TMF_CTK_CACHE) : join(projectRoot, 'specs', '.cache');
}

export function defaultSharedDir(): string {
  return resolve(projectRoot, '..', 'shared', 'specs');
}

/** The directories searched, in order, with the rule that adds each. */
export function searchDirs(src: SpecSources = {}): Array<{ dir: string; origin: ResolvedSpec['origin'] }> {
  const env = src.env ?? process.env;
  const dirs: Array<{ dir: string; origin: ResolvedSpec['origin'] }> = [];
  if (src.specsDir) dirs.push({ dir: resolve(src.specsDir), origin: 'option' });
  else if (env.TMF_CTK_SPECS) dirs.push({ dir: resolve(env.TMF_CTK_SPECS), origin: 'env' });
  dirs.push({ dir: src.sharedDir ?? (env.TMF_CTK_SHARED ? resolve(env.TMF_CTK_SHARED) : defaultSharedDir()), origin: 'shared' });
  dirs.push({ dir: src.cacheDir ?? defaultCacheDir(env), origin: 'cache' });
  return dirs;
}

/**
 * Finds a document: `--specs DIR` or TMF_CTK_SPECS, then ../shared/specs, then the cache that
 * `tmf-ctk specs fetch` fills. A file is looked up by its registry path (`v5/X.yaml`) and by its bare name.
 */
export function resolveSpec(entry: ApiEntry, src: SpecSources = {}): ResolvedSpec {
  const dirs = searchDirs(src);
  const bare = entry.file.split('/').pop()!;
  for (const { dir, origin } of dirs) {
    for (const candidate of [join(dir, entry.file), join(dir, bare)]) {
      if (existsSync(candidate)) return { path: candidate, origin };
    }
  }
  throw new CtkError('SPEC_MISSING', `${entry.id} v${entry.version}: document ${entry.file} not found`, {
    hint:
      `looked in ${dirs.map((d) => d.dir).join(', ')}. ` +
      `Pass --specs DIR (or set TMF_CTK_SPECS) to a folder holding it, or run "tmf-ctk specs fetch" ` +
      `to download it from ${entry.source.url} (sha256 ${entry.sha256}).`,
  });
}
