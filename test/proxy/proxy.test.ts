import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { createValidatingProxy } from '../../src/proxy/server.js';
import { loadApis } from '../../src/document/load.js';
import { renderReports } from '../../src/reporters/index.js';
import { listenLoopback } from '../helpers/loopback.js';
import { CART, rig, send, validCart, type Answer } from './helpers.js';

const failedChecks = (r: Awaited<ReturnType<typeof rig>>) =>
  r.proxy.traffic.result().apis.flatMap((a) => a.cases).flatMap((c) => c.checks.filter((k) => k.status === 'fail').map((k) => `${c.id} ${k.check}`));

describe('validating proxy in front of the mock', () => {
  it('clean traffic: answers as direct, 0 violations, no header, one case per operation', async () => {
    const r = await rig();
    try {
      const created = await send(r.url, 'POST', CART, validCart);
      assert.equal(created.status, 201, created.body);
      const id = (JSON.parse(created.body) as { id: string }).id;
      const viaProxy = await send(r.url, 'GET', `${CART}/${id}`);
      const direct = await send(r.upstream, 'GET', `${CART}/${id}`);
      assert.equal(viaProxy.body, direct.body, 'the answer comes back unchanged');
      assert.equal(viaProxy.headers['x-total-count'], direct.headers['x-total-count']);
      await send(r.url, 'GET', `${CART}?limit=2&offset=1`);
      await send(r.url, 'GET', `${CART}?fields=id`);
      await send(r.url, 'GET', `${CART}?id=${id}`);
      const patched = await send(r.url, 'PATCH', `${CART}/${id}`, JSON.stringify({ contactMedium: [{ mediumType: 'email', characteristic: { emailAddress: 'a@example.com' } }] }), { 'content-type': 'application/merge-patch+json' });
      assert.equal(patched.status, 200, patched.body);
      assert.equal((await send(r.url, 'DELETE', `${CART}/${id}`)).status, 204);
      assert.deepEqual(failedChecks(r), []);
      assert.equal(viaProxy.headers['x-tmf-ctk-violations'], undefined);
      const ids = r.proxy.traffic.result().apis[0]!.cases.map((c) => c.id).sort();
      assert.deepEqual(ids, ['TRAFFIC_createShoppingCart', 'TRAFFIC_deleteShoppingCart', 'TRAFFIC_listShoppingCart', 'TRAFFIC_patchShoppingCart', 'TRAFFIC_retrieveShoppingCart']);
      assert.equal(r.proxy.traffic.result().summary.verdict, 'conformant');
    } finally {
      await r.close();
    }
  });

  it("a client's invalid body gets the upstream's real answer; the violation is on the request side", async () => {
    const r = await rig();
    try {
      const body = JSON.stringify({ cartItem: [{ quantity: 'many' }] });
      const direct = await send(r.upstream, 'POST', CART, body);
      const proxied = await send(r.url, 'POST', CART, body);
      assert.equal(proxied.status, direct.status);
      assert.equal(proxied.status, 400);
      assert.equal(JSON.parse(proxied.body).code, JSON.parse(direct.body).code);
      assert.ok(Number(proxied.headers['x-tmf-ctk-violations']) >= 1);
      assert.deepEqual(failedChecks(r), ['TRAFFIC_createShoppingCart_CLIENT request-schema']);
      // The client's mistake is recorded, beside the server's verdict: the server answered it rightly.
      const result = r.proxy.traffic.result();
      assert.equal(result.apis[0]!.summary.conformant, true);
      assert.equal(result.apis[0]!.cases.find((c) => c.id === 'TRAFFIC_createShoppingCart_CLIENT')?.mandatory, false);
      assert.equal(r.proxy.traffic.clientViolations, 1);
      const patch = await send(r.url, 'PATCH', `${CART}/nope`, '{}', { 'content-type': 'text/plain' });
      assert.ok(patch.status >= 400);
      assert.ok(failedChecks(r).includes('TRAFFIC_patchShoppingCart_CLIENT request-media-type'));
    } finally {
      await r.close();
    }
  });

  it('a query TMF630 cannot read is a request-side violation; the upstream\'s answer still goes through', async () => {
    const r = await rig();
    try {
      const direct = await send(r.upstream, 'GET', `${CART}?fields=a%20b`);
      const proxied = await send(r.url, 'GET', `${CART}?fields=a%20b`);
      assert.equal(proxied.status, direct.status);
      assert.equal(proxied.body, direct.body);
      assert.deepEqual(failedChecks(r), ['TRAFFIC_listShoppingCart_CLIENT request-query']);
    } finally {
      await r.close();
    }
  });

  it('requests outside every API pass through and are counted as unknown; undeclared ones are named', async () => {
    const r = await rig({ proxy: { quietHeaders: true } });
    try {
      assert.equal((await send(r.url, 'GET', '/somewhere/else')).status, 404);
      assert.equal(r.proxy.traffic.unknown, 1);
      await send(r.url, 'PUT', `${CART}/x`, '{}');
      assert.deepEqual(failedChecks(r), ['TRAFFIC_TMF663_undeclared_CLIENT known-operation']);
    } finally {
      await r.close();
    }
  });
});

