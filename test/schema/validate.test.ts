import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isCtkError } from '../../src/errors.js';
import { formatError } from '../../src/schema/errors.js';
import { schemasFor } from '../../src/schema/schema-set.js';
import { loadApi } from '../../src/document/load.js';

const party = { id: 'p-1', name: 'Jane', '@referredType': 'Individual' };
const MAIN: Array<{ api: string; schema: string; valid: unknown; invalid: unknown; pointer: string; rule: string }> = [
  { api: 'TMF663', schema: 'ShoppingCart_Create', valid: { cartItem: [{ id: '1', quantity: 2, action: 'add', productOffering: { id: 'po-1' } }] },
    invalid: { cartItem: [{ quantity: 'two' }] }, pointer: '/cartItem/0/quantity', rule: 'type' },
  { api: 'TMF622', schema: 'ProductOrder_Create', valid: { productOrderItem: [{ id: '1', action: 'add', productOffering: { id: 'po-1' } }] },
    invalid: { description: 'no items' }, pointer: '/productOrderItem', rule: 'required' },
  { api: 'TMF699', schema: 'SalesLead_Create', valid: { name: 'Fibre for ACME', priority: 'high' },
    invalid: { name: 'x', priority: 'urgent!!' }, pointer: '/priority', rule: 'enum' },
  { api: 'TMF671', schema: 'Promotion_Create', valid: { name: 'Summer', validFor: { startDateTime: '2026-06-01T00:00:00Z' } },
    invalid: { name: 'Summer', validFor: { startDateTime: 'tomorrow' } }, pointer: '/validFor/startDateTime', rule: 'format' },
  { api: 'TMF666', schema: 'BillingAccount_Create', valid: { name: 'ACME billing', relatedParty: [party] },
    invalid: { name: 'ACME billing', relatedParty: [{ id: 'p-1' }] }, pointer: '/relatedParty/0/@referredType', rule: 'required' },
];

describe('each API main resource: a valid and an invalid payload', () => {
  for (const c of MAIN) {
    it(`${c.api} ${c.schema}`, () => {
      const s = schemasFor(loadApi(c.api));
      const ok = s.validate(c.schema, c.valid);
      assert.deepEqual(ok.errors, []);
      const bad = s.validate(c.schema, c.invalid);
      assert.equal(bad.valid, false);
      const e = bad.errors.find((x) => x.pointer === c.pointer);
      assert.ok(e, `error at ${c.pointer}: ${bad.errors.map(formatError).join('; ')}`);
      assert.equal(e.rule, c.rule);
      assert.ok(e.schema && e.expected && e.found);
    });
  }
});

describe('readable errors', () => {
  it('carry pointer, rule, expected, found and the schema name', () => {
    const s = schemasFor(loadApi('TMF663'));
    const r = s.validate('ShoppingCart', { id: 42 });
    assert.deepEqual(r.errors, [{ pointer: '/id', rule: 'type', message: '/id: must be string', expected: 'string', found: '42', schema: 'ShoppingCart' }]);
    assert.equal(formatError(r.errors[0]!), '/id [type] expected string, found 42 (ShoppingCart)');
  });
  it('validates arrays item by item with the index in the pointer', () => {
    const r = schemasFor(loadApi('TMF699')).validateArray('SalesLead', [{ name: 'ok' }, { name: 7 }]);
    assert.equal(r.errors[0]!.pointer, '/1/name');
    assert.equal(schemasFor(loadApi('TMF699')).validateArray('SalesLead', { not: 'an array' }).valid, false);
  });
  it('unknown schema is a coded error listing the valid ones', () => {
    assert.throws(() => schemasFor(loadApi('TMF699')).validate('Nope', {}),
      (e: unknown) => isCtkError(e) && e.code === 'UNKNOWN_SCHEMA' && /SalesLead/.test(e.hint ?? ''));
  });
});

