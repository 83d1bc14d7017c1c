import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { PgStore } from '../../src/mock/pg-store.js';
import { SqliteStore } from '../../src/mock/sqlite-store.js';
import { MemoryStore, StoreConflict, type Resource, type Store, type StoredEvent } from '../../src/mock/store.js';
import { parseCollectionQuery } from '../../src/tmf/query.js';
import { testPostgres } from '../helpers/postgres.js';

/**
 * One contract, three stores: what the engine relies on (order, conflicts, serialised updates, events
 * with deletes, tenant prefixes, flags, TMF630 queries) holds for memory, SQLite and PostgreSQL alike.
 * Queries are compared with the memory store's answers, which apply src/tmf/ directly.
 */
const C = 'TMF663/shoppingCart';
const { pg, skipReason } = await testPostgres();
const dir = mkdtempSync(join(tmpdir(), 'tmf-ctk-contract-'));
after(async () => {
  await pg?.stop();
  rmSync(dir, { recursive: true, force: true });
});

const FIXTURES: Resource[] = [
  { id: 'a', name: 'Alpha', status: 'active', total: 5, ok: true, date: '2030-01-01T00:00:00Z', relatedParty: [{ id: 'p1' }, { id: 'p2' }], tags: ['x', 'y'] },
  { id: 'b', name: 'beta', status: 'done', total: 10, ok: false, date: '2030-01-02T00:00:00.000Z', relatedParty: [{ id: 'p2' }] },
  { id: 'c', name: 'Gamma "quoted" \\ back', status: 'active', total: '7', date: '2029-12-31T23:00:00-02:00', relatedParty: { id: 'p3' } },
  { id: 'd', name: 'delta', status: 'ACTIVE', total: 5.0, tags: [], href: 'http://stale/d' },
  { id: 'e', name: 'épsilon', status: 'pending', nested: { deep: { v: 'x' } }, tags: [['x']] },
];

const QUERIES = [
  '', 'status=active', 'status=active,done', 'status.ne=active', 'status=nope', 'relatedParty.id=p2', 'relatedParty.id=p3',
  'tags=x', 'nested.deep.v=x', 'name=Gamma "quoted" \\ back', 'total=5', 'total.gt=6', 'ok=true', 'date.gt=2030-01-01T00:00:00Z',
  'name.regex=^[A-Z]', 'sort=-total', 'sort=name', 'limit=2', 'offset=1&limit=2', 'offset=10', 'limit=0', 'status=active&limit=1',
  'status=active&offset=5', 'status.ne=done&sort=-name&offset=1&limit=2', 'missing=x', 'missing.ne=x',
];

/**
 * A tenant's larger collection for sort, paging and value comparisons: every kind of value compare()
 * and the sort read differently (numbers, numeric strings, dates with offsets, booleans, arrays, null,
 * absent), in a fixed pseudo-random mix. Another tenant holds one more resource, with an id of its own.
 */
const C2 = '@t1:TMF622/productOrder';
const OTHER = '@t2:TMF622/productOrder';
function generated(n: number): Resource[] {
  let seed = 7;
  const rnd = (k: number) => ((seed = (seed * 1103515245 + 12345) % 2147483648), seed % k);
  const names = ['alpha', 'Beta', 'beta', 'éclair', 'Zulu', '10', '9', 'a b', '', 'Ωmega', 'zeta'];
  const totals = [5, 7, '7', 10, '10', 2.5, -1, 0, null, 'x', true, [3, 1]];
  const dates = ['2030-01-01T00:00:00Z', '2030-01-01T01:00:00+02:00', '2029-12-31', '2030-06-15T12:30:00.000Z', 'not a date', ['2031-01-01T00:00:00Z', '2020-01-01T00:00:00Z']];
  return Array.from({ length: n }, (_, i) => {
    const r: Resource = { id: i === 3 ? 'o 3/é' : `o${i}` };
    if (rnd(5) > 0) r.name = names[rnd(names.length)];
    if (rnd(4) > 0) r.total = totals[rnd(totals.length)];
    if (rnd(4) > 0) r.orderDate = dates[rnd(dates.length)];
    if (rnd(2) > 0) r.state = rnd(2) ? 'open' : 'closed';
    if (rnd(3) === 0) r.relatedParty = [{ id: `p${rnd(4)}`, role: rnd(2) ? 'buyer' : 'Seller' }, { id: 'p9' }];
    if (rnd(3) === 0) r.nested = { v: rnd(6) };
    if (rnd(5) === 0) r.ok = rnd(2) === 1;
    return r;
  });
}
const GENERATED = generated(60);

