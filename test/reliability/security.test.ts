import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { connect } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { createMockServer } from '../../src/composition.js';
import type { MockServer } from '../../src/mock/server.js';
import { startCli, stop, type MockProcess } from '../mock/cli-process.js';
import { http, listener, rawRequest } from './helpers.js';

/**
 * The mock's exposure: where it listens by default, where it may send callbacks (checked at
 * registration, so nothing here ever connects outside loopback), and how much a client may send.
 */
const CARTS = '/tmf-api/shoppingCart/v4/shoppingCart';
const HUB = '/tmf-api/shoppingCart/v4/hub';
const MiB = 1024 * 1024;

let mock: MockServer;
let base: string;
const closers: Array<() => Promise<unknown>> = [];
before(async () => {
  mock = createMockServer({ apis: ['TMF663'], clockMs: 0, log: () => undefined });
  base = await mock.listen();
});
after(async () => {
  for (const c of closers) await c();
  await mock?.close();
});

/** Listening sockets of this machine from /proc/net/tcp{,6}: "ADDR:PORT" in hex, as the kernel lists them. */
function listeningOn(port: number): string[] {
  const hexPort = port.toString(16).toUpperCase().padStart(4, '0');
  return ['/proc/net/tcp', '/proc/net/tcp6'].flatMap((f) => {
    try {
      return readFileSync(f, 'utf8').split('\n').slice(1).map((l) => l.trim().split(/\s+/))
        .filter((c) => c[3] === '0A' && c[1]?.endsWith(`:${hexPort}`)).map((c) => c[1]!);
    } catch {
      return [];
    }
  });
}

/** On Linux the kernel's own table says it: one listening socket, on 127.0.0.1 (0100007F), none on 0.0.0.0 or ::. */
function assertOnlyLoopback(port: number): void {
  if (process.platform !== 'linux') return;
  assert.deepEqual(listeningOn(port), [`0100007F:${port.toString(16).toUpperCase().padStart(4, '0')}`]);
}

function refused(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = connect(port, host);
    s.once('connect', () => { s.destroy(); resolve(false); });
    s.once('error', () => resolve(true));
  });
}

describe('the mock listens on 127.0.0.1 unless told otherwise', () => {
  it('createMockServer(): bound to 127.0.0.1 only', async () => {
    const port = Number(new URL(base).port);
    assert.deepEqual(mock.app.server.address(), { address: '127.0.0.1', family: 'IPv4', port });
    assertOnlyLoopback(port);
    assert.ok(await refused('127.0.0.2', port), 'another loopback address is not served: not a wildcard bind');
  });

  it('tmf-ctk mock without --host: the same', async () => {
    const cli: MockProcess = await startCli(['--port', '0', '--api', 'TMF663', '--no-seed']);
    closers.push(() => stop(cli, 'SIGKILL'));
    const url = new URL(cli.url);
    assert.equal(url.hostname, '127.0.0.1');
    const port = Number(url.port);
    assertOnlyLoopback(port);
    assert.ok(await refused('127.0.0.2', port));
  });
});

/** Callbacks that are not loopback, however they are spelled, or not http(s) at all. */
const REFUSED = [
  'http://127.0.0.1.evil.com/x', 'http://localhost.evil.com/x', 'http://127.1.evil.com/', 'http://evil.com#@127.0.0.1/',
  'http://evil.com\\@127.0.0.1/', 'http://evil.com?@127.0.0.1/', 'http://127.0.0.1@evil.com/', 'http://localhost:1@evil.com/',
  'http://user:pw@127.0.0.1/x', 'http://[::ffff:10.0.0.1]/x', 'http://[::ffff:a00:1]/', 'http://10.0.0.1/', 'http://192.168.1.1/',
  'http://169.254.169.254/latest/meta-data/', 'http://0.0.0.0:8080/', 'http://0/', 'http://[::]/', 'http://[fe80::1]/',
  'http://[fd00::1]/', 'HTTP://EVIL.COM/', 'https://example.com/', 'file:///etc/passwd', 'gopher://127.0.0.1:25/_HELO',
  'ftp://127.0.0.1/', 'ws://127.0.0.1/', 'javascript:alert(1)', 'data:text/plain,x', '//127.0.0.1/x', '/relative', '',
  'http://', 'http://%65vil.com/', ' http://evil.com', 'http://evil.com\t/',
];
/** The URL parser fetch uses reads these as 127.0.0.1: loopback, so allowed. */
const LOOPBACK_IN_DISGUISE = ['http://2130706433/', 'http://0x7f000001/', 'http://0177.0.0.1/', 'http://127.1/', 'http://%31%32%37.0.0.1/'];