describe('TMF polymorphism (@type)', () => {
  it('v4: validates against the definition @type names when the document calls it a specialization of the declared one', () => {
    // TMF666 v4 has no allOf; PartyAccount "is a specialization of entity Account", and requires relatedParty.
    const s = schemasFor(loadApi('TMF666'));
    assert.equal(s.validate('Account', { name: 'a' }).valid, true);
    const r = s.validate('Account', { name: 'a', '@type': 'PartyAccount' });
    assert.deepEqual(r.errors.map((e) => [e.pointer, e.rule, e.schema]), [['/relatedParty', 'required', 'PartyAccount']]);
    // Transitively: BillingAccount is a specialization of PartyAccount.
    assert.equal(s.validate('Account', { name: 'a', '@type': 'BillingAccount' }).valid, false);
  });
  it('an unrelated @type does not switch validation, even when it carries every attribute of the declared schema', () => {
    // PartyAccount holds every attribute of BillFormat (id, href, name, description, @type…) but does not extend it.
    const s = schemasFor(loadApi('TMF666'));
    assert.deepEqual(s.validate('BillFormat_Create', { name: 'x', '@type': 'PartyAccount' }).errors, []);
    assert.deepEqual(s.validate('BillFormat', { id: '1', href: '/b/1', name: 'x', '@type': 'PartyAccount' }).errors, []);
    // A parent is no subtype either.
    assert.deepEqual(s.validate('PartyAccount', { name: 'a', relatedParty: [party], '@type': 'Account' }).errors, []);
    // The declared schema still applies in full.
    assert.equal(s.validate('BillFormat_Create', { '@type': 'PartyAccount' }).valid, false);
    const carts = schemasFor(loadApi('TMF663'));
    assert.deepEqual(carts.validate('EntityRef', { id: 'p1', '@type': 'RelatedParty' }).errors, []);
  });
  it('does not hold a create or update payload typed as its entity to the entity\'s required list', () => {
    const po = schemasFor(loadApi('TMF622'));
    assert.deepEqual(po.validate('ProductOrder_Update', { '@type': 'ProductOrder', description: 'x' }).errors, []);
    const acc = schemasFor(loadApi('TMF666'));
    assert.deepEqual(acc.validate('BillingAccount_Update', { '@type': 'BillingAccount', description: 'x' }).errors, []);
    // Types of what is sent still apply.
    assert.equal(po.validate('ProductOrder_Update', { '@type': 'ProductOrder', priority: 3 }).valid, false);
  });
  it('applies nested, with the right pointer', () => {
    const s = schemasFor(loadApi('TMF666'));
    const payload = (account: Record<string, unknown>) => ({ partyAccount: { name: 'a', relatedParty: [party], ...account } });
    assert.deepEqual(s.validate('PartyAccountStateChangeEventPayload', payload({ '@type': 'BillingAccount' })).errors, []);
    // BillingAccount (a specialization of PartyAccount) is checked as itself: v4 BillingAccount has no
    // attribute of its own, so a wrong type of a shared one shows that its schema ran, with the right pointer.
    const bad = s.validate('PartyAccountStateChangeEventPayload', payload({ '@type': 'BillingAccount', paymentStatus: 7 }));
    assert.ok(bad.errors.some((e) => e.pointer === '/partyAccount/paymentStatus' && e.schema === 'BillingAccount'), JSON.stringify(bad.errors));
  });
  it('falls back to the declared schema for an unknown or unrelated @type', () => {
    const s = schemasFor(loadApi('TMF699'));
    assert.equal(s.validate('SalesLead', { name: 'x', '@type': 'VendorSalesLead' }).valid, true);
    assert.equal(s.validate('SalesLead', { name: 'x', '@type': 'Money' }).valid, true);
    // An unknown subclass must still satisfy the declared schema.
    assert.equal(s.validate('SalesLead', { name: 7, '@type': 'VendorSalesLead' }).valid, false);
  });
  it('v5: an unrelated @type does not switch validation either', () => {
    const s = schemasFor(loadApi('TMF666@5.0.0'));
    assert.deepEqual(s.validate('BillFormat_FVO', { '@type': 'PartyAccount', name: 'x' }).errors, []);
    assert.equal(s.validate('Account', { '@type': 'BillingAccount', name: 'a', ratingType: 7 }).valid, false);
  });
  it('v5: discriminator mappings choose the subschema by @type, without looping through allOf', () => {
    const s = schemasFor(loadApi('TMF663@5.0.0'));
    const cart = { '@type': 'ShoppingCart', id: 'c1', cartItem: [{ '@type': 'CartItem', quantity: 1 }] };
    assert.deepEqual(s.validate('ShoppingCart', cart).errors, []);
    const bad = s.validate('ShoppingCart', { ...cart, cartItem: [{ '@type': 'CartItem', quantity: 'one' }] });
    assert.ok(bad.errors.some((e) => e.pointer === '/cartItem/0/quantity'), JSON.stringify(bad.errors));
    const viaEntity = s.validate('Entity', { '@type': 'ShoppingCart', cartItem: 'nope' });
    assert.equal(viaEntity.valid, false);
  });
});
