import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import pg from 'pg';
import { PgStore } from '../../src/mock/pg-store.js';
import { Representer } from '../../src/mock/representation.js';
import { MemoryStore, StoredText, type Resource } from '../../src/mock/store.js';
import { testPostgres } from '../helpers/postgres.js';
import { call, testServer } from './helpers.js';

/**
 * PostgreSQL answers GET by id from the text it kept at write time (no JSONB parse, no serialization),
 * reads asked for together going out as one statement. The answer must be the bytes the object path
 * and the memory store give, a batch must keep every read its own (tenants, missing ids, a refused
 * id), and a write through one instance must be read at once through another.
 */
const { pg: server, skipReason } = await testPostgres();
after(() => server?.stop());

const C = 'TMF663/shoppingCart';
const ORIGIN = 'http://h:1';

const TRICKY: Resource[] = [
  { id: 'plain', name: 'Alpha', total: 5, ok: true, none: null, tags: ['x', 'y'] },
  { id: 'só "quoted" \\ back/é', name: 'épsilon \u2028 \u0007 \ud83d\ude00', nested: { deep: { v: [1, 2.5, -0, 1e21, 1e-7, 5.0] } }, e: {}, a: [] },
  { id: 'stale-href', href: 'http://stale/x', name: 'n', '@type': 'ShoppingCart' },
  { name: 'id in the middle', id: 'middle', z: 1, y: { b: 1, a: 2 } },
  { id: 'only-id' },
  // An array index as a name: JavaScript lists it before id and href, so the kept text is parsed and serialized.
  { id: 'index-key', name: 'n', 7: 'seven', '01': 'not an index' },
  { id: 'proto', ['__proto__' as string]: { polluted: true }, constructor: 'c' },
];

async function rawClient(url: string): Promise<pg.Client> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  return c;
}