describe('callbacks only to allowed hosts', () => {
  it(`${REFUSED.length} non-loopback or non-http callbacks: 400 at registration, nothing stored, nothing sent`, async () => {
    for (const callback of REFUSED) {
      const r = await http(`${base}${HUB}`, 'POST', { callback });
      assert.equal(r.status, 400, `${JSON.stringify(callback)} → ${r.status} ${r.text}`);
      assert.equal((r.json as { '@type': string })['@type'], 'Error');
    }
    assert.deepEqual(await mock.store.list('TMF663/hub'), []);
    assert.equal((await http(`${base}${CARTS}`, 'POST', {})).status, 201);
    await mock.notifications.idle();
    const s = mock.notifications.stats();
    assert.equal(s.delivered + s.failed + s.inFlight + s.queued, 0, 'no delivery attempted');
  });

  it('loopback written as a number, in hex, octal, short or percent-encoded form is loopback', async () => {
    for (const callback of LOOPBACK_IN_DISGUISE) {
      assert.equal(new URL(callback).hostname, '127.0.0.1');
      const r = await http(`${base}${HUB}`, 'POST', { callback });
      assert.equal(r.status, 201, callback);
      assert.equal((await http(`${base}${HUB}/${(r.json as { id: string }).id}`, 'DELETE')).status, 204);
    }
  });

  it('a callback answering a redirect is not followed', async () => {
    const target = await listener('ok');
    closers.push(() => target.close());
    const m = createMockServer({ apis: ['TMF663'], seed: false, clockMs: 0, log: () => undefined, delivery: { retries: 0 } });
    closers.push(() => m.close());
    const b = await m.listen();
    // A loopback callback that redirects (here to another loopback port, so nothing leaves this machine).
    const hop = createServer((_req, res) => res.writeHead(307, { location: `${target.url}/elsewhere` }).end());
    await new Promise<void>((r) => hop.listen(0, '127.0.0.1', r));
    closers.push(() => new Promise((r) => hop.close(r)));
    const hopUrl = `http://127.0.0.1:${(hop.address() as { port: number }).port}`;
    assert.equal((await http(`${b}${HUB}`, 'POST', { callback: `${hopUrl}/cb` })).status, 201);
    assert.equal((await http(`${b}${CARTS}`, 'POST', {})).status, 201);
    await m.notifications.idle();
    assert.equal(target.hits, 0, 'the redirect target got nothing');
    assert.equal(m.notifications.stats().failed, 1, 'a redirect is a failed delivery');
  });
});

describe('body size limit', () => {
  const big = (n: number) => JSON.stringify({ description: 'x'.repeat(n) });

  it('a body over 1 MiB → 413 TMF Error, with or without Content-Length; just under → accepted', async () => {
    const over = await rawRequest(base, { name: 'over', method: 'POST', path: CARTS, body: big(MiB), contentType: 'application/json' });
    assert.equal(over.status, 413, over.text);
    assert.equal((over.json as { code: string }).code, 'PAYLOAD_TOO_LARGE');
    const chunked = await fetch(`${base}${CARTS}`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, duplex: 'half',
      body: new Blob([big(2 * MiB)]).stream(),
    } as RequestInit & { duplex: 'half' });
    assert.equal(chunked.status, 413);
    const under = await rawRequest(base, { name: 'under', method: 'POST', path: CARTS, body: big(MiB - 100), contentType: 'application/json' });
    assert.equal(under.status, 201, under.text.slice(0, 200));
    const hub = await rawRequest(base, { name: 'hub', method: 'POST', path: HUB, body: JSON.stringify({ callback: `http://127.0.0.1:9/${'x'.repeat(MiB)}` }), contentType: 'application/json' });
    assert.equal(hub.status, 413);
  });
});
