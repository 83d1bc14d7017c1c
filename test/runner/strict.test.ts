import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createMockServer, runConformance } from '../../src/composition.js';
import type { RunResult } from '../../src/core/results.js';
import type { MockServer } from '../../src/mock/server.js';
import { startRewritingProxy } from '../fixtures/targets/rewrite-proxy.js';
import { runCli } from '../helpers/cli.js';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const failedChecks = (r: RunResult) => r.apis.flatMap((a) => a.cases.flatMap((c) => c.checks.filter((k) => k.status === 'fail').map((k) => `${c.id} ${k.check}: ${k.reason}`)));

describe('strict mode counts a leniency once per API', () => {
  let mock: MockServer;
  let direct: string;
  let proxy: { url: string; close(): Promise<void> };
  before(async () => {
    mock = await createMockServer({ apis: ['TMF663'], log: () => undefined });
    direct = await mock.listen();
    // The only difference from the mock: application/json without the charset the document declares.
    proxy = await startRewritingProxy(direct, (_req, a) => ({ ...a, headers: { ...a.headers, ...(a.headers['content-type'] ? { 'content-type': a.headers['content-type'].replace(/;\s*charset=utf-8/i, '') } : {}) } }));
  });
  after(async () => { await proxy.close(); await mock.close(); });
  const run = (target: string, strict: boolean | string[]) => runConformance({ target, apis: ['TMF663'], strict, timeoutMs: 5000, config: { eventTimeoutMs: 1000, quietMs: 100 } });

  it('--strict=json-charset: the mock passes; the charset-less server fails one check, listing the cases', async () => {
    const clean = await run(direct, ['json-charset']);
    assert.deepEqual(failedChecks(clean), []);
    assert.equal(clean.summary.verdict, 'conformant');
    const bare = await run(proxy.url, ['json-charset']);
    const failed = failedChecks(bare);
    assert.equal(failed.length, 1, failed.join('\n'));
    assert.match(failed[0]!, /^TC_TMF663_STRICT strict: strict: \[json-charset\] the declared media type — the target took the other reading \(application\/json\) in \d+ case\(s\): TC_ShoppingCart_N1, /);
    assert.equal(bare.apis[0]!.cases.filter((c) => c.status === 'fail').length, 1);
    assert.equal(bare.summary.verdict, 'not conformant');
  });

  it('--strict (every leniency): the charset adds exactly one failed check to what the mock itself gets', async () => {
    const clean = failedChecks(await run(direct, true));
    const bare = failedChecks(await run(proxy.url, true));
    assert.deepEqual(bare.filter((f) => !clean.includes(f)).map((f) => f.replace(/ in \d+ case.*/, '')),
      ['TC_TMF663_STRICT strict: strict: [json-charset] the declared media type — the target took the other reading (application/json)']);
  });

  it('the CLI: --strict=json-charset picks the leniency; --strict alone takes them all', async () => {
    const out = await mkdtemp(join(tmpdir(), 'ctk-strict-'));
    try {
      const picked = await runCli(['run', '--target', proxy.url, '--api', 'TMF663', '--strict=json-charset', '--reporter', 'json', '--out', out]);
      assert.equal(picked.code, 1, picked.err);
      assert.match(picked.out, /passed, 1 failed/);
      // A list, as the issue writes it: both leniencies tightened, each failed once, in the one strict case.
      const two = await runCli(['run', '--target', proxy.url, '--api', 'TMF663', '--strict=json-charset,partial-page-status', '--reporter', 'json', '--out', out]);
      assert.equal(two.code, 1, two.err);
      const saved = JSON.parse(await readFile(join(out, 'results.json'), 'utf8')) as RunResult;
      assert.deepEqual(failedChecks(saved).map((f) => /^(\S+) strict: strict: \[([a-z-]+)\]/.exec(f)?.slice(1).join(' ') ?? f).sort(),
        ['TC_TMF663_STRICT json-charset', 'TC_TMF663_STRICT partial-page-status']);
      const bad = await runCli(['run', '--target', direct, '--api', 'TMF663', '--strict=charset', '--reporter', 'json', '--out', out]);
      assert.equal(bad.code, 2);
      assert.match(bad.err, /error \[USAGE\]: --strict: no such leniency "charset"/);
    } finally {
      await rm(out, { recursive: true, force: true });
    }
  });

  it('an unknown leniency is a usage error naming the valid ones', async () => {
    await assert.rejects(run(direct, ['json-charsets']), (e: Error & { code?: string }) => e.code === 'USAGE' && /no such leniency "json-charsets"/.test(e.message));
  });
});