const SORTED_QUERIES = [
  'sort=name', 'sort=-name&offset=3&limit=5', 'sort=total&limit=7', 'sort=-total&offset=7&limit=7', 'sort=orderDate&offset=2&limit=4',
  'sort=-orderDate&limit=10', 'sort=missing&offset=5&limit=5', 'sort=-missing,name&offset=1&limit=6', 'sort=relatedParty.role,-total&limit=8',
  'sort=nested.v,-id&offset=4&limit=9', 'sort=id&offset=55', 'sort=name&offset=100', 'sort=name&limit=0', 'sort=-total,orderDate,name',
  'total.gt=5', 'total.gte=7&sort=-total&limit=4', 'total.lt=7&total.gt=0&offset=1&limit=3', 'total=5', 'total=7,10&sort=name',
  'orderDate.gt=2030-01-01T00:00:00Z', 'orderDate.lt=2030-06-01&sort=orderDate&limit=3', 'orderDate.gte=2029-12-31&orderDate.lte=2030-01-01T00:00:00Z',
  'orderDate=2029-12-31T23:00:00-01:00', 'name.regex=^[a-z]&sort=name&offset=1&limit=3', 'name.regex=a&state=open', 'name.gt=beta&sort=-name',
  'ok=true&sort=-orderDate', 'ok=false', 'state=open&total.gte=3&sort=name&limit=4', 'state.ne=open&total.ne=5&sort=total', 'nested.v.gt=2&sort=nested.v',
  'relatedParty.id=p2&sort=-name', 'relatedParty.role.lt=b&limit=5', 'id.gt=o5&sort=-id&limit=5', 'missing.gt=1', 'missing.ne=1&limit=3&offset=2',
];

/** Values as a query string carries them (comma = OR). */
const qs = (...values: string[]) => values.map(encodeURIComponent).join(',');

const event = (hub: string, n: number): StoredEvent => ({ apiId: 'TMF663', hub, mediaType: 'application/json', body: { eventId: `ev-${n}`, eventType: 'X' } });