describe('forwarding', () => {
  it('hop-by-hop headers stay behind; HEAD keeps the upstream\'s Content-Length, a 204 gains none; --quiet-headers adds nothing', async () => {
    const seen: Array<Record<string, unknown>> = [];
    const upstream = createServer((req, res) => {
      seen.push({ ...req.headers });
      req.resume();
      req.on('end', () => {
        if (req.method === 'HEAD') return res.writeHead(200, { 'content-type': 'application/json', 'content-length': '1234' }).end();
        if (req.method === 'DELETE') return res.writeHead(204, { 'x-kept': 'yes' }).end();
        res.writeHead(404, { 'content-type': 'text/plain' }).end('no');
      });
    });
    const up = await listenLoopback(upstream);
    const proxy = createValidatingProxy({ upstream: up.url, apis: loadApis('TMF663'), quietHeaders: true });
    const url = await proxy.listen();
    try {
      const head = await send(url, 'HEAD', `${CART}/x`, undefined, { connection: 'x-hop, keep-alive', 'x-hop': '1', 'x-end': '2' });
      assert.equal(head.headers['content-length'], '1234');
      assert.equal(seen[0]!['x-hop'], undefined, 'a header named in Connection is hop-by-hop');
      assert.equal(seen[0]!['x-end'], '2');
      const deleted = await send(url, 'DELETE', `${CART}/x`);
      assert.equal(deleted.status, 204);
      assert.equal(deleted.headers['content-length'], undefined);
      assert.equal(deleted.headers['x-kept'], 'yes');
      const missing = await send(url, 'GET', `${CART}/x`);
      assert.equal(missing.status, 404);
      assert.equal(missing.body, 'no');
      assert.ok(proxy.traffic.violations > 0, 'a 404 without a TMF Error body is a violation');
      assert.equal(missing.headers['x-tmf-ctk-violations'], undefined, '--quiet-headers');
    } finally {
      await proxy.close();
      await up.close();
    }
  });
});

describe('reports of observed traffic', () => {
  it('redact the client\'s and the server\'s credentials and escape what the server sent', async () => {
    const evil = '<script>alert(1)</script><img src=x onerror=alert(2)>';
    const upstream = createServer((req, res) => {
      req.resume();
      req.on('end', () => res.writeHead(200, { 'content-type': 'application/json', 'set-cookie': 'sid=cookie-s3cret', 'x-note': evil })
        .end(JSON.stringify([{ id: evil, href: evil, name: evil }])));
    });
    const up = await listenLoopback(upstream);
    const proxy = createValidatingProxy({ upstream: up.url, apis: loadApis('TMF663') });
    const url = await proxy.listen();
    const out = mkdtempSync(join(tmpdir(), 'tmf-proxy-report-'));
    try {
      await send(url, 'GET', `${CART}?limit=1`, undefined, { authorization: 'Bearer client-s3cret', cookie: 'a=cookie-s3cret', 'x-api-key': 'key-s3cret' });
      const { files, errors } = await renderReports(proxy.traffic.result(), ['json', 'junit', 'html'], { outDir: out, color: false, quiet: true });
      assert.deepEqual(errors, []);
      for (const f of files) assert.doesNotMatch(readFileSync(f, 'utf8'), /s3cret/, f);
      for (const f of files.filter((x) => /\.(html|xml)$/.test(x))) assert.doesNotMatch(readFileSync(f, 'utf8'), /<img src=x|<script>alert/, f);
      assert.ok(proxy.traffic.violations > 0, 'the hostile answer was judged');
    } finally {
      await proxy.close();
      await up.close();
      rmSync(out, { recursive: true, force: true });
    }
  });
});

