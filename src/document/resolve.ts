import { existsSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { CtkError } from '../errors.js';
import { projectRoot } from '../paths.js';
import type { ApiEntry } from './model.js';

export interface SpecSources {
  /** `--specs DIR` (wins over everything). */
  specsDir?: string;
  /** Environment, for tests; defaults to process.env. */
  env?: NodeJS.ProcessEnv;
  /** Override of the project's own specs/ folder (tests). */
  projectDir?: string;
  /** Override of the download cache (tests). */
  cacheDir?: string;
}

/** Which rule found a document: `--specs`, TMF_CTK_SPECS, the project's specs/, or the download cache. */
export type SpecOrigin = 'option' | 'env' | 'project' | 'cache';

export interface ResolvedSpec {
  path: string;
  origin: SpecOrigin;
}

/** A user's own folder (`--specs`, TMF_CTK_SPECS) rather than the copies the kit ships or downloads. */
export function isUserCopy(origin: SpecOrigin): boolean {
  return origin === 'option' || origin === 'env';
}

export function defaultCacheDir(env: NodeJS.ProcessEnv = process.env): string {
  return env.TMF_CTK_CACHE ? resolve(env.TMF_CTK_CACHE) : join(projectRoot, 'specs', '.cache');
}

/** The documents the project ships: specs/ beside the code, registry paths such as `v5/X.yaml`. */
export function projectSpecsDir(): string {
  return join(projectRoot, 'specs');
}

/** A folder the user named must exist: a typo must not silently fall back to the kit's own copies. */
function userDir(dir: string, origin: 'option' | 'env'): string {
  const abs = resolve(dir);
  let isDir = false;
  try {
    isDir = statSync(abs).isDirectory();
  } catch {
    isDir = false;
  }
  if (!isDir) {
    const named = origin === 'option' ? `--specs ${dir}` : `TMF_CTK_SPECS=${dir}`;
    throw new CtkError('SPECS_DIR_MISSING', `${named}: ${abs} is not a folder`, {
      hint: `name an existing folder holding the documents, or leave ${origin === 'option' ? '--specs' : 'TMF_CTK_SPECS'} out to use the documents the kit ships in ${projectSpecsDir()}`,
    });
  }
  return abs;
}

/** The directories searched, in order, with the rule that adds each. */
export function searchDirs(src: SpecSources = {}): Array<{ dir: string; origin: SpecOrigin }> {
  const env = src.env ?? process.env;
  const dirs: Array<{ dir: string; origin: SpecOrigin }> = [];
  if (src.specsDir) dirs.push({ dir: userDir(src.specsDir, 'option'), origin: 'option' });
  else if (env.TMF_CTK_SPECS) dirs.push({ dir: userDir(env.TMF_CTK_SPECS, 'env'), origin: 'env' });
  dirs.push({ dir: src.projectDir ?? projectSpecsDir(), origin: 'project' });
  dirs.push({ dir: src.cacheDir ?? defaultCacheDir(env), origin: 'cache' });
  return dirs;
}

/**
 * Finds a document: `--specs DIR` or TMF_CTK_SPECS (a user's own copies win), then the project's
 * specs/, then the cache that `tmf-ctk specs fetch` fills. A file is looked up by its registry path
 * (`v5/X.yaml`) and, in a user's folder, by its bare name too. Checksums are the loader's job (checksum.ts).
 */
export function resolveSpec(entry: ApiEntry, src: SpecSources = {}): ResolvedSpec {
  const dirs = searchDirs(src);
  const bare = entry.file.split('/').pop()!;
  for (const { dir, origin } of dirs) {
    const candidates = isUserCopy(origin) && bare !== entry.file ? [join(dir, entry.file), join(dir, bare)] : [join(dir, entry.file)];
    for (const candidate of candidates) {
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
