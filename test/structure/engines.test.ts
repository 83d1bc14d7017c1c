/**
 * `npm ci` on the documented Node prints no engine warning (issue 16): every package the lock file installs
 * accepts the lowest Node that package.json's engines field allows, and the install page names that Node.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, it } from 'node:test';

const root = join(import.meta.dirname, '..', '..');
const read = (path: string) => readFileSync(join(root, path), 'utf8');

interface Semver {
  minVersion(range: string): { version: string } | null;
  satisfies(version: string, range: string): boolean;
}
// semver is what npm itself judges engines with (installed here as a dependency of the dependencies).
const semver = createRequire(import.meta.url)('semver') as Semver;

interface LockEntry { engines?: { node?: string } | string[]; optional?: boolean }
const lock = JSON.parse(read('package-lock.json')) as { packages: Record<string, LockEntry> };
const engines = (JSON.parse(read('package.json')) as { engines: { node: string } }).engines.node;

/** The packages whose engines field refuses `node` (npm's EBADENGINE warning). */
function refusing(node: string, packages: Record<string, LockEntry>): string[] {
  return Object.entries(packages)
    .filter(([path, p]) => path !== '' && !Array.isArray(p.engines) && p.engines?.node && !semver.satisfies(node, p.engines.node))
    .map(([path, p]) => `${path.replace(/^.*node_modules\//, '')} wants node ${(p.engines as { node: string }).node}`);
}

describe('the documented Node installs without an engine warning', () => {
  const lowest = semver.minVersion(engines)!.version;

  it(`every package in package-lock.json accepts Node ${lowest}, the lowest package.json allows`, () => {
    assert.ok(Object.keys(lock.packages).length > 100, 'the lock file lists the installed tree');
    assert.deepEqual(refusing(lowest, lock.packages), []);
  });

  it('the check sees a package that wants a newer Node (cookie@2 wanted Node 22)', () => {
    assert.deepEqual(refusing(lowest, { 'node_modules/cookie': { engines: { node: '>=22' } } }), ['cookie wants node >=22']);
  });

  it('docs/install.md and README.md name the same Node', () => {
    const [major, minor] = lowest.split('.');
    assert.match(read('docs/install.md'), new RegExp(`Node\\.js \\*\\*${major}\\.${minor} or later\\*\\*`));
    assert.ok(read('docs/install.md').includes(`"node": "${engines}"`));
    assert.match(read('README.md'), new RegExp(`Node\\.js ${major}\\.${minor}\\+`));
  });
});
