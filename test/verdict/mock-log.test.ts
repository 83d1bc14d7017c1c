/** tmf-ctk mock --log: partners see what happens, one line per request and per failed notification. */
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { test } from 'node:test';
import { createMockServer } from '../../src/composition.js';
import { listenLoopback } from '../helpers/loopback.js';
import { runCli } from '../helpers/cli.js';

test('access log: one line per request with method, URL, status and duration; none without --log', async (t) => {
  const lines: string[] = [];
  const mock = await createMockServer({ apis: ['TMF663'], accessLog: true, log: (l) => lines.push(l) });
  t.after(() => mock.close());
  const url = await mock.listen();
  await fetch(`${url}/tmf-api/shoppingCart/v4/shoppingCart?limit=1`);
  await fetch(`${url}/tmf-api/shoppingCart/v4/shoppingCart/nope%0d%0afake`);
  assert.equal(lines.length, 2, lines.join('\n'));
  assert.match(lines[0]!, /^\d{4}-\d\d-\d\dT\S+Z 127\.0\.0\.1 GET \/tmf-api\/shoppingCart\/v4\/shoppingCart\?limit=1 (200|206) \d+ ms$/);
  assert.match(lines[1]!, / GET \/tmf-api\/shoppingCart\/v4\/shoppingCart\/nope%0d%0afake 404 \d+ ms$/);

  const quiet: string[] = [];
  const silent = await createMockServer({ apis: ['TMF663'], log: (l) => quiet.push(l) });
  t.after(() => silent.close());
  await fetch(`${await silent.listen()}/tmf-api/shoppingCart/v4/shoppingCart`);
  assert.deepEqual(quiet, []);
});

test('every failed notification attempt is logged: callback, status or error, retry or given up', async (t) => {
  const callback = await listenLoopback(createServer((_req, res) => res.writeHead(503).end()));
  t.after(callback.close);
  const lines: string[] = [];
  const mock = await createMockServer({ apis: ['TMF663'], accessLog: true, log: (l) => lines.push(l), delivery: { retries: 1, backoffMs: 10 } });
  t.after(() => mock.close());
  const url = await mock.listen();
  const hub = `${url}/tmf-api/shoppingCart/v4/hub`;
  const json = { 'content-type': 'application/json' };
  assert.equal((await fetch(hub, { method: 'POST', headers: json, body: JSON.stringify({ callback: `${callback.url}/listener` }) })).status, 201);
  const { url: dead, close } = await listenLoopback(createServer());
  await close();
  assert.equal((await fetch(hub, { method: 'POST', headers: json, body: JSON.stringify({ callback: `${dead}/gone` }) })).status, 201);
  await fetch(`${url}/tmf-api/shoppingCart/v4/shoppingCart`, { method: 'POST', headers: json, body: '{}' });
  await mock.notifications.idle();
  const failures = lines.filter((l) => l.startsWith('mock: notification'));
  assert.ok(failures.some((l) => new RegExp(`^mock: notification to ${callback.url}/listener \\(subscription \\S+\\) failed: status 503; retry 1 of 1 in 10 ms$`).test(l)), failures.join('\n'));
  assert.ok(failures.some((l) => /failed: status 503; given up after 2 attempts$/.test(l)), failures.join('\n'));
  assert.ok(failures.some((l) => l.includes(`${dead}/gone`) && /ECONNREFUSED/.test(l)), failures.join('\n'));
});

test('mock --log and -v are options of the native engine', async () => {
  const r = await runCli(['mock', '--engine', 'prism', '--api', 'TMF663', '-v']);
  assert.equal(r.code, 2);
  assert.match(r.err, /--log does not apply to --engine prism/);
  assert.match((await runCli(['mock', '--help'])).out, /-v, --log/);
});
