import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { projectRoot } from '../../src/paths.js';
import type { RunResult } from '../../src/core/results.js';
import { runCli } from '../helpers/cli.js';

const tmp = mkdtempSync(join(tmpdir(), 'tmf-ctk-selftest-'));
after(() => rmSync(tmp, { recursive: true, force: true }));

describe('tmf-ctk selftest (npm start)', () => {
  it('runs the suites against the embedded mock, writes every report and exits 0', async () => {
    const out = join(tmp, 'two');
    const r = await runCli(['selftest', '--api', 'TMF663,TMF699', '--out', out, '--company', 'ACME']);
    assert.equal(r.code, 0, r.out + r.err);
    assert.match(r.out, /^\d+ passed, 0 failed(, \d+ (skipped|excluded|not run|not applicable))*$/m);
    assert.match(r.out, new RegExp(`open ${join(out, 'index.html').replace(/[.\\/]/g, '\\$&')}`));
    assert.match(r.out, /verdict: conformant/);
    const result = JSON.parse(readFileSync(join(out, 'results.json'), 'utf8')) as RunResult;
    assert.deepEqual(result.apis.map((a) => a.id), ['TMF663', 'TMF699']);
    assert.equal(result.summary.mandatory.failed, 0);
    assert.match(result.target, /^http:\/\/127\.0\.0\.1:\d+$/);
    for (const f of ['index.html', 'junit.xml', 'ACME-TMF663-v4.0.0-HTMLReport.html', 'ACME-TMF699-v4.0.0-HTMLReport.html']) {
      assert.ok(existsSync(join(out, f)), f);
    }
  });

  it('npm start is exactly the selftest command of the binary, and the binary runs it', () => {
    const pkg = JSON.parse(readFileSync(join(projectRoot, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
    assert.equal(pkg.scripts.start, 'node bin/tmf-ctk.js selftest');
    const out = join(tmp, 'bin');
    const r = spawnSync(process.execPath, [join(projectRoot, 'bin', 'tmf-ctk.js'), 'selftest', '--api', 'TMF671', '--out', out],
      { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', CI: 'true' }, timeout: 60_000 });
    assert.equal(r.status, 0, r.stdout + r.stderr);
    assert.ok(!/\u001b\[/.test(r.stdout), 'no colour codes with NO_COLOR');
    assert.ok(existsSync(join(out, 'index.html')));
  });
});
