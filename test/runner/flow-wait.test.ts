import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createMockServer, exportApi, runConformance } from '../../src/composition.js';
import { runCollection } from '../../src/collection/index.js';
import type { MockServer } from '../../src/mock/server.js';
import { jsonRewrite, startRewritingProxy } from '../fixtures/targets/rewrite-proxy.js';

describe('an optional flow waiting for the server to progress on its own', () => {
  let mock: MockServer;
  let proxy: { url: string; close(): Promise<void> };
  // Orders that never progress within the run, and cancel requests that stay acknowledged.
  before(async () => {
    mock = await createMockServer({ apis: ['TMF622'], clockMs: 3_600_000, log: () => undefined });
    const acknowledged = (b: unknown) => (b && typeof b === 'object' && !Array.isArray(b) ? { ...b, state: 'acknowledged' } : b);
    proxy = await startRewritingProxy(await mock.listen(), jsonRewrite(/\/cancelProductOrder/, acknowledged));
  });
  after(async () => { await proxy.close(); await mock.close(); });

  it('reports "not observed within N s" as skipped (inconclusive), the wait set per API in the config', async () => {
    const t0 = performance.now();
    const result = await runConformance({
      target: proxy.url, apis: ['TMF622'], cases: ['TC_ProductOrder_FLOW1', 'TC_ProductOrder_FLOW2'], timeoutMs: 5000,
      config: { flowTimeoutMs: 60_000, apis: { TMF622: { flowTimeoutMs: 300 } } },
    });
    const cases = result.apis[0]!.cases;
    assert.deepEqual(cases.map((c) => c.status), ['skip', 'skip']);
    assert.match(cases[0]!.reason!, /^inconclusive: wait for a final state: not observed within 0\.3 s \(\/state is "acknowledged", expected one of/);
    assert.match(cases[1]!.reason!, /^inconclusive: wait for the cancel request to finish: not observed within 0\.3 s \(\/state is "acknowledged"/);
    assert.equal(cases.flatMap((c) => c.checks).filter((k) => k.status === 'fail').length, 0);
    // The API's wait (300 ms) won over the run's (60 s).
    assert.ok(performance.now() - t0 < 10_000);
  });

  it('an exported collection run through newman says the same', async () => {
    const config = { apis: { TMF622: { flowTimeoutMs: 300 } } };
    const cases = ['TC_ProductOrder_FLOW1', 'TC_ProductOrder_FLOW2'];
    const result = await runCollection({ collection: await exportApi('TMF622', { config, cases }), target: proxy.url, timeoutMs: 5000 });
    const got = result.apis[0]!.cases.filter((c) => cases.includes(c.id));
    assert.deepEqual(got.map((c) => c.status), ['skip', 'skip']);
    assert.match(got[0]!.reason!, /^inconclusive: wait for a final state: not observed within 0\.3 s/);
    assert.match(got[1]!.reason!, /^inconclusive: wait for the cancel request to finish: not observed within 0\.3 s/);
  });
});
