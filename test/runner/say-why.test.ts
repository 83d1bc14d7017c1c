import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createMockServer, runConformance } from '../../src/composition.js';
import type { MockServer } from '../../src/mock/server.js';
import { startRewritingProxy } from '../fixtures/targets/rewrite-proxy.js';

const REFUSAL = 'Property: value not allowed in resource productOrderItem.0.product.productCharacteristic.0';

describe('say why: a refused rich payload', () => {
  let mock: MockServer;
  let proxy: { url: string; close(): Promise<void> };
  before(async () => {
    mock = await createMockServer({ apis: ['TMF622'], log: () => undefined });
    // A server that refuses the rich order payload (its characteristic), with its own TMF Error.
    proxy = await startRewritingProxy(await mock.listen(), (req, a) => (req.method === 'POST' && /\/productOrder$/.test(req.url) && req.body.includes('productCharacteristic')
      ? { status: 400, headers: { 'content-type': 'application/json;charset=utf-8' }, body: JSON.stringify({ code: 'BAD', reason: REFUSAL, '@type': 'Error' }) }
      : a));
  });
  after(async () => { await proxy.close(); await mock.close(); });

  it('N2 quotes the server; N4 and N5 say their setup failed and point at N2', async () => {
    const ids = ['N2', 'N4', 'N5'].map((n) => `TC_ProductOrder_${n}`);
    const result = await runConformance({ target: proxy.url, apis: ['TMF622'], cases: ids, timeoutMs: 5000 });
    const [n2, n4, n5] = result.apis[0]!.cases;
    assert.equal(n2!.reason, `create: status-code-conformance: expected 201, got 400 — server said: ${REFUSAL}`);
    for (const c of [n4!, n5!]) {
      assert.equal(c.status, 'fail');
      assert.equal(c.reason, `setup: create with the richest payload refused (expected 201, got 400 — server said: ${REFUSAL}); see TC_ProductOrder_N2`);
    }
  });

  it('a non-TMF error body is quoted by its first 200 characters', async () => {
    const html = `<html><body>${'Service temporarily unavailable '.repeat(20)}</body></html>`;
    const p = await startRewritingProxy(proxy.url, (req, a) => (req.method === 'POST' ? { status: 503, headers: { 'content-type': 'text/html' }, body: html } : a));
    try {
      const result = await runConformance({ target: p.url, apis: ['TMF622'], cases: ['TC_ProductOrder_N1'], timeoutMs: 5000 });
      assert.equal(result.apis[0]!.cases[0]!.reason, `create: status-code-conformance: expected 201, got 503 — server said: ${html.slice(0, 200)}…`);
    } finally {
      await p.close();
    }
  });
});
