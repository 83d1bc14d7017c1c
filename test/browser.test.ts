/**
 * Runs the Playwright specs (test/browser) from node's test runner, so `npm test` covers the HTML
 * report in a real browser and still prints one summary.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

const CHROMIUM = '/usr/bin/chromium';
const root = fileURLToPath(new URL('..', import.meta.url));
const inCI = Boolean(process.env.CI) && process.env.CI !== 'false';

test('HTML report in chromium (playwright test)', { timeout: 150_000 }, async (t) => {
  if (!existsSync(CHROMIUM)) {
    // CI must not go green without the browser test; elsewhere say loudly what is missing.
    assert.ok(!inCI, `${CHROMIUM} is missing: install it (apt-get install -y chromium); .ci/run does`);
    t.skip(`${CHROMIUM} not installed: apt-get install -y chromium`);
    return;
  }
  const { code, output } = await new Promise<{ code: number | null; output: string }>((done) => {
    execFile('npx', ['playwright', 'test'], {
      cwd: root, timeout: 120_000, maxBuffer: 16 * 1024 * 1024,
      env: { ...process.env, CI: '1', PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD: '1', FORCE_COLOR: '0' },
    }, (error, stdout, stderr) => {
      const status = error ? (typeof error.code === 'number' ? error.code : null) : 0;
      done({ code: status, output: `${stdout}${stderr}` });
    });
  });
  if (code !== 0) process.stderr.write(output);
  assert.equal(code, 0, `playwright test exited with ${code}${code === null ? ' (killed: timeout?)' : ''}; its output is above`);
  assert.match(output, /\d+ passed/);
  assert.doesNotMatch(output, /\d+ (failed|flaky|skipped)/);
});
