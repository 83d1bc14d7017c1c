import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import { after, before, describe, it } from 'node:test';
import { schemasFor } from '../../src/schema/schema-set.js';
import { loadApi } from '../../src/document/load.js';
import type { MockServer } from '../../src/mock/server.js';
import { APIS, createPayload, eventually, patchAttribute, testServer } from './helpers.js';
import { listenLoopback } from '../helpers/loopback.js';

/** Notifications over real sockets: the mock on 127.0.0.1 posting to a listener on 127.0.0.1. */
interface Received { path: string; contentType: string | undefined; body: Record<string, unknown> }

interface Listener { url: string; received: Received[]; status: number; delayMs: number; close(): Promise<void> }

async function listener(): Promise<Listener> {
  const l = { received: [] as Received[], status: 201, delayMs: 0 } as Listener;
  const srv: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      l.received.push({ path: req.url ?? '', contentType: req.headers['content-type'], body: JSON.parse(Buffer.concat(chunks).toString() || '{}') as Record<string, unknown> });
      setTimeout(() => res.writeHead(l.status).end(), l.delayMs);
    });
  });
  Object.assign(l, await listenLoopback(srv));
  return l;
}

async function send(url: string, method: string, body?: unknown, contentType = 'application/json'): Promise<{ status: number; json: Record<string, unknown> }> {
  const res = await fetch(url, { method, body: body === undefined ? undefined : JSON.stringify(body), headers: body === undefined ? {} : { 'content-type': contentType } });
  const text = await res.text();
  return { status: res.status, json: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
}

describe('notification round trip for every resource of the five APIs', () => {
  let mock: MockServer;
  let base: string;
  let l: Listener;
  before(async () => {
    l = await listener();
    mock = testServer({ delivery: { retries: 0 } });
    base = await mock.listen();
  });
  after(async () => {
    await mock.close();
    await l.close();
  });

  for (const id of APIS) {
    const api = loadApi(id);
    const schemas = schemasFor(api);
    it(`${id}: create, patch, delete → the document's events, valid, under its envelope key`, async () => {
      const sub = await send(`${base}${api.basePath}/hub`, 'POST', { callback: `${l.url}/${id}` });
      assert.equal(sub.status, 201);
      assert.ok(typeof sub.json.id === 'string' && sub.json.callback === `${l.url}/${id}`);
      const expected: string[] = [];
      for (const res of api.resources) {
        const url = `${base}${api.basePath}${res.collectionPath}`;
        const created = await send(url, 'POST', createPayload(api, res));
        assert.equal(created.status, 201);
        const kinds = new Set(res.events.map((e) => e.kind));
        if (kinds.has('create')) expected.push(`${res.schemaName}CreateEvent`);
        if (res.operations.patch) {
          await send(`${url}/${created.json.id as string}`, 'PATCH', { [patchAttribute(api, res)]: 'changed' }, 'application/merge-patch+json');
          if (kinds.has('attributeValueChange')) expected.push(`${res.schemaName}AttributeValueChangeEvent`);
        }
        if (res.operations.delete) {
          await send(`${url}/${created.json.id as string}`, 'DELETE');
          if (kinds.has('delete')) expected.push(`${res.schemaName}DeleteEvent`);
        }
      }
      await mock.notifications.idle();
      const mine = l.received.filter((r) => r.path === `/${id}`);
      const types = mine.map((r) => r.body.eventType as string);
      for (const t of expected) assert.ok(types.includes(t), `${t} delivered (got ${types.join(', ')})`);
      const defined = new Set(api.events.map((e) => e.eventType));
      for (const r of mine) {
        const ev = api.events.find((e) => e.eventType === r.body.eventType)!;
        assert.ok(defined.has(r.body.eventType as string), `only events the document defines: ${String(r.body.eventType)}`);
        assert.deepEqual(schemas.validate(ev.schemaName, r.body).errors, [], `${ev.eventType} valid`);
        assert.ok(r.body.eventId && r.body.eventTime);
        const envelope = r.body[ev.envelopeKey] as Record<string, Record<string, unknown>>;
        assert.equal(ev.envelopeKey, id === 'TMF666' ? 'payload' : 'event');
        assert.match(String(envelope[ev.payloadKey]!.href), new RegExp(`^${base}${api.basePath}/`));
        assert.match(String(r.contentType), /^application\/json/);
      }
      assert.equal((await send(`${base}${api.basePath}/hub/${sub.json.id as string}`, 'DELETE')).status, 204);
    });
  }

  it('a subscription query selects events; after DELETE /hub/{id} nothing more arrives; unknown id → 404', async () => {
    const hub = `${base}/tmf-api/shoppingCart/v4/hub`;
    const carts = `${base}/tmf-api/shoppingCart/v4/shoppingCart`;
    const sub = await send(hub, 'POST', { callback: `${l.url}/only-deletes`, query: 'eventType = ShoppingCartDeleteEvent' });
    const c = await send(carts, 'POST', {});
    await send(`${carts}/${c.json.id as string}`, 'DELETE');
    await mock.notifications.idle();
    assert.deepEqual(l.received.filter((r) => r.path === '/only-deletes').map((r) => r.body.eventType), ['ShoppingCartDeleteEvent']);
    assert.equal((await send(`${hub}/${sub.json.id as string}`, 'DELETE')).status, 204);
    await send(carts, 'POST', {});
    const d = await send(carts, 'POST', {});
    await send(`${carts}/${d.json.id as string}`, 'DELETE');
    await mock.notifications.idle();
    assert.equal(l.received.filter((r) => r.path === '/only-deletes').length, 1);
    assert.equal((await send(`${hub}/${sub.json.id as string}`, 'DELETE')).status, 404);
  });

  it('callbacks to hosts not allowed are refused at registration with 400', async () => {
    const hub = `${base}/tmf-api/shoppingCart/v4/hub`;
    for (const callback of ['http://example.com/listener', 'http://10.0.0.8/x', 'ftp://127.0.0.1/x', 'not a url', 'http://user:pw@127.0.0.1/x', 42]) {
      const a = await send(hub, 'POST', { callback });
      assert.equal(a.status, 400, String(callback));
      assert.equal(a.json['@type'], 'Error');
    }
    for (const callback of ['http://localhost:1/x', 'http://127.0.0.2:1/x', 'http://[::1]:1/x']) {
      const ok = await send(hub, 'POST', { callback });
      assert.equal(ok.status, 201, callback);
      await send(`${hub}/${ok.json.id as string}`, 'DELETE');
    }
    assert.deepEqual(mock.violations, []);
  });
});

describe('allowed hosts and delivery limits', () => {
  it('--allow-callback adds a host (or host:port)', async () => {
    const mock = testServer({ apis: ['TMF663'], allowCallbackHosts: ['listener.partner.test', 'other.test:8443'] });
    try {
      const hub = '/tmf-api/shoppingCart/v4/hub';
      const inject = (callback: string) => mock.app.inject({ method: 'POST', url: hub, payload: { callback } });
      assert.equal((await inject('https://listener.partner.test/events')).statusCode, 201);
      assert.equal((await inject('https://other.test:8443/events')).statusCode, 201);
      assert.equal((await inject('https://other.test/events')).statusCode, 400);
    } finally {
      await mock.close();
    }
  });

  it('retries are bounded; a failing or slow listener never slows API responses', async () => {
    const l = await listener();
    l.status = 500;
    const mock = testServer({ apis: ['TMF663'], delivery: { retries: 2, backoffMs: 10, timeoutMs: 300 } });
    try {
      const base = await mock.listen();
      await send(`${base}/tmf-api/shoppingCart/v4/hub`, 'POST', { callback: `${l.url}/failing` });
      await send(`${base}/tmf-api/shoppingCart/v4/shoppingCart`, 'POST', {});
      await mock.notifications.idle();
      assert.equal(l.received.length, 3, 'one attempt and two retries');
      assert.equal(mock.notifications.stats().failed, 1);
      l.status = 201;
      l.delayMs = 2000;
      const t0 = performance.now();
      for (let i = 0; i < 5; i++) assert.equal((await send(`${base}/tmf-api/shoppingCart/v4/shoppingCart`, 'POST', {})).status, 201);
      assert.ok(performance.now() - t0 < 1000, 'creates answered while deliveries hang');
      await eventually(() => mock.notifications.stats().inFlight === 0, 3000, 'timed-out deliveries');
    } finally {
      await mock.close();
      await l.close();
    }
  });
});

describe('callback policy (unit)', async () => {
  const { callbackProblem, isLoopback, subscriptionFilters } = await import('../../src/mock/hub.js');
  it('loopback in every spelling is allowed; anything else needs --allow-callback', () => {
    for (const h of ['localhost', 'api.localhost', '127.0.0.1', '127.255.0.9', '::1', '[::1]', '::ffff:127.0.0.1']) assert.ok(isLoopback(h), h);
    for (const h of ['localhost.example.com', '128.0.0.1', '0.0.0.0', '::', '10.0.0.1', 'example.com']) assert.ok(!isLoopback(h), h);
    assert.equal(callbackProblem('http://127.0.0.1:9/x', []), undefined);
    assert.match(callbackProblem('http://example.com/x', []) ?? '', /--allow-callback example.com/);
    assert.equal(callbackProblem('https://Example.com/x', ['example.com']), undefined);
    assert.equal(callbackProblem('http://example.com/x', ['example.com:80']), undefined);
    assert.match(callbackProblem('http://example.com:81/x', ['example.com:80']) ?? '', /not allowed/);
  });
  it('subscription queries are TMF630 filters on the event; spaces and a leading ? are tolerated', () => {
    assert.deepEqual(subscriptionFilters(' ?eventType = A,B & event.x.state=done'), [
      { path: ['eventType'], op: 'eq', values: ['A', 'B'] },
      { path: ['event', 'x', 'state'], op: 'eq', values: ['done'] },
    ]);
    assert.deepEqual(subscriptionFilters(undefined), []);
    assert.throws(() => subscriptionFilters('__proto__=1'));
  });
});