describe('fixture servers with one defect each: named on the right operation', () => {
  const cases: Array<[string, (path: string, a: Answer) => Answer, () => [string, string, string?], string | string[]]> = [
    ['list answered as text/plain', (p, a) => (p.startsWith(`${CART}?`) || p === CART ? { ...a, headers: { ...a.headers, 'content-type': 'text/plain' } } : a),
      () => ['GET', `${CART}?limit=1`], 'TRAFFIC_listShoppingCart content-type-json'],
    ['404 without a TMF Error body', (p, a) => (a.status === 404 ? { ...a, body: 'not here', headers: { 'content-type': 'text/plain' } } : a),
      () => ['GET', `${CART}/missing`], 'TRAFFIC_retrieveShoppingCart error-shape'],
    ['fields ignored', (p, a) => (p.includes('fields=') ? { ...a, body: JSON.stringify(JSON.parse(a.body).map((x: Record<string, unknown>) => ({ ...x, description: 'extra' }))) } : a),
      () => ['GET', `${CART}?fields=id`], 'TRAFFIC_listShoppingCart fields-selection'],
    ['filter ignored', (p, a) => {
      if (!p.includes('id=')) return a;
      const items = [...JSON.parse(a.body), { id: 'other', href: 'x' }];
      return { ...a, body: JSON.stringify(items), headers: { ...a.headers, 'x-total-count': String(items.length), 'x-result-count': String(items.length) } };
    },
      () => ['GET', `${CART}?id=nobody`], 'TRAFFIC_listShoppingCart filter-applied'],
    ['201 whose Location names another resource', (p, a) => (a.status === 201 ? { ...a, headers: { ...a.headers, location: `${CART}/someone-else` } } : a),
      () => ['POST', CART, validCart], ['TRAFFIC_createShoppingCart location-header', 'TRAFFIC_createShoppingCart location-resource']],
    ['X-Total-Count that contradicts the page', (p, a) => (p.startsWith(`${CART}?`) ? { ...a, headers: { ...a.headers, 'x-total-count': '1' } } : a),
      () => ['GET', `${CART}?limit=2`], 'TRAFFIC_listShoppingCart paging-headers'],
    ['a retrieve answered 202', (p, a) => (p.startsWith(`${CART}/`) && a.status === 200 ? { ...a, status: 202 } : a),
      () => ['GET', `${CART}/sc-1001`], 'TRAFFIC_retrieveShoppingCart status-code-conformance'],
  ];
  for (const [name, defect, request, expected] of cases) {
    it(name, async () => {
      const r = await rig({ defect });
      try {
        const [method, path, body] = request();
        const a = await send(r.url, method, path, body);
        assert.ok(Number(a.headers['x-tmf-ctk-violations']) >= 1, `${a.status} ${a.body.slice(0, 200)}`);
        assert.deepEqual([...new Set(failedChecks(r))], [expected].flat());
      } finally {
        await r.close();
      }
    });
  }
});

describe('bodies over the validation cap', () => {
  it('stream through both ways, complete, and are noted as unvalidated', async () => {
    let received = 0;
    const big = Buffer.alloc(3 * 1024 * 1024, 'a');
    const upstream = createServer((req, res) => {
      req.on('data', (c: Buffer) => (received += c.length));
      req.on('end', () => res.writeHead(200, { 'content-type': 'application/json' }).end(Buffer.concat([Buffer.from('"'), big, Buffer.from('"')])));
    });
    const up = await listenLoopback(upstream);
    const proxy = createValidatingProxy({ upstream: up.url, apis: loadApis('TMF663'), validationCap: 1024 * 1024 });
    const url = await proxy.listen();
    try {
      const sent = Buffer.alloc(2 * 1024 * 1024 + 7, 'b');
      const a = await send(url, 'POST', CART, sent);
      assert.equal(received, sent.length, 'the upstream got every byte');
      assert.equal(a.body.length, big.length + 2, 'the client got every byte');
      const c = proxy.traffic.result().apis[0]!.cases[0]!;
      assert.match(c.advisories.join(' '), /passed through unvalidated/);
    } finally {
      await proxy.close();
      await up.close();
    }
  });
});

