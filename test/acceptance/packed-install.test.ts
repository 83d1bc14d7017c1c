/**
 * Acceptance (issue 12): it installs like a tool. `npm pack`, `npm install ./tmf-ctk-*.tgz` into an empty
 * folder (from the npm cache; optional packages omitted, as a machine without a compiler would end up),
 * then `npx tmf-ctk selftest` exits 0 with no network, using the documents inside the package and the
 * compiled copy of the sources that `npm pack` built (prepack).
 */
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { projectRoot } from '../../src/paths.js';
import { cleanEnv, runOffline } from './helpers.js';

const tmp = mkdtempSync(join(tmpdir(), 'tmf-ctk-pack-'));
after(() => rmSync(tmp, { recursive: true, force: true }));
const app = join(tmp, 'app');
const installed = join(app, 'node_modules', 'tmf-ctk');
const npm = (args: string[], cwd: string, timeout: number) =>
  execFileSync('npm', args, { cwd, encoding: 'utf8', env: cleanEnv({ npm_config_update_notifier: 'false' }), timeout, stdio: ['ignore', 'pipe', 'pipe'] });

describe('npm pack, npm install the tarball, npx tmf-ctk selftest', { timeout: 20 * 60_000 }, () => {
  let installSeconds = 0;
  before(() => {
    const packed = npm(['pack', '--pack-destination', tmp, '--silent'], projectRoot, 120_000).trim().split('\n').pop()!;
    mkdirSync(app);
    writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'app', private: true }));
    const t0 = performance.now();
    npm(['install', join(tmp, packed), '--prefer-offline', '--no-audit', '--no-fund', '--omit=optional'], app, 15 * 60_000);
    installSeconds = (performance.now() - t0) / 1000;
  });

  it('the package holds the code, the suites, the mocks and the documents with their licence, not the tests', (t) => {
    t.diagnostic(`npm install of the tarball took ${installSeconds.toFixed(1)} s`);
    for (const f of ['bin/tmf-ctk.js', 'src/cli/main.ts', 'src/reporters/html/render.ts', 'suites', 'mocks', 'specs/registry.json', 'specs/LICENSE', 'specs/NOTICE', 'specs/SOURCES.md', 'specs/v5']) {
      assert.ok(existsSync(join(installed, f)), `${f} is in the package`);
    }
    const registry = JSON.parse(readFileSync(join(installed, 'specs', 'registry.json'), 'utf8')) as { apis: Array<{ file: string }> };
    for (const e of registry.apis) assert.ok(existsSync(join(installed, 'specs', e.file)), e.file);
    const compiled = readdirSync(join(installed, 'dist'));
    assert.equal(compiled.length, 1, `one compiled tree: ${compiled.join(', ')}`);
    assert.ok(existsSync(join(installed, 'dist', compiled[0]!, 'src', 'cli', 'main.js')));
    for (const f of ['test', 'bench', 'specs/.cache', 'node_modules/tmf-ctk/node_modules']) assert.equal(existsSync(join(installed, f)), false, `${f} is not in the package`);
  });

  it('npx tmf-ctk selftest exits 0 with no network and writes reports/index.html', (t) => {
    const env = cleanEnv({ TMF_CTK_CACHE: join(tmp, 'empty-cache'), npm_config_update_notifier: 'false' });
    const r = runOffline(['npx', '--no-install', 'tmf-ctk', 'selftest'], { cwd: app, env, timeoutMs: 240_000 });
    t.diagnostic(r.offline ? 'selftest ran with no network' : 'unshare unavailable: selftest ran with the network present');
    assert.equal(r.status, 0, `${r.stdout}\n${r.stderr}`);
    assert.match(r.stdout, /verdict: conformant/);
    assert.ok(existsSync(join(app, 'reports', 'index.html')));
    const apis = runOffline(['npx', '--no-install', 'tmf-ctk', 'apis', '--json'], { cwd: app, env, timeoutMs: 60_000 });
    assert.equal(apis.status, 0, apis.stderr);
    for (const row of JSON.parse(apis.stdout) as Array<{ document: string }>) assert.ok(row.document.startsWith(join(installed, 'specs')), row.document);
  });

  it('a command whose optional package was omitted says so (DEPENDENCY_MISSING, exit 2), without a stack trace', () => {
    const r = spawnSync('npx', ['--no-install', 'tmf-ctk', 'mock', '--api', 'TMF663', '--port', '0', '--data', join(tmp, 'mock.db')], {
      cwd: app, env: cleanEnv(), encoding: 'utf8', timeout: 60_000,
    });
    assert.equal(r.status, 2, r.stdout + r.stderr);
    assert.match(r.stderr, /^error \[DEPENDENCY_MISSING\]: mock --data needs the package better-sqlite3, which is not installed/m);
    assert.match(r.stderr, /hint: install it beside tmf-ctk: npm install better-sqlite3@/);
    assert.doesNotMatch(r.stderr, /\n\s+at /);
  });
});