function contract(name: string, open: () => Promise<Store>, skip?: string): void {
  describe(`store contract: ${name}`, { skip }, () => {
    let store: Store;
    const reference = new MemoryStore();
    before(async () => {
      store = await open();
      await store.open?.();
      for (const r of FIXTURES) {
        await store.insert(C, r);
        await reference.insert(C, r);
      }
      for (const r of GENERATED) {
        await store.insert(C2, r);
        await reference.insert(C2, r);
      }
      await store.insert(OTHER, { id: 'other-1', name: 'alpha' });
      await reference.insert(OTHER, { id: 'other-1', name: 'alpha' });
    });
    after(() => store?.close());

    it('get, list in creation order, count; a taken id is a conflict', async () => {
      assert.deepEqual(await store.get(C, 'b'), FIXTURES[1]);
      assert.equal(await store.get(C, 'zz'), undefined);
      assert.deepEqual((await store.list(C)).map((r) => r.id), ['a', 'b', 'c', 'd', 'e']);
      assert.equal(await store.count(C), 5);
      await assert.rejects(store.insert(C, { id: 'a' }), StoreConflict);
    });

    for (const q of QUERIES) {
      it(`query "${q}" answers as src/tmf/ does`, async () => {
        const query = parseCollectionQuery(new URLSearchParams(q));
        const want = await reference.query(C, query);
        const got = await store.query(C, query);
        assert.deepEqual(got.items.map((r) => r.id), want.items.map((r) => r.id));
        assert.equal(got.total, want.total);
      });
    }

    for (const q of SORTED_QUERIES) {
      it(`query "${q}" on a tenant's collection answers as src/tmf/ does`, async () => {
        const query = parseCollectionQuery(new URLSearchParams(q));
        const want = await reference.query(C2, query);
        const got = await store.query(C2, query);
        assert.deepEqual(got.items, want.items);
        assert.equal(got.total, want.total);
      });
    }

    // An href is the origin, the collection's path and the id URL-encoded (Representer.href).
    const href = (id: string) => `http://h/po/${encodeURIComponent(id)}`;
    const encoded = ({ id, href: _stale, ...rest }: Resource): unknown => ({ id, href: href(id), ...rest });
    for (const q of [
      `href=${qs(href('o1'), href('o 3/é'), href('other-1'), 'http://h/po/%E0%A4%A', 'http://h/po/o%31', 'http://elsewhere/po/o2', href('nope'))}`,
      `href=${qs(href('o1'), href('o2'), href('o4'))}&sort=-name&offset=1&limit=1`,
      `href=${qs(href('o1'), href('o2'))}&href=${qs(href('o2'), href('o5'))}`,
      `href=${qs(href('o1'), href('o2'), href('o4'))}&total.gt=0&sort=total`,
      `href=${qs('http://h/po/o 3/é')}`, `href.ne=${qs(href('o1'))}&sort=-id&limit=3`, 'href.regex=/o1[0-9]$&sort=name&limit=4', `href.gt=${qs(href('o5'))}&limit=5`,
    ]) {
      it(`query "${q}" on href (URL-encoded ids) answers as src/tmf/ does`, async () => {
        const query = { ...parseCollectionQuery(new URLSearchParams(q)), view: encoded };
        const want = await reference.query(C2, query);
        const got = await store.query(C2, query);
        assert.deepEqual(got.items, want.items);
        assert.equal(got.total, want.total);
      });
    }

    it('href= finds the resources its values name, in this tenant only', async () => {
      const q = `href=${qs(href('o1'), href('o 3/é'), href('other-1'), 'http://h/po/%E0%A4%A')}`;
      const got = await store.query(C2, { ...parseCollectionQuery(new URLSearchParams(q)), view: encoded });
      assert.deepEqual(got.items.map((r) => r.id), ['o1', 'o 3/é']);
      assert.equal(got.total, 2);
    });

    // href is computed on the way out (COMPUTED_ATTRIBUTES): a filter on it sees the represented resource, never a stored (stale) href.
    // This view does not encode ids: no href narrows anything, and the answers are the same.
    const view = (r: Resource): unknown => ({ ...r, href: `http://h/x/${r.id}` });
    for (const [q, ids] of [['href=http://h/x/b', ['b']], ['href=http://h/x/b,http://h/x/d', ['b', 'd']], ['href=http://stale/d', []],
      ['href.ne=http://h/x/b&status=active', ['a', 'c']], ['href.regex=/x/[ab]$', ['a', 'b']], ['href=http://h/x/d&sort=-name&limit=1', ['d']]] as const) {
      it(`query "${q}" filters on the computed href`, async () => {
        const got = await store.query(C, { ...parseCollectionQuery(new URLSearchParams(q)), view });
        assert.deepEqual(got.items.map((r) => r.id), ids);
        assert.equal(got.total, ids.length);
      });
    }

    it('put replaces in place; update changes, refuses without writing, and answers undefined when missing', async () => {
      const c2 = `${C}-2`;
      await store.put(c2, { id: 'x', v: 1 });
      await store.put(c2, { id: 'y', v: 1 });
      await store.put(c2, { id: 'x', v: 2 });
      assert.deepEqual((await store.list(c2)).map((r) => [r.id, r.v]), [['x', 2], ['y', 1]]);
      const done = await store.update(c2, 'x', (cur) => ({ resource: { ...cur, v: Number(cur.v) + 1 }, events: [] }));
      assert.deepEqual(done, { before: { id: 'x', v: 2 }, after: { id: 'x', v: 3 } });
      await assert.rejects(store.update(c2, 'x', () => {
        throw new Error('refused');
      }), /refused/);
      assert.deepEqual(await store.get(c2, 'x'), { id: 'x', v: 3 });
      assert.equal(await store.update(c2, 'nope', (cur) => ({ resource: cur, events: [] })), undefined);
    });

    it('40 concurrent updates of one resource: none lost', async () => {
      const c3 = `${C}-3`;
      await store.insert(c3, { id: 'n', items: [] });
      await Promise.all(Array.from({ length: 40 }, (_, i) => store.update(c3, 'n', async (cur) => {
        await new Promise((r) => setTimeout(r, Math.random() * 3));
        return { resource: { ...cur, items: [...(cur.items as number[]), i] }, events: [] };
      })));
      assert.deepEqual([...((await store.get(c3, 'n'))!.items as number[])].sort((a, b) => a - b), Array.from({ length: 40 }, (_, i) => i));
    });

    it('delete answers the removed resource and makes its events from it; a second delete finds nothing', async () => {
      const c4 = `${C}-4`;
      await store.insert(c4, { id: 'gone', v: 1 });
      const seen: Resource[] = [];
      assert.deepEqual(await store.delete(c4, 'gone', (r) => (seen.push(r), [])), { id: 'gone', v: 1 });
      assert.deepEqual(seen, [{ id: 'gone', v: 1 }]);
      assert.equal(await store.delete(c4, 'gone'), undefined);
      assert.equal(await store.get(c4, 'gone'), undefined);
    });

    it('clear(prefix) empties one tenant\'s collections only; flags are claimed once', async () => {
      await store.put('@al:TMF663/shoppingCart', { id: '1' });
      await store.put('@al:TMF663/hub', { id: 's' });
      await store.put('@alpha:TMF663/shoppingCart', { id: '1' });
      await store.clear('@al:TMF663/');
      assert.equal(await store.count('@al:TMF663/shoppingCart'), 0);
      assert.equal(await store.count('@al:TMF663/hub'), 0);
      assert.equal(await store.count('@alpha:TMF663/shoppingCart'), 1);
      assert.equal(await store.count(C), 5);
      assert.equal(await store.claimMeta('seeded:@al:TMF663', 't1'), true);
      assert.equal(await store.claimMeta('seeded:@al:TMF663', 't2'), false);
      assert.equal(await store.getMeta('seeded:@al:TMF663'), 't1');
      await store.deleteMeta('seeded:@al:');
      assert.equal(await store.getMeta('seeded:@al:TMF663'), undefined);
    });
  });
}