describe('PostgreSQL: GET by id from the stored text', { skip: skipReason }, () => {
  it('each resource answers the bytes the representer makes of the object, from the text or from the body', async () => {
    const url = await server!.database();
    const store = new PgStore(url);
    const rep = new Representer('/tmf-api/shoppingCart/v4/shoppingCart');
    try {
      for (const r of TRICKY) await store.put(C, JSON.parse(JSON.stringify(r)) as Resource);
      const answer = async (id: string): Promise<string> => {
        const got = await store.getText(C, id);
        assert.ok(got, id);
        return got instanceof StoredText ? rep.textOf(got, ORIGIN) : rep.text(got, ORIGIN);
      };
      for (const r of TRICKY) {
        const want = rep.text(JSON.parse(JSON.stringify(r)) as Resource, ORIGIN);
        assert.equal(await answer(r.id), want, r.id);
        // The object read (lists, ?fields, behaviours) serializes to the same bytes.
        assert.equal(rep.text((await store.get(C, r.id))!, ORIGIN), want, r.id);
        assert.equal((await store.getText(C, r.id)) instanceof StoredText, r.id !== 'index-key', r.id);
        assert.equal(JSON.stringify(await store.get(C, r.id)), JSON.stringify(rep.represent(JSON.parse(JSON.stringify(r)) as Resource, ORIGIN)).replace(/,"href":"[^"]*"/, ''), r.id);
      }
      // Rows written before schema version 2 have no text: the body answers, with the same content.
      const c = await rawClient(url);
      await c.query('UPDATE tmf_ctk_resources SET doc = NULL');
      await c.end();
      for (const r of TRICKY) {
        const got = await store.getText(C, r.id);
        assert.ok(got && !(got instanceof StoredText), r.id);
        assert.deepEqual(JSON.parse(await answer(r.id)), JSON.parse(rep.text(JSON.parse(JSON.stringify(r)) as Resource, ORIGIN)), r.id);
      }
      // The next write keeps a text again.
      await store.update(C, 'plain', (cur) => ({ resource: { ...cur, total: 6 }, events: [] }));
      assert.ok((await store.getText(C, 'plain')) instanceof StoredText);
      assert.equal(JSON.parse(await answer('plain')).total, 6);
    } finally {
      await store.close();
    }
  });

  it('reads asked together: each gets its own tenant\'s resource, missing ids nothing, and a refused id fails alone', async () => {
    const store = new PgStore(await server!.database());
    try {
      for (const t of ['@a:', '@b:']) for (const id of ['1', '2', '3']) await store.put(`${t}${C}`, { id, tenant: t });
      const ids = ['1', '2', '3', 'missing', '1'];
      const reads = ['@a:', '@b:'].flatMap((t) => ids.map((id) => ({ t, id, got: store.getText(`${t}${C}`, id) })));
      const refused = assert.rejects(store.getText(`@a:${C}`, 'bad\u0000id'));
      for (const r of reads) {
        const got = await r.got;
        if (r.id === 'missing') assert.equal(got, undefined);
        else {
          assert.ok(got instanceof StoredText);
          assert.equal(got.id, r.id);
          assert.deepEqual(JSON.parse(got.rest), { tenant: r.t });
        }
      }
      await refused;
    } finally {
      await store.close();
    }
  });

  it('across two instances a write is read at once, also by reads asked together', async () => {
    const url = await server!.database();
    const a = new PgStore(url);
    const b = new PgStore(url);
    try {
      await a.put(C, { id: 'x', n: 0 });
      for (let n = 1; n <= 20; n++) {
        await a.update(C, 'x', (cur) => ({ resource: { ...cur, n }, events: [] }));
        const seen = await Promise.all([b.getText(C, 'x'), b.getText(C, 'x'), b.getText(C, 'other'), b.get(C, 'x')]);
        for (const s of [seen[0], seen[1]]) assert.deepEqual(JSON.parse((s as StoredText).rest), { n }, `write ${n}`);
        assert.equal(seen[2], undefined);
        assert.equal(seen[3]!.n, n);
      }
      await a.delete(C, 'x');
      assert.equal(await b.getText(C, 'x'), undefined);
    } finally {
      await a.close();
      await b.close();
    }
  });

  it('the mock on PostgreSQL answers the bytes the memory mock answers: GET by id, ?fields, list, POST, PATCH', async () => {
    const memory = testServer({ apis: ['TMF663'] });
    const onPg = testServer({ apis: ['TMF663'], dataFile: await server!.database() });
    try {
      const same = async (method: string, path: (m: 'memory' | 'pg') => string, body?: unknown, type?: string): Promise<string[]> => {
        const answers = [await call(memory, method, path('memory'), body, type), await call(onPg, method, path('pg'), body, type)];
        for (const a of answers) assert.ok(a.status < 300, a.text);
        return answers.map((a) => a.text);
      };
      const base = '/tmf-api/shoppingCart/v4/shoppingCart';
      const [m1, p1] = await same('GET', () => `${base}/sc-1001`);
      assert.equal(p1, m1);
      assert.equal(...(await same('GET', () => `${base}/sc-1001?fields=relatedParty,validFor`)) as [string, string]);
      assert.equal(...(await same('GET', () => `${base}?limit=5`)) as [string, string]);
      const cart = { cartItem: [{ id: '1', action: 'add', quantity: 2, note: [{ text: 'é "q" \\ \u2028' }], status: 'active' }], relatedParty: [], zeta: { b: 1, a: [] } };
      const created = await same('POST', () => base, cart);
      const ids = created.map((t) => (JSON.parse(t) as { id: string }).id) as [string, string];
      // The two were created a moment apart: ids and the times behaviours set differ, nothing else.
      const norm = (t: string, i: number) => t.replaceAll(ids[i]!, 'ID').replace(/"\d{4}-\d\d-\d\dT[\d:.]+Z"/g, '"TIME"');
      assert.equal(norm(created[1]!, 1), norm(created[0]!, 0));
      const idOf = (m: 'memory' | 'pg') => ids[m === 'memory' ? 0 : 1];
      const got = await same('GET', (m) => `${base}/${idOf(m)}`);
      assert.equal(norm(got[1]!, 1), norm(got[0]!, 0));
      assert.equal(norm(got[1]!, 1), norm(created[1]!, 1));
      const patched = await same('PATCH', (m) => `${base}/${idOf(m)}`, [{ op: 'add', path: '/relatedParty/-', value: { id: 'p1', role: 'member', '@referredType': 'Individual' } }], 'application/json-patch+json');
      assert.equal(norm(patched[1]!, 1), norm(patched[0]!, 0));
      const again = await same('GET', (m) => `${base}/${idOf(m)}`);
      assert.equal(norm(again[1]!, 1), norm(patched[1]!, 1));
      assert.deepEqual(onPg.violations, []);
    } finally {
      await memory.close();
      await onPg.close();
    }
  });

  it('the memory store has no stored text: the engine serializes the object there', () => {
    assert.equal((new MemoryStore() as { getText?: unknown }).getText, undefined);
  });
});
