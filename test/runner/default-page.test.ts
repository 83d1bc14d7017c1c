/**
 * Never cry wolf: TMF630 lets a server answer a list with a first page by default. A search whose matches
 * exceed that page must not fail for not showing the created resource; a search by id still must find it.
 */
import assert from 'node:assert/strict';
import { createServer, request } from 'node:http';
import { after, before, test } from 'node:test';
import { createMockServer } from '../../src/composition.js';
import type { MockServer } from '../../src/mock/server.js';
import { runConformance } from '../../src/composition.js';
import { listenLoopback } from '../helpers/loopback.js';

let mock: MockServer;
let proxy: { url: string; close: () => Promise<void> };

/** Forwards to the mock, adding `limit=1` to every list request that asks for no limit (a default page). */
function defaultPageProxy(target: URL) {
  return createServer((req, res) => {
    const u = new URL(req.url ?? '/', target);
    const isList = req.method === 'GET' && /\/salesLead$/.test(u.pathname);
    if (isList && !u.searchParams.has('limit')) u.searchParams.set('limit', '1');
    const fwd = request(u, { method: req.method, headers: { ...req.headers, host: target.host } }, (r) => {
      res.writeHead(r.statusCode ?? 502, r.headers);
      r.pipe(res);
    });
    req.pipe(fwd);
  });
}

before(async () => {
  mock = createMockServer({ apis: ['TMF699'], log: () => {} });
  proxy = await listenLoopback(defaultPageProxy(new URL(await mock.listen())));
});
after(async () => {
  await proxy.close();
  await mock.close();
});

test('N3 and N5 pass against a server that pages lists by default', async () => {
  const r = await runConformance({ target: proxy.url, apis: ['TMF699'], cases: ['TC_SalesLead_N3', 'TC_SalesLead_N5'] });
  const cases = r.apis[0]!.cases;
  assert.equal(cases.length, 2);
  for (const c of cases) assert.equal(c.status, 'pass', `${c.id}: ${c.reason}`);
  const skipped = cases.flatMap((c) => c.checks).filter((k) => k.check === 'list-contains' && k.status === 'skip');
  assert.ok(skipped.length > 0, 'the created resource was on another page at least once');
  assert.ok(cases[0]!.checks.some((k) => k.check === 'list-contains' && k.status === 'pass'), 'the search by id still found it');
});
