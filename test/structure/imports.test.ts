/**
 * The house's one-way imports, checked on the code itself: engine code never imports per-API content
 * (suites/, mocks/) nor the application layer, checks see only the shared vocabulary and the layers
 * below, and no file imports itself back through others (no cycles). docs/architecture.md draws it.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';

const ROOT = normalize(join(dirname(fileURLToPath(import.meta.url)), '..', '..'));
const IMPORT = /(?:^|\n)\s*(?:import|export)\s[^'"]*?from\s*['"](\.{1,2}\/[^'"]+)['"]|import\(\s*['"](\.{1,2}\/[^'"]+)['"]\s*\)/g;

function walk(dir: string): string[] {
  return readdirSync(join(ROOT, dir)).flatMap((name) => {
    const rel = join(dir, name);
    return statSync(join(ROOT, rel)).isDirectory() ? walk(rel) : /\.ts$/.test(name) ? [rel] : [];
  });
}

/** file → the project files it imports (relative to the root, `.ts`). */
export function importGraph(dirs: readonly string[]): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const file of dirs.flatMap(walk)) {
    const text = readFileSync(join(ROOT, file), 'utf8');
    const targets = [...text.matchAll(IMPORT)].map((m) => {
      const spec = (m[1] ?? m[2])!.replace(/\.js$/, '.ts');
      return relative(ROOT, join(ROOT, dirname(file), spec));
    });
    graph.set(file, targets);
  }
  return graph;
}

const graph = importGraph(['src', 'suites', 'mocks']);
const APPLICATION = [/^src\/cli\//, /^src\/composition\.ts$/, /^src\/index\.ts$/, /^src\/selftest\.ts$/, /^src\/run-with-reports\.ts$/];
const isApplication = (f: string) => APPLICATION.some((r) => r.test(f));
const isContent = (f: string) => /^(suites|mocks)\//.test(f);
const folder = (f: string) => f.split('/').slice(0, 2).join('/');

function offenders(from: (f: string) => boolean, to: (t: string) => boolean): string[] {
  return [...graph].filter(([f]) => from(f)).flatMap(([f, ts]) => ts.filter(to).map((t) => `${f} -> ${t}`));
}

describe('one-way imports', () => {
  it('reads the whole tree (the test would pass on nothing otherwise)', () => {
    assert.ok(graph.size > 100, `${graph.size} files`);
    assert.ok(graph.get('src/composition.ts')!.some(isContent), 'the composition module imports the per-API folders');
  });

  it('per-API content (suites/, mocks/) is imported by the composition module only', () => {
    assert.deepEqual(offenders((f) => f.startsWith('src/') && f !== 'src/composition.ts', isContent), []);
  });

  it('the engine never imports the application layer (CLI, composition, library entry)', () => {
    assert.deepEqual(offenders((f) => f.startsWith('src/') && !isApplication(f), isApplication), []);
  });

  it('per-API folders use the engine only through its vocabulary and kits, never the application layer', () => {
    assert.deepEqual(offenders(isContent, isApplication), []);
  });

  it('checks import only the shared vocabulary (core) and the layers below it', () => {
    const allowed = ['src/core', 'src/checks', 'src/tmf', 'src/schema', 'src/document'];
    assert.deepEqual(offenders((f) => f.startsWith('src/checks/'), (t) => t.startsWith('src/') && t.split('/').length > 2 && !allowed.includes(folder(t))), []);
  });

  it('the bottom layers (document, schema, tmf, core) import nothing above them', () => {
    const bottom = ['src/document', 'src/schema', 'src/tmf', 'src/core'];
    assert.deepEqual(offenders((f) => bottom.includes(folder(f)), (t) => t.split('/').length > 2 && !bottom.includes(folder(t))), []);
    assert.deepEqual(offenders((f) => ['src/document', 'src/schema', 'src/tmf'].includes(folder(f)), (t) => folder(t) === 'src/core'), []);
  });

  it('no import cycles', () => {
    const cycles: string[][] = [];
    const state = new Map<string, 'open' | 'done'>();
    const stack: string[] = [];
    const visit = (f: string): void => {
      state.set(f, 'open');
      stack.push(f);
      for (const t of graph.get(f) ?? []) {
        if (state.get(t) === 'open') cycles.push([...stack.slice(stack.indexOf(t)), t]);
        else if (!state.has(t) && graph.has(t)) visit(t);
      }
      stack.pop();
      state.set(f, 'done');
    };
    for (const f of graph.keys()) if (!state.has(f)) visit(f);
    assert.deepEqual(cycles.map((c) => c.join(' -> ')), []);
  });
});
