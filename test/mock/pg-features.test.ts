import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { createMockServer, seedOf } from '../../src/composition.js';
import { loadApi } from '../../src/document/load.js';
import { resourcePayloads } from '../../src/generate/payloads.js';
import { testPostgres } from '../helpers/postgres.js';
import { call, testServer } from './helpers.js';

/**
 * What the mock does with any store, on PostgreSQL: records of a seed file (`mock --seed FILE`) are
 * the seed, a filter on the computed `href` finds a resource, a v5 document's JSON Patch Query applies.
 */
const { pg, skipReason } = await testPostgres();
after(() => pg?.stop());

const CARTS = '/tmf-api/shoppingCart/v4/shoppingCart';

describe('main mock features on a PostgreSQL store', { skip: skipReason }, () => {
  it('a seed file\'s records are the seed; ?href= finds the resource by the href the client was given', async () => {
    const record = { ...(seedOf('TMF663').shoppingCart![0] as Record<string, unknown>), id: 'recorded-1' };
    const recordedSeeds = { data: new Map([['TMF663', { shoppingCart: [record] }]]), source: 'rec.json' };
    const mock = createMockServer({ apis: ['TMF663'], dataFile: await pg!.database(), recordedSeeds, checkResponses: true, clockMs: 0, log: () => undefined });
    try {
      const all = await call(mock, 'GET', CARTS);
      assert.deepEqual((all.json as Array<{ id: string }>).map((c) => c.id), ['recorded-1']);
      const href = (all.json as Array<{ href: string }>)[0]!.href;
      const found = await call(mock, 'GET', `${CARTS}?href=${encodeURIComponent(href)}`);
      assert.deepEqual((found.json as Array<{ id: string }>).map((c) => c.id), ['recorded-1']);
      assert.deepEqual((await call(mock, 'GET', `${CARTS}?href=${encodeURIComponent(`${href}x`)}`)).json, []);
    } finally {
      await mock.close();
    }
  });

  it('TMF622 v5: JSON Patch Query changes the selected item, stored in PostgreSQL', async () => {
    const api = loadApi('TMF622@5.0.0');
    const order = api.resources.find((r) => r.name === 'productOrder')!;
    const mock = testServer({ apis: [api], dataFile: await pg!.database() });
    try {
      const base = `${api.basePath}${order.collectionPath}`;
      const created = await call(mock, 'POST', base, resourcePayloads(api, order).minimal!);
      assert.equal(created.status, 201, created.text);
      const { id, productOrderItem } = created.json as { id: string; productOrderItem: Array<{ id: string }> };
      const ops = [{ op: 'add', path: `/productOrderItem/quantity?productOrderItem.id=${productOrderItem[0]!.id}`, value: 3 }, { op: 'add', path: '/@type', value: 'ProductOrder' }];
      const patched = await call(mock, 'PATCH', `${base}/${id}`, ops, 'application/json-patch-query+json');
      assert.equal(patched.status, 200, patched.text);
      const stored = await mock.store.get(`${api.id}/${order.name}`, id);
      assert.equal((stored!.productOrderItem as Array<{ quantity: number }>)[0]!.quantity, 3);
      assert.deepEqual(mock.violations, []);
    } finally {
      await mock.close();
    }
  });
});
