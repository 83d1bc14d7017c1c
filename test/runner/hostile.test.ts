import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import type { RunResult } from '../../src/core/results.js';
import { runConformance } from '../../src/composition.js';
import { startTmf663, type Defect } from '../fixtures/targets/tmf663.js';
import { runCli } from '../helpers/cli.js';

const TIMEOUT = 300;

/** A port nothing listens on: bound once, then released. */
async function closedPort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', () => r()));
  const port = (s.address() as { port: number }).port;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

/** The retrieve operation misbehaves; every case that retrieves fails with the transport reason, the rest pass. */
const MODES: Array<{ mode: Defect; reason: RegExp }> = [
  { mode: 'reset', reason: /connection closed mid-body after 6 of the 1000 bytes its Content-Length announced/ },
  { mode: 'stall', reason: new RegExp(`timeout after ${TIMEOUT} ms \\(no response\\)`) },
  { mode: 'non-json', reason: /content-type-json: Content-Type is "text\/html", not JSON/ },
  { mode: 'huge', reason: /json-body: body larger than the 1024 KiB cap: not read to the end/ },
  { mode: 'redirect-loop', reason: /redirect loop: more than 3 redirects/ },
  { mode: 'wrong-content-length', reason: /after 10 of the 5000 bytes its Content-Length announced/ },
  { mode: 'short-content-length', reason: /invalid HTTP response from 127\.0\.0\.1:\d+: Parse Error/ },
];

describe('hostile targets: failed cases with a clear reason, never a crash', () => {
  for (const { mode, reason } of MODES) {
    it(mode, async () => {
      const target = await startTmf663([mode]);
      try {
        const t0 = performance.now();
        const result = await runConformance({ target: target.url, apis: ['TMF663'], timeoutMs: TIMEOUT, config: { eventTimeoutMs: 500, quietMs: 50 } });
        const cases = result.apis[0]!.cases;
        const n1 = cases.find((c) => c.id === 'TC_ShoppingCart_N1')!;
        assert.equal(n1.status, 'fail');
        assert.match(n1.reason ?? '', reason);
        assert.equal(result.error, undefined, 'the target answered: not unreachable');
        assert.ok(cases.some((c) => c.status === 'pass'), 'cases that never retrieve still pass');
        assert.ok(performance.now() - t0 < 15_000);
      } finally {
        await target.close();
      }
    });
  }

  it('a target that is down: no case failed, every case is not run (or not applicable), the run has TARGET_UNREACHABLE, exit 2, reports written', async () => {
    const out = await mkdtemp(join(tmpdir(), 'tmf-ctk-run-'));
    try {
      const port = await closedPort();
      const run = await runCli(['run', '--target', `http://127.0.0.1:${port}`, '--api', 'TMF663,TMF699', '--out', out, '--reporter', 'json', '--timeout', String(TIMEOUT)]);
      assert.equal(run.code, 2, run.err + run.out);
      assert.match(run.out, /^0 passed, 0 failed, \d+ not run/m);
      const saved = JSON.parse(await readFile(join(out, 'results.json'), 'utf8')) as RunResult;
      assert.equal(saved.error?.code, 'TARGET_UNREACHABLE');
      assert.equal(saved.summary.verdict, 'error');
      for (const api of saved.apis) {
        assert.match(api.cases[0]!.reason ?? '', /connection refused \(ECONNREFUSED\)/);
        // A case that cannot apply to the document stays "not applicable" whatever the target does.
        assert.ok(api.cases.slice(1).every((c) => (c.status === 'not-run' && /^not run: the target is unreachable/.test(c.reason ?? '')) || c.status === 'not-applicable'));
        assert.ok(api.summary.requests <= 2, 'no more requests after the first refusal');
      }
    } finally {
      await rm(out, { recursive: true, force: true });
    }
  });
});
