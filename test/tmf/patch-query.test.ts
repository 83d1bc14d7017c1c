/**
 * TMF630 JSON Patch Query (application/json-patch-query+json, declared by the v5 documents): query paths
 * expand to the array elements they select, then apply as JSON Patch; the mock accepts it.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createMockServer } from '../../src/composition.js';
import { loadApi } from '../../src/document/load.js';
import { resourcePayloads } from '../../src/generate/payloads.js';
import { applyPatch, PatchError, touchedAttributes } from '../../src/tmf/patch.js';
import { expandPatchQuery } from '../../src/tmf/patch-query.js';

const ORDER = {
  id: '30001',
  productOrderItem: [
    { id: '119', billingAccount: { id: 'a' }, product: { productCharacteristic: [{ name: 'Colour', value: 'red' }, { name: 'Size', value: 'S' }] } },
    { id: '120', billingAccount: { id: 'b' }, product: { productCharacteristic: [{ name: 'Colour', value: 'blue' }] } },
  ],
};

describe('JSON Patch Query', () => {
  it("TMF622 v5's example: replace billingAccount/id of the item whose id is 120, and only that one", () => {
    const ops = [{ op: 'replace', path: '/productOrderItem/billingAccount/id?productOrderItem.id=120', value: '1889' }];
    assert.deepEqual(expandPatchQuery(ORDER, ops), [{ op: 'replace', path: '/productOrderItem/1/billingAccount/id', value: '1889' }]);
    const out = applyPatch('json-patch-query', ORDER, ops);
    assert.equal(out.productOrderItem[1]!.billingAccount.id, '1889');
    assert.equal(out.productOrderItem[0]!.billingAccount.id, 'a');
    assert.equal(ORDER.productOrderItem[1]!.billingAccount.id, 'b', 'the target is not modified');
    assert.deepEqual(touchedAttributes('json-patch-query', ops), ['productOrderItem']);
  });

  it('conditions on nested arrays, and on every matching element', () => {
    const nested = [{ op: 'replace', path: '/productOrderItem/product/productCharacteristic/value?productOrderItem.id=119&productOrderItem.product.productCharacteristic.name=Colour', value: 'green' }];
    assert.deepEqual(expandPatchQuery(ORDER, nested).map((o) => o.path), ['/productOrderItem/0/product/productCharacteristic/0/value']);
    const all = [{ op: 'replace', path: '/productOrderItem/product/productCharacteristic/value?productOrderItem.product.productCharacteristic.name=Colour', value: 'x' }];
    // Through an array without a condition on it: which element is meant is not said.
    assert.throws(() => expandPatchQuery(ORDER, all), /through the array productOrderItem without a condition/);
    assert.throws(() => expandPatchQuery(ORDER, [{ op: 'remove', path: '/productOrderItem?productOrderItem.id=999' }]), PatchError);
    assert.throws(() => expandPatchQuery(ORDER, [{ op: 'remove', path: '/productOrderItem?id' }]), /not <attribute>=<value>/);
    assert.throws(() => expandPatchQuery(ORDER, [{ op: 'remove', path: '/productOrderItem?note.id=1' }]), /names no array/);
  });

  it('the mock accepts application/json-patch-query+json on a v5 PATCH', async () => {
    const api = loadApi('TMF622@5.0.0');
    const order = api.resources.find((r) => r.name === 'productOrder')!;
    const mock = createMockServer({ apis: [api], checkResponses: true, log: () => undefined });
    try {
      const base = '/tmf-api/productOrderingManagement/v5/productOrder';
      const created = await mock.app.inject({ method: 'POST', url: base, payload: resourcePayloads(api, order).minimal! });
      assert.equal(created.statusCode, 201, created.body);
      const { id, productOrderItem } = created.json() as { id: string; productOrderItem: Array<{ id: string }> };
      const ops = [{ op: 'add', path: `/productOrderItem/quantity?productOrderItem.id=${productOrderItem[0]!.id}`, value: 3 }, { op: 'add', path: '/@type', value: 'ProductOrder' }];
      const patched = await mock.app.inject({ method: 'PATCH', url: `${base}/${id}`, payload: ops, headers: { 'content-type': 'application/json-patch-query+json' } });
      assert.equal(patched.statusCode, 200, patched.body);
      assert.equal((patched.json() as { productOrderItem: Array<{ quantity: number }> }).productOrderItem[0]!.quantity, 3);
      const none = await mock.app.inject({ method: 'PATCH', url: `${base}/${id}`, payload: [{ op: 'remove', path: '/productOrderItem?productOrderItem.id=nope' }], headers: { 'content-type': 'application/json-patch-query+json' } });
      assert.equal(none.statusCode, 400);
      assert.deepEqual(mock.violations, []);
    } finally {
      await mock.close();
    }
  });
});
