import assert from 'node:assert/strict';
import { createServer, request } from 'node:http';
import { test } from 'node:test';
import { createMockServer, runConformance } from '../../src/composition.js';
import { listenLoopback } from '../helpers/loopback.js';

test("a subscription the target refuses is CALLBACK_REFUSED, quoting the target's message and the listener URL", async (t) => {
  const mock = await createMockServer({ apis: ['TMF663'], log: () => undefined });
  t.after(() => mock.close());
  const upstream = new URL(await mock.listen());
  const gateway = createServer((req, res) => {
    if (req.method === 'POST' && req.url?.endsWith('/hub')) {
      return void res.writeHead(400, { 'content-type': 'application/json' }).end('{"code":"CB1","reason":"callback host not allowed","message":"only *.vendor.example callbacks"}');
    }
    const up = request({ host: upstream.hostname, port: upstream.port, path: req.url, method: req.method, headers: req.headers }, (r) => {
      res.writeHead(r.statusCode ?? 502, r.headers);
      r.pipe(res);
    });
    req.pipe(up);
  });
  const { url, close } = await listenLoopback(gateway);
  t.after(close);
  const result = await runConformance({ target: url, apis: ['TMF663'], cases: ['TC_ShoppingCart_NOTIF1'], timeoutMs: 3000, config: { eventTimeoutMs: 200, quietMs: 50 } });
  const notif = result.apis[0]!.cases[0]!;
  assert.equal(notif.status, 'fail');
  assert.match(notif.reason ?? '', /^CALLBACK_REFUSED: the target refused to subscribe the listener http:\/\/127\.0\.0\.1:\d+\S*: it answered 400 "callback host not allowed: only \*\.vendor\.example callbacks: CB1" \(if it cannot reach this machine, set listener\.publicUrl in the config\)$/);
});
