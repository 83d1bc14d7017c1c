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

    // href is computed on the way out (COMPUTED_ATTRIBUTES): a filter on it sees the represented resource, never a stored (stale) href.
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