contract('memory', async () => new MemoryStore());
contract('SQLite', async () => new SqliteStore(join(dir, 'contract.db')));
contract('PostgreSQL', async () => new PgStore(await pg!.database()), skipReason);

describe('PostgreSQL reads what a query needs, not the collection', { skip: skipReason }, () => {
  const P = '@t1:TMF622/productOrder';
  let store: PgStore;
  const reference = new MemoryStore();
  /** Per statement the store sent: rows answered, and rows carrying a resource's text or body. */
  let reads: Array<{ rows: number; bodies: number }> = [];
  const href = (id: string) => `http://h/po/${encodeURIComponent(id)}`;
  const view = ({ id, href: _stale, ...rest }: Resource): unknown => ({ id, href: href(id), ...rest });
  before(async () => {
    store = new PgStore(await pg!.database(), {
      observe: (_text, rows) => reads.push({ rows: rows.length, bodies: rows.filter((r) => 'doc' in r || 'body' in r).length }),
    });
    const all = Array.from({ length: 500 }, (_, i): Resource => ({
      id: `po-${i}`, name: `n${(i * 7919) % 500}`, total: (i * 37) % 101, orderDate: new Date(Date.UTC(2030, 0, 1) + ((i * 7127) % 500) * 3_600_000).toISOString(),
      note: 'x'.repeat(200), ...(i % 9 === 0 ? {} : { state: i % 2 ? 'open' : 'closed' }),
    }));
    for (const r of all) await reference.insert(P, r);
    await store.open();
    await store.put('@t2:TMF622/productOrder', { id: 'po-other' });
    await Promise.all(all.map((r) => store.insert(P, r)));
    // Creation order is the default order: insert again, one by one, in the reference's order.
    await store.clear('@t1:');
    for (const r of all) await store.insert(P, r);
  });
  after(() => store?.close());

  async function measured(q: string): Promise<{ ids: string[]; total: number; rows: number; bodies: number; statements: number }> {
    const query = { ...parseCollectionQuery(new URLSearchParams(q)), view };
    const want = await reference.query(P, query);
    reads = [];
    const got = await store.query(P, query);
    assert.deepEqual(got.items, want.items, q);
    assert.equal(got.total, want.total, q);
    return { ids: got.items.map((r) => r.id), total: got.total, statements: reads.length, rows: reads.reduce((n, r) => n + r.rows, 0), bodies: reads.reduce((n, r) => n + r.bodies, 0) };
  }

  it('an href search reads at most one row per value (another tenant\'s id and a malformed value read none)', async () => {
    const values = [href('po-1'), href('po-250'), href('po-499'), href('po-other'), 'http://h/po/%E0%A4%A', href('po-9999')];
    const m = await measured(`href=${qs(...values)}`);
    assert.deepEqual(m.ids, ['po-1', 'po-250', 'po-499']);
    assert.ok(m.rows <= values.length && m.rows === 3, `read ${m.rows} rows`);
    const sorted = await measured(`href=${qs(...values)}&sort=-total&offset=1&limit=1`);
    assert.equal(sorted.total, 3);
    assert.ok(sorted.rows <= values.length, `read ${sorted.rows} rows`);
    const none = await measured(`href=${qs('http://h/po/%E0%A4%A', 'http://elsewhere/po/po-1')}`);
    assert.deepEqual([none.total, none.rows, none.statements], [0, 0, 0]);
  });

  for (const q of ['sort=-orderDate&offset=20&limit=10', 'sort=name,-total&limit=10', 'sort=state,orderDate&offset=480&limit=10', 'total.gt=50&sort=total&offset=5&limit=10',
    'orderDate.lt=2030-01-10T00:00:00Z&limit=10', 'name.regex=^n1&sort=-name&limit=10', 'state=open&sort=-total&limit=10']) {
    it(`"${q}": the keys of the matching rows, and 10 bodies`, async () => {
      const m = await measured(q);
      assert.equal(m.ids.length, 10);
      assert.equal(m.bodies, 10, `read ${m.bodies} bodies`);
      assert.ok(m.total > 10);
    });
  }
});

