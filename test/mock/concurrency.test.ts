import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { testServer } from './helpers.js';

/**
 * Concurrent writers over real sockets, against both stores: 50 clients creating, patching, reading,
 * listing and deleting at once. No lost write, no phantom 404, no 5xx.
 */
const CARTS = '/tmf-api/shoppingCart/v4/shoppingCart';
const CLIENTS = 50;

async function req(url: string, method = 'GET', body?: unknown, contentType = 'application/json'): Promise<{ status: number; json: Record<string, unknown> }> {
  const res = await fetch(url, { method, body: body === undefined ? undefined : JSON.stringify(body), headers: body === undefined ? {} : { 'content-type': contentType } });
  const text = await res.text();
  return { status: res.status, json: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
}

for (const store of ['memory', 'sqlite'] as const) {
  describe(`${CLIENTS} concurrent clients, ${store} store`, () => {
    it('every client creates, reads, patches, lists and deletes its own carts: no phantom 404, no 5xx', async () => {
      const dir = mkdtempSync(join(tmpdir(), 'tmf-ctk-conc-'));
      const mock = testServer({ apis: ['TMF663'], seed: false, dataFile: store === 'sqlite' ? join(dir, 'mock.db') : undefined });
      try {
        const base = `${await mock.listen()}${CARTS}`;
        const statuses: number[] = [];
        const client = async (n: number) => {
          for (let round = 0; round < 4; round++) {
            const c = await req(base, 'POST', { cartItem: [{ id: '1', quantity: n }] });
            statuses.push(c.status);
            const url = `${base}/${c.json.id as string}`;
            const got = await req(url);
            assert.equal(got.status, 200, 'a created cart is there at once');
            const p = await req(url, 'PATCH', { cartItem: [{ id: '1', quantity: n + round }] }, 'application/merge-patch+json');
            assert.equal(p.status, 200);
            assert.equal(((await req(url)).json.cartItem as Array<{ quantity: number }>)[0]!.quantity, n + round, 'the patch is what a read sees');
            const list = await req(`${base}?id=${c.json.id as string}`);
            assert.equal((list.json as unknown as unknown[]).length, 1);
            if (round % 2 === 0) {
              assert.equal((await req(url, 'DELETE')).status, 204);
              assert.equal((await req(url)).status, 404);
            }
          }
        };
        await Promise.all(Array.from({ length: CLIENTS }, (_, n) => client(n + 1)));
        assert.ok(statuses.every((s) => s === 201));
        const total = await fetch(base);
        assert.equal(total.headers.get('x-total-count'), String(CLIENTS * 2), 'two of four carts per client remain');
        assert.deepEqual(mock.violations, []);
      } finally {
        await mock.close();
        rmSync(dir, { recursive: true, force: true });
      }
    });

    it(`${CLIENTS} parallel JSON Patch appends to one cart: none lost`, async () => {
      const dir = mkdtempSync(join(tmpdir(), 'tmf-ctk-conc-'));
      const mock = testServer({ apis: ['TMF663'], seed: false, dataFile: store === 'sqlite' ? join(dir, 'mock.db') : undefined });
      try {
        const base = `${await mock.listen()}${CARTS}`;
        const cart = await req(base, 'POST', { cartItem: [] });
        const url = `${base}/${cart.json.id as string}`;
        const answers = await Promise.all(Array.from({ length: CLIENTS }, (_, n) =>
          req(url, 'PATCH', [{ op: 'add', path: '/cartItem/-', value: { id: `item-${n}`, quantity: 1 } }], 'application/json-patch+json')));
        assert.ok(answers.every((a) => a.status === 200));
        const items = (await req(url)).json.cartItem as Array<{ id: string }>;
        assert.equal(items.length, CLIENTS);
        assert.equal(new Set(items.map((i) => i.id)).size, CLIENTS);
      } finally {
        await mock.close();
        rmSync(dir, { recursive: true, force: true });
      }
    });
  });
}
