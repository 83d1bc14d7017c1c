/**
 * Acceptance (issue 12): a clone of the committed HEAD, in a folder with no ../shared beside it and,
 * where the machine allows, no network, reaches its first report with `npm start`'s command.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync, statSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, describe, it } from 'node:test';
import { projectRoot } from '../../src/paths.js';
import { cleanEnv, runOffline } from './helpers.js';

const tmp = mkdtempSync(join(tmpdir(), 'tmf-ctk-clone-'));
after(() => rmSync(tmp, { recursive: true, force: true }));
const isCheckout = existsSync(join(projectRoot, '.git'));

describe('a fresh clone, no ../shared, no network', { skip: isCheckout ? false : 'not a git checkout' }, () => {
  const clone = join(tmp, 'tmf-ctk');

  it('npm start (node bin/tmf-ctk.js selftest) exits 0 and writes reports/index.html', (t) => {
    const head = execFileSync('git', ['rev-parse', 'HEAD'], { cwd: projectRoot, encoding: 'utf8' }).trim();
    execFileSync('git', ['clone', '--quiet', '--no-checkout', projectRoot, clone], { stdio: 'pipe' });
    execFileSync('git', ['checkout', '--quiet', '--detach', head], { cwd: clone, stdio: 'pipe' });
    assert.equal(existsSync(join(dirname(clone), 'shared')), false);
    symlinkSync(realpathSync(join(projectRoot, 'node_modules')), join(clone, 'node_modules'));
    const pkg = JSON.parse(readFileSync(join(clone, 'package.json'), 'utf8')) as { scripts: { start: string } };
    const argv = pkg.scripts.start.split(' ').map((w) => (w === 'node' ? process.execPath : w));
    const env = cleanEnv({ TMF_CTK_CACHE: join(tmp, 'empty-cache') });
    const r = runOffline(argv, { cwd: clone, env, timeoutMs: 240_000 });
    t.diagnostic(r.offline ? 'ran with no network (unshare -rn, loopback only)' : 'unshare unavailable: ran with the network present');
    assert.equal(r.status, 0, `${r.offline ? 'offline' : 'online'}\n${r.stdout}\n${r.stderr}`);
    assert.match(r.stdout, /verdict: conformant/);
    assert.ok(existsSync(join(clone, 'reports', 'index.html')));
    assert.equal(existsSync(join(tmp, 'empty-cache')), false, 'nothing was taken from or put into the download cache');
  });
});

describe('nothing in the project needs the old shared folder', () => {
  it('no source, suite, mock, test or bench file names it or its variable', () => {
    // Spelled in pieces so that this file does not match itself.
    const pattern = new RegExp(['\\.\\./shared', '/', "|'shared', ", "'specs'", '|TMF_CTK_', 'SHARED|shared', 'Dir'].join(''));
    const hits: string[] = [];
    for (const top of ['src', 'suites', 'mocks', 'test', 'bench', 'bin']) {
      for (const file of readdirSync(join(projectRoot, top), { recursive: true, encoding: 'utf8' })) {
        const path = join(projectRoot, top, file);
        if (!/\.(ts|js|json|md)$/.test(file) || !statSync(path).isFile()) continue;
        readFileSync(path, 'utf8').split('\n').forEach((line, i) => {
          if (pattern.test(line)) hits.push(`${top}/${file}:${i + 1}: ${line.trim()}`);
        });
      }
    }
    assert.deepEqual(hits, []);
  });
});
