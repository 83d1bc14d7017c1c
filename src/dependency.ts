/**
 * Packages a command needs only when it is used (newman for `run --collection`, Prism for
 * `mock --engine prism`, better-sqlite3 for `mock --data`) are loaded here, on first use: a command
 * that does not need them never pays for them, and one that does but cannot load them stops with
 * DEPENDENCY_MISSING and the way to install them, never a stack trace.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { CtkError } from './errors.js';
import { projectRoot } from './paths.js';

/** How a package is found and loaded; replaceable so that tests can simulate a missing one. */
export interface DependencyLoader {
  require(id: string): unknown;
  resolve(id: string): string;
}

const nodeRequire = createRequire(import.meta.url);
const NODE_LOADER: DependencyLoader = { require: (id) => nodeRequire(id), resolve: (id) => nodeRequire.resolve(id) };
let current: DependencyLoader = NODE_LOADER;

/** Replaces the loader (tests); no argument restores Node's. Returns the previous one. */
export function setDependencyLoader(loader?: DependencyLoader): DependencyLoader {
  const previous = current;
  current = loader ?? NODE_LOADER;
  return previous;
}

/** `@scope/name/sub/path` → `@scope/name`. */
function packageOf(id: string): string {
  const parts = id.split('/');
  return id.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]!;
}

function declaredRange(pkg: string): string | undefined {
  try {
    const manifest = JSON.parse(readFileSync(join(projectRoot, 'package.json'), 'utf8')) as Record<string, Record<string, string> | undefined>;
    return manifest.dependencies?.[pkg] ?? manifest.optionalDependencies?.[pkg] ?? manifest.devDependencies?.[pkg];
  } catch {
    return undefined;
  }
}

function missing(id: string, usedFor: string, cause: unknown): CtkError {
  const pkg = packageOf(id);
  const range = declaredRange(pkg);
  const spec = range ? `${pkg}@${range}` : pkg;
  const reason = (cause as NodeJS.ErrnoException)?.code === 'MODULE_NOT_FOUND' ? 'is not installed' : `cannot be loaded (${(cause as Error)?.message?.split('\n')[0] ?? String(cause)})`;
  return new CtkError('DEPENDENCY_MISSING', `${usedFor} needs the package ${pkg}, which ${reason}`, {
    cause,
    hint: `install it beside tmf-ctk: npm install ${spec} (or reinstall tmf-ctk without --omit=optional / --no-optional)`,
  });
}

/** Loads a CommonJS package, or throws DEPENDENCY_MISSING naming what needs it and how to install it. */
export function requireDependency<T>(id: string, usedFor: string): T {
  try {
    return current.require(id) as T;
  } catch (cause) {
    throw missing(id, usedFor, cause);
  }
}

/** Resolves a file of a package (a package.json, a bin), or throws DEPENDENCY_MISSING. */
export function resolveDependency(id: string, usedFor: string): string {
  try {
    return current.resolve(id);
  } catch (cause) {
    throw missing(id, usedFor, cause);
  }
}
