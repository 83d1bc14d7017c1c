import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createMockServer, runConformance } from '../../src/composition.js';
import { suiteFor } from '../../src/composition.js';
import { isCitation } from '../../src/core/citation.js';
import type { MandatoryAttribute } from '../../src/core/case-model.js';
import { loadApis } from '../../src/document/load.js';
import type { MockServer } from '../../src/mock/server.js';
import { buildCases } from '../../src/suite/generate.js';
import { jsonRewrite, startRewritingProxy } from '../fixtures/targets/rewrite-proxy.js';

describe('never cry wolf: every rule that can fail a case cites a checkable source', () => {
  it('the only mandatory attributes without a citation are the recommendations, and they are known', () => {
    const recommended = new Set<string>();
    for (const api of loadApis(undefined, { all: true })) {
      for (const c of buildCases(api, {}, suiteFor(api))) {
        for (const use of c.steps.flatMap((s) => s.checks).filter((u) => u.id === 'mandatory-attributes')) {
          for (const r of (use.params?.attributes ?? []) as MandatoryAttribute[]) {
            if (r.level === 'advisory' || !isCitation(r.cite)) recommended.add(`${api.id} ${c.resource} ${r.name}`);
          }
        }
      }
    }
    // TMF622's cancel request: the kit never calls it, the profile's mandatory resources are ProductOrder alone,
    // the document requires only productOrder. TMF671's lifecycleStatus: neither the kit nor the document requires it.
    assert.deepEqual([...recommended].sort(), [
      'TMF622 cancelProductOrder href', 'TMF622 cancelProductOrder id', 'TMF622 cancelProductOrder state',
      'TMF671 promotion lifecycleStatus',
    ]);
  });
});

describe('a cancel request answered without state (TMF622) is not failed', () => {
  let mock: MockServer;
  let proxy: { url: string; close(): Promise<void> };
  before(async () => {
    mock = await createMockServer({ apis: ['TMF622'], log: () => undefined });
    const strip = (v: unknown) => { if (v && typeof v === 'object') delete (v as Record<string, unknown>).state; return v; };
    proxy = await startRewritingProxy(await mock.listen(), jsonRewrite(/\/cancelProductOrder/, (b) => (Array.isArray(b) ? b.map(strip) : strip(b))));
  });
  after(async () => { await proxy.close(); await mock.close(); });

  it('N1–N3 pass, noting the recommended state', async () => {
    const cases = ['N1', 'N2', 'N3'].map((n) => `TC_CancelProductOrder_${n}`);
    const result = await runConformance({ target: proxy.url, apis: ['TMF622'], cases, timeoutMs: 5000 });
    const got = result.apis[0]!.cases;
    assert.deepEqual(got.map((c) => `${c.id} ${c.status} ${c.reason ?? ''}`.trim()), cases.map((id) => `${id} pass`));
    assert.ok(got[0]!.advisories.some((a) => /state \(no checkable source, recommended\)/.test(a)), got[0]!.advisories.join('\n'));
  });
});