describe('PostgreSQL: a sorted page and its bodies are one state, under concurrent writes', { skip: skipReason }, () => {
  it('every page is sorted by the values it answers, and full, while another instance rewrites the sort key', async () => {
    const url = await pg!.database();
    const reader = new PgStore(url);
    const writer = new PgStore(url);
    const P = 'TMF622/productOrder';
    try {
      for (let i = 0; i < 200; i++) await writer.insert(P, { id: `r${i}`, total: i });
      let writing = true;
      // Four writers: each rewrites the totals of its own ids; one in ten writes deletes and creates again.
      const writes = Promise.all([0, 1, 2, 3].map(async (w) => {
        for (let n = 0; writing; n++) {
          const id = `r${w + 4 * ((n * 13) % 50)}`;
          if (n % 10 === 9) await writer.delete(P, id).then(() => writer.insert(P, { id, total: (n * 31) % 1000 }));
          else await writer.update(P, id, (cur) => ({ resource: { ...cur, total: (Number(cur.total) * 7 + 13) % 1000 }, events: [] }));
        }
      }));
      for (let round = 0; round < 150; round++) {
        const page = await reader.query(P, { ...parseCollectionQuery(new URLSearchParams('sort=-total&offset=5&limit=10')) });
        assert.equal(page.items.length, 10);
        const totals = page.items.map((r) => Number(r.total));
        assert.deepEqual(totals, [...totals].sort((a, b) => b - a), `round ${round}: ${totals.join(',')}`);
      }
      writing = false;
      await writes;
    } finally {
      await reader.close();
      await writer.close();
    }
  });
});

