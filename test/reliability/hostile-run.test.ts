import assert from 'node:assert/strict';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { validateXML } from 'xmllint-wasm';
import type { RunResult } from '../../src/core/results.js';
import { startTmf663, type Defect } from '../fixtures/targets/tmf663.js';
import { runCli } from '../helpers/cli.js';
import { closedPort } from './helpers.js';

/**
 * `tmf-ctk run` (the CLI, in-process) against targets whose retrieve operation misbehaves at the
 * transport: the run finishes, N1 fails with a reason that says what happened, and results.json,
 * junit.xml (valid against the JUnit schema), the HTML report and the console all carry it.
 * test/runner/hostile.test.ts checks the same modes through the library; this is what a CI job sees.
 */
const TIMEOUT_MS = 300;
const xsd = await readFile(new URL('../fixtures/reporters/junit.xsd', import.meta.url), 'utf8');
const dirs: string[] = [];
after(() => Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true }))));

const MODES: Array<[Defect, RegExp]> = [
  ['reset', /connection closed mid-body/],
  ['stall', new RegExp(`timeout after ${TIMEOUT_MS} ms`)],
  ['non-json', /Content-Type is "text\/html", not JSON/],
  ['huge', /larger than the 1024 KiB cap/],
  ['redirect-loop', /redirect loop/],
  ['wrong-content-length', /Content-Length announced/],
  ['short-content-length', /Parse Error/],
];

const xmlText = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

async function run(target: string): Promise<{ code: number; out: string; dir: string; result: RunResult; ms: number }> {
  const dir = await mkdtemp(join(tmpdir(), 'tmf-ctk-hostile-'));
  dirs.push(dir);
  const t0 = performance.now();
  const { code, out, err } = await runCli(['run', '--target', target, '--api', 'TMF663', '--out', dir, '--timeout', String(TIMEOUT_MS), '--reporter', 'console,json,junit,html']);
  const ms = performance.now() - t0;
  assert.ok(!/at .+\.ts:\d+/.test(err), `no stack trace: ${err}`);
  return { code, out, dir, ms, result: JSON.parse(await readFile(join(dir, 'results.json'), 'utf8')) as RunResult };
}

/** Every report written, each naming the failure of N1. */
async function assertReports(dir: string, out: string, reason: string): Promise<void> {
  const files = await readdir(dir);
  const html = files.find((f) => f.endsWith('-TMF663-v4.0.0-HTMLReport.html'));
  assert.ok(html && files.includes('index.html') && files.includes('junit.xml'), files.join(', '));
  const junit = await readFile(join(dir, 'junit.xml'), 'utf8');
  const valid = await validateXML({ xml: [{ fileName: 'junit.xml', contents: junit }], schema: [xsd] });
  assert.equal(valid.valid, true, valid.errors.map((e) => e.rawMessage).join('\n'));
  assert.ok(junit.includes(xmlText(reason).slice(0, 60)), 'junit names the reason');
  assert.ok((await readFile(join(dir, html), 'utf8')).includes('TC_ShoppingCart_N1'));
  assert.match(out, /^\d+ passed, \d+ failed/m);
}

describe('tmf-ctk run against hostile targets: a failed case with a clear reason, every report written', () => {
  for (const [mode, reason] of MODES) {
    it(mode, async () => {
      const target = await startTmf663([mode]);
      try {
        const r = await run(target.url);
        const n1 = r.result.apis[0]!.cases.find((c) => c.id === 'TC_ShoppingCart_N1')!;
        assert.equal(n1.status, 'fail');
        assert.match(n1.reason ?? '', reason);
        assert.equal(r.code, 1, 'a mandatory case failed');
        await assertReports(r.dir, r.out, n1.reason!);
        assert.ok(r.ms < 15_000, `the run finished in ${r.ms.toFixed(0)} ms`);
      } finally {
        await target.close();
      }
    });
  }

  it('connection refused: TARGET_UNREACHABLE, exit 2, every report still written', async () => {
    const r = await run(`http://127.0.0.1:${await closedPort()}`);
    assert.equal(r.code, 2);
    assert.equal(r.result.error?.code, 'TARGET_UNREACHABLE');
    const n1 = r.result.apis[0]!.cases[0]!;
    assert.match(n1.reason ?? '', /connection refused/);
    await assertReports(r.dir, r.out, n1.reason!);
  });
});
