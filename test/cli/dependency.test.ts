import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, afterEach, describe, it } from 'node:test';
import { requireDependency, setDependencyLoader, type DependencyLoader } from '../../src/dependency.js';
import { isCtkError } from '../../src/errors.js';
import { runCli } from '../helpers/cli.js';

const tmp = mkdtempSync(join(tmpdir(), 'tmf-ctk-deps-'));
after(() => rmSync(tmp, { recursive: true, force: true }));
afterEach(() => setDependencyLoader());

/** Node's loader, except that the packages named are not installed (what --omit=optional would leave). */
function without(...packages: string[]): DependencyLoader {
  const real = setDependencyLoader();
  const gone = (id: string) => packages.some((p) => id === p || id.startsWith(`${p}/`));
  const fail = (id: string): never => {
    throw Object.assign(new Error(`Cannot find module '${id}'`), { code: 'MODULE_NOT_FOUND' });
  };
  return { require: (id) => (gone(id) ? fail(id) : real.require(id)), resolve: (id) => (gone(id) ? fail(id) : real.resolve(id)) };
}

function assertCoded(r: { code: number; out: string; err: string }, usedFor: string, pkg: string): void {
  assert.equal(r.code, 2, r.out + r.err);
  assert.match(r.err, new RegExp(`^error \\[DEPENDENCY_MISSING\\]: ${usedFor} needs the package ${pkg.replace('/', '\\/')}, which is not installed\\n`));
  assert.match(r.err, new RegExp(`hint: install it beside tmf-ctk: npm install ${pkg.replace('/', '\\/')}@\\^\\d`));
  assert.doesNotMatch(r.err, /\n\s+at /, 'no stack trace');
}

describe('a dependency that is not installed is DEPENDENCY_MISSING, exit 2, with a hint', () => {
  it('run --collection without newman', async () => {
    setDependencyLoader(without('newman'));
    const collection = join(tmp, 'c.json');
    writeFileSync(collection, JSON.stringify({ info: { name: 'x', schema: 'https://schema.getpostman.com/json/collection/v2.1.0/collection.json' }, item: [] }));
    const r = await runCli(['run', '--collection', collection, '--target', 'http://127.0.0.1:9', '--out', join(tmp, 'out')]);
    assertCoded(r, 'run --collection', 'newman');
  });
  it('mock --engine prism without Prism', async () => {
    setDependencyLoader(without('@stoplight/prism-cli'));
    const r = await runCli(['mock', '--engine', 'prism', '--api', 'TMF663', '--port', '0']);
    assertCoded(r, 'mock --engine prism', '@stoplight/prism-cli');
  });
  it('mock --data without better-sqlite3', async () => {
    setDependencyLoader(without('better-sqlite3'));
    const r = await runCli(['mock', '--api', 'TMF663', '--port', '0', '--data', join(tmp, 'mock.db')]);
    assertCoded(r, 'mock --data', 'better-sqlite3');
  });
  it('a package that is installed but fails to load says why', () => {
    setDependencyLoader({ require: () => { throw new Error('invalid ELF header'); }, resolve: (id) => id });
    assert.throws(() => requireDependency('better-sqlite3', 'mock --data'), (e: unknown) => {
      assert.ok(isCtkError(e));
      assert.equal(e.code, 'DEPENDENCY_MISSING');
      assert.match(e.message, /better-sqlite3, which cannot be loaded \(invalid ELF header\)/);
      return true;
    });
  });
  it('with the packages present, the real loader finds them', () => {
    assert.equal(typeof requireDependency<{ run: unknown }>('newman', 'run --collection').run, 'function');
  });
});