describe('PostgreSQL outbox: each event claimed by one taker, again after its lease or a release', { skip: skipReason }, () => {
  let url: string;
  let a: PgStore;
  let b: PgStore;
  before(async () => {
    url = await pg!.database();
    a = new PgStore(url);
    b = new PgStore(url);
    await a.open();
  });
  after(async () => {
    await a?.close();
    await b?.close();
  });

  it('stored with the write only when the hub has a subscription', async () => {
    await a.insert(C, { id: 'w0' }, [event('TMF663/hub', 0)]);
    assert.deepEqual(await b.outbox.claim(10, 60_000, ['TMF663']), []);
    await a.insert('TMF663/hub', { id: 'sub-1', callback: 'http://127.0.0.1:9/cb' });
  });

  it('stored with the write, claimed once across instances, completed, released, or retaken after the lease', async () => {
    await a.insert(C, { id: 'w1' }, [event('TMF663/hub', 1), event('TMF663/hub', 2)]);
    const [x, y] = await Promise.all([a.outbox.claim(10, 60_000, ['TMF663']), b.outbox.claim(10, 60_000, ['TMF663'])]);
    assert.deepEqual([...x, ...y].map((e) => e.event.body.eventId).sort(), ['ev-1', 'ev-2']);
    assert.deepEqual(await b.outbox.claim(10, 60_000, ['TMF663']), []);
    const [first, second] = [...x, ...y].sort((p, q) => Number(p.seq) - Number(q.seq));
    await a.outbox.complete(first!.seq);
    await a.outbox.release([second!.seq]);
    const again = await b.outbox.claim(10, 50, ['TMF663']);
    assert.deepEqual(again.map((e) => e.event.body.eventId), ['ev-2']);
    await new Promise((r) => setTimeout(r, 120));
    assert.deepEqual((await a.outbox.claim(10, 60_000, ['TMF663'])).map((e) => e.event.body.eventId), ['ev-2'], 'lease expired: taken again');
    assert.deepEqual(await a.outbox.claim(10, 60_000, ['TMF999']), [], 'an instance takes only the APIs it serves');
  });

  it('an update that loses the race writes nothing and no event; a refused change stores no event', async () => {
    await a.insert(C, { id: 'w2', v: 0 });
    const before = Number((await a.outbox.claim(100, 1, ['TMF663'])).length);
    assert.ok(before >= 0);
    await assert.rejects(a.update(C, 'w2', () => {
      throw new Error('no');
    }), /no/);
    await new Promise((r) => setTimeout(r, 5));
    assert.deepEqual(await b.outbox.claim(100, 60_000, ['TMF663']), []);
  });

  it('text PostgreSQL cannot store (a NUL) is a 400, not a 500', async () => {
    await assert.rejects(a.insert(C, { id: 'nul', name: 'a\u0000b' }), (e: Error & { status?: number }) => e.status === 400);
  });
});
