import assert from 'node:assert/strict';
import { connect } from 'node:net';
import { describe, it } from 'node:test';
import { seedOf as readSeed } from '../../src/composition.js';
import { schemasFor } from '../../src/schema/schema-set.js';
import { loadApi } from '../../src/document/load.js';
import { APIS, call, testServer } from './helpers.js';
import { registry } from '../../src/document/registry.js';

/** Seed data, the index, the documents, hrefs and the engine on other document versions. */
describe('seed data', () => {
  // Every registered v4 version (seed data targets v4; v5 records that do not validate are skipped with a warning).
  for (const selector of registry().filter((e) => e.version.startsWith('4.') && !e.generic).map((e) => `${e.id}@${e.version}`)) {
    it(`${selector}: a handful of records per resource, each valid against its entity schema`, () => {
      const api = loadApi(selector);
      const seed = readSeed(api.id);
      for (const res of api.resources) {
        const records = seed[res.name] ?? [];
        assert.ok(records.length >= 2, `${res.name} has seed records`);
        for (const r of records) assert.deepEqual(schemasFor(api).validate(res.schemaName, r).errors, [], `${res.name} ${(r as { id: string }).id}`);
      }
    });
  }

  it('served by default, absent with seed: false', async () => {
    const seeded = testServer({ apis: ['TMF699'] });
    const empty = testServer({ apis: ['TMF699'], seed: false });
    try {
      assert.equal((await call(seeded, 'GET', '/tmf-api/sales/v4/salesLead')).headers['x-total-count'], '3');
      assert.deepEqual((await call(empty, 'GET', '/tmf-api/sales/v4/salesLead')).json, []);
    } finally {
      await Promise.all([seeded.close(), empty.close()]);
    }
  });
});

describe('index and documents', () => {
  const server = testServer();
  /** HTTP/1.0 without a Host header, on a real socket (inject always sends one). */
  const fetchWithoutHost = async (): Promise<string> => {
    const url = new URL(await server.listen());
    const socket = connect(Number(url.port), url.hostname);
    socket.end('GET /tmf-api/sales/v4/salesLead/sl-4001 HTTP/1.0\r\n\r\n');
    let text = '';
    for await (const chunk of socket) text += String(chunk);
    return text;
  };

  it('GET / lists the five APIs with links', async () => {
    const a = await call(server, 'GET', '/', undefined, '', { host: 'mock.test:8080' });
    const apis = (a.json as { apis: Array<{ id: string; href: string; apiDocs: string; resources: Array<{ href: string }> }> }).apis;
    assert.deepEqual(apis.map((x) => x.id), [...APIS]);
    assert.equal(apis[0]!.href, 'http://mock.test:8080/tmf-api/shoppingCart/v4');
    assert.equal(apis[0]!.apiDocs, 'http://mock.test:8080/tmf-api/shoppingCart/v4/api-docs');
    assert.equal(apis[0]!.resources[0]!.href, 'http://mock.test:8080/tmf-api/shoppingCart/v4/shoppingCart');
  });

  it('<basePath>/api-docs serves the document with host and basePath of this server; the model is untouched', async () => {
    for (const id of APIS) {
      const api = loadApi(id);
      const before = JSON.stringify(api.document);
      const a = await call(server, 'GET', `${api.basePath}/api-docs`, undefined, '', { host: '127.0.0.1:4321' });
      const doc = a.json as Record<string, unknown>;
      assert.equal(doc.host, '127.0.0.1:4321');
      assert.equal(doc.basePath, api.basePath);
      assert.deepEqual(doc.paths, api.document.paths);
      assert.equal(JSON.stringify(api.document), before);
    }
  });

  it('href follows the Host the client used; an odd Host header falls back to the server address', async () => {
    const a = await call(server, 'GET', '/tmf-api/sales/v4/salesLead/sl-4001', undefined, '', { host: 'partner.example:9000' });
    assert.equal((a.json as { href: string }).href, 'http://partner.example:9000/tmf-api/sales/v4/salesLead/sl-4001');
    const b = await call(server, 'GET', '/tmf-api/sales/v4/salesLead/sl-4001', undefined, '', { host: 'bad host/<x>' });
    assert.equal((b.json as { href: string }).href, 'http://localhost/tmf-api/sales/v4/salesLead/sl-4001');
    const raw = await fetchWithoutHost();
    assert.match(raw, /"href":"http:\/\/127\.0\.0\.1:\d+\/tmf-api\/sales\/v4\/salesLead\/sl-4001"/, 'no Host header: the listen address');
    await server.close();
  });
});

describe('listener paths of the document', () => {
  it('accept a valid event (201, recorded in server.received), refuse an invalid one (400)', async () => {
    const s = testServer({ apis: ['TMF663'] });
    try {
      const path = '/tmf-api/shoppingCart/v4/listener/shoppingCartCreateEvent';
      const event = { eventId: 'e-1', eventTime: '2026-11-25T10:00:00Z', eventType: 'ShoppingCartCreateEvent', event: { shoppingCart: { id: 'sc-1' } } };
      const a = await call(s, 'POST', path, event);
      assert.equal(a.status, 201);
      assert.equal((a.json as { id: string }).id, 'e-1');
      assert.deepEqual(s.received.map((r) => r.body.eventId), ['e-1']);
      assert.equal((await call(s, 'POST', path, { ...event, eventTime: 'yesterday' })).status, 400);
      assert.deepEqual(s.violations, []);
    } finally {
      await s.close();
    }
  });
});

describe('options and other document versions', () => {
  it('paging status 200 (as the v4 documents declare) for a partial page', async () => {
    const s = testServer({ apis: ['TMF699'], pagingStatus: 200 });
    try {
      const a = await call(s, 'GET', '/tmf-api/sales/v4/salesLead?limit=1');
      assert.equal(a.status, 200);
      assert.equal(a.headers['x-result-count'], '1');
      assert.equal(a.headers['x-total-count'], '3');
    } finally {
      await s.close();
    }
  });

  it('two versions of one API on one server are refused (same base path); bad options are usage errors', () => {
    assert.throws(() => testServer({ apis: ['TMF671', 'TMF671@4.0.0'] }), /share the base path/);
    assert.throws(() => testServer({ faultRate: 2 }), /fault rate/);
    assert.throws(() => testServer({ apis: ['TMF999'] }), /unknown API/);
  });

  it('v5 (OpenAPI 3) documents run on the same engine: validated creates, valid responses', async () => {
    const warnings: string[] = [];
    const s = testServer({ apis: ['TMF663@5.0.0'], log: (l) => warnings.push(l) });
    try {
      const c = await call(s, 'POST', '/tmf-api/shoppingCart/v5/shoppingCart', { '@type': 'ShoppingCart' });
      assert.equal(c.status, 201, c.text);
      assert.equal((await call(s, 'GET', `/tmf-api/shoppingCart/v5/shoppingCart/${(c.json as { id: string }).id}`)).status, 200);
      assert.equal((await call(s, 'POST', '/tmf-api/shoppingCart/v5/shoppingCart', { cartItem: 'x' })).status, 400);
      assert.deepEqual(s.violations, []);
      // mocks/TMF663 was written for v4: the v5 document gets generated content, not the v4 seed.
      assert.deepEqual(warnings, []);
    } finally {
      await s.close();
    }
  });
});