describe('memory stays bounded', () => {
  it('beyond maxExchanges, exchanges are summarised with their violations, not kept', async () => {
    const r = await rig({ proxy: { maxExchanges: 3 } });
    try {
      for (let i = 0; i < 6; i++) await send(r.url, 'POST', CART, JSON.stringify({ cartItem: [{ quantity: 'x' }] }));
      const c = r.proxy.traffic.result().apis[0]!.cases.find((k) => k.id === 'TRAFFIC_createShoppingCart_CLIENT')!;
      assert.equal(c.exchanges.length, 3);
      assert.equal(c.status, 'fail');
      assert.match(c.advisories.join(' '), /3 further exchange\(s\) judged and summarised.*request-schema ×3/);
    } finally {
      await r.close();
    }
  });
});

describe('repeated exchanges are judged once', () => {
  it('the same request answered with the same bytes reuses its checks; each exchange is still counted and kept', async () => {
    const r = await rig();
    try {
      const id = (JSON.parse((await send(r.url, 'GET', `${CART}?limit=1`)).body) as Array<{ id: string }>)[0]!.id;
      for (let i = 0; i < 5; i++) assert.equal((await send(r.url, 'GET', `${CART}/${id}`)).status, 200);
      assert.equal(r.proxy.memo.hits, 4);
      const c = r.proxy.traffic.result().apis[0]!.cases.find((k) => k.id === 'TRAFFIC_retrieveShoppingCart')!;
      assert.equal(c.exchanges.length, 5);
      const perExchange = c.checks.filter((k) => k.exchange === 4).map((k) => `${k.check} ${k.status}`);
      assert.deepEqual(perExchange, c.checks.filter((k) => k.exchange === 0).map((k) => `${k.check} ${k.status}`));
      assert.ok(perExchange.includes('response-schema pass'), perExchange.join(', '));
    } finally {
      await r.close();
    }
  });

  it('an answer that differs in a header a check reads, or in its body, is judged anew', async () => {
    let n = 0;
    const r = await rig({ defect: (p, a) => {
      if (!p.startsWith(`${CART}/`)) return a;
      n += 1;
      if (n === 3) return { ...a, headers: { ...a.headers, 'content-type': 'text/plain' } };
      if (n === 4) return { ...a, body: JSON.stringify({ ...JSON.parse(a.body), cartItem: 'not a list' }) };
      return { ...a, headers: { ...a.headers, date: new Date(Date.now() + n * 1000).toUTCString() } };
    } });
    try {
      const id = (JSON.parse((await send(r.url, 'GET', `${CART}?limit=1`)).body) as Array<{ id: string }>)[0]!.id;
      const violations: number[] = [];
      for (let i = 0; i < 5; i++) violations.push(Number((await send(r.url, 'GET', `${CART}/${id}`)).headers['x-tmf-ctk-violations'] ?? 0));
      assert.deepEqual(violations.map((v) => v > 0), [false, false, true, true, false]);
      assert.equal(r.proxy.memo.hits, 2, 'answers 2 and 5 differ from 1 only in Date');
      assert.deepEqual([...new Set(failedChecks(r))].sort(), ['TRAFFIC_retrieveShoppingCart content-type-json', 'TRAFFIC_retrieveShoppingCart response-schema']);
    } finally {
      await r.close();
    }
  });

  it('memoEntries 0 judges every exchange anew', async () => {
    const r = await rig({ proxy: { memoEntries: 0 } });
    try {
      for (let i = 0; i < 3; i++) await send(r.url, 'GET', `${CART}?limit=1`);
      assert.equal(r.proxy.memo.hits, 0);
      assert.equal(r.proxy.traffic.exchanges, 3);
    } finally {
      await r.close();
    }
  });
});

describe('credentials a client sends in its own names', () => {
  it('a credential-like header or query parameter is redacted in what the proxy keeps; the upstream gets them as sent', async () => {
    let seen = '';
    const r = await rig({ defect: (p, a) => ((seen = p), a) });
    try {
      const a = await send(r.url, 'GET', `${CART}?limit=1&access_token=s3cr3t-q`, undefined, { 'X-Auth-Token': 's3cr3t-h' });
      assert.equal(a.status, 200);
      assert.match(seen, /access_token=s3cr3t-q/, 'forwarded unchanged');
      const kept = JSON.stringify(r.proxy.traffic.result());
      assert.doesNotMatch(kept, /s3cr3t/);
      assert.match(kept, /access_token=%5Bredacted%5D/);
    } finally {
      await r.close();
    }
  });
});
