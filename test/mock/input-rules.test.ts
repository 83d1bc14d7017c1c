import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { MockServer } from '../../src/mock/server.js';
import { assertError, call, testServer } from './helpers.js';

/**
 * What the mock refuses that a third-party fuzzer found it accepting (docs/mock-input-rules.md): every
 * refusal a TMF 400 naming the attribute, every answer still valid against the document.
 */
const CARTS = '/tmf-api/shoppingCart/v4/shoppingCart';
let mock: MockServer;

before(() => {
  mock = testServer({ apis: ['TMF663', 'TMF666', 'TMF666@5.0.0'], seed: false });
});
after(() => mock?.close());

const cart = (quantity: string) => `{"cartItem":[{"id":"1","quantity":${quantity}}]}`;

describe('numbers the mock cannot keep exactly', () => {
  for (const literal of ['100000000000000000000000', '9007199254740993', '9007199254740992', '-9007199254740993', '1e23', '1e400', '9007199254740991.9']) {
    it(`${literal}: 400 naming the attribute, nothing stored`, async () => {
      const a = await call(mock, 'POST', CARTS, cart(literal));
      assertError(a, 400, 'INVALID_BODY');
      assert.match((a.json as { message: string }).message, /\/cartItem\/0\/quantity/);
      assert.equal((await mock.store.list('TMF663/shoppingCart')).length, 0);
    });
  }
  it('the largest exact integers are kept and answered digit for digit', async () => {
    for (const literal of ['9007199254740991', '-9007199254740991']) {
      const a = await call(mock, 'POST', CARTS, cart(literal));
      assert.equal(a.status, 201, a.text);
      assert.match(a.text, new RegExp(`"quantity":${literal}[,}]`));
    }
  });
  it('merge patch and JSON Patch bodies too', async () => {
    const created = await call(mock, 'POST', CARTS, cart('1'));
    const id = (created.json as { id: string }).id;
    const merge = await call(mock, 'PATCH', `${CARTS}/${id}`, cart('12345678901234567890'), 'application/merge-patch+json');
    assertError(merge, 400, 'INVALID_BODY');
    const ops = await call(mock, 'PATCH', `${CARTS}/${id}`, '[{"op":"replace","path":"/cartItem/0/quantity","value":12345678901234567890}]', 'application/json-patch+json');
    assertError(ops, 400, 'INVALID_BODY');
    assert.match((ops.json as { message: string }).message, /attribute \/0\/value/);
    assert.equal((await call(mock, 'GET', `${CARTS}/${id}`)).text.includes('"quantity":1'), true);
    assert.deepEqual(mock.violations, []);
  });
});

describe('an empty uri', () => {
  const FORMATS = '/tmf-api/accountManagement/v4/billFormat';
  it('@schemaLocation "" is refused with a 400 naming it; a relative or absolute one is kept', async () => {
    const empty = await call(mock, 'POST', FORMATS, { name: 'x', '@schemaLocation': '' });
    assertError(empty, 400, 'INVALID_BODY');
    assert.match((empty.json as { message: string }).message, /\/@schemaLocation/);
    for (const where of ['/schemas/BillFormat.json', 'https://example.com/BillFormat.json']) {
      const ok = await call(mock, 'POST', FORMATS, { name: 'x', '@schemaLocation': where });
      assert.equal(ok.status, 201, ok.text);
      assert.equal((ok.json as Record<string, unknown>)['@schemaLocation'], where);
    }
  });
  it('nor set to "" by a patch', async () => {
    const created = await call(mock, 'POST', FORMATS, { name: 'x', '@schemaLocation': '/s.json' });
    const id = (created.json as { id: string }).id;
    assertError(await call(mock, 'PATCH', `${FORMATS}/${id}`, { '@schemaLocation': '' }, 'application/merge-patch+json'), 400, 'INVALID_BODY');
    assert.equal(((await call(mock, 'GET', `${FORMATS}/${id}`)).json as Record<string, unknown>)['@schemaLocation'], '/s.json');
    assert.deepEqual(mock.violations, []);
  });
});

describe('@type naming another entity', () => {
  const FORMATS = '/tmf-api/accountManagement/v4/billFormat';
  const ACCOUNTS = '/tmf-api/accountManagement/v4/partyAccount';
  it('an unrelated entity (PartyAccount on a billFormat) or an unknown one (Foo): the declared schema applies, in full', async () => {
    for (const type of ['PartyAccount', 'Foo']) {
      const ok = await call(mock, 'POST', FORMATS, { name: 'x', '@type': type });
      assert.equal(ok.status, 201, ok.text);
      assert.equal((ok.json as Record<string, unknown>)['@type'], type);
      const bad = await call(mock, 'POST', FORMATS, { name: 7, '@type': type });
      assertError(bad, 400, 'INVALID_BODY');
      assert.match((bad.json as { message: string }).message, /BillFormat_Create: \/name/);
    }
    const v5 = await call(mock, 'POST', '/tmf-api/accountManagement/v5/billFormat', { name: 'x', '@type': 'PartyAccount' });
    assert.equal(v5.status, 201, v5.text);
    assert.deepEqual(mock.violations, []);
  });
  it('a subclass the document names is held to its own schema', async () => {
    // v5 BillingAccount extends PartyAccount (allOf) and adds ratingType.
    const v5 = await call(mock, 'POST', '/tmf-api/accountManagement/v5/partyAccount', { '@type': 'BillingAccount', name: 'a', ratingType: 7 });
    assertError(v5, 400, 'INVALID_BODY');
    assert.match((v5.json as { message: string }).message, /\/ratingType/);
    const v4 = await call(mock, 'POST', ACCOUNTS, { name: 'a', relatedParty: [{ id: 'p', name: 'P', '@referredType': 'Individual' }], '@type': 'BillingAccount' });
    assert.equal(v4.status, 201, v4.text);
    assert.deepEqual(mock.violations, []);
  });
});

describe('v5 hub and listener answers, as the document declares them (found by the document fuzz)', () => {
  const V5 = '/tmf-api/accountManagement/v5';
  it('a hub registration answers a Hub with its @type (Extensible requires it)', async () => {
    const a = await call(mock, 'POST', `${V5}/hub`, { '@type': 'Hub', callback: 'http://127.0.0.1:9/listener' });
    assert.equal(a.status, 201, a.text);
    assert.equal((a.json as Record<string, unknown>)['@type'], 'Hub');
    const v4 = await call(mock, 'POST', '/tmf-api/accountManagement/v4/hub', { callback: 'http://127.0.0.1:9/listener' });
    assert.equal(v4.status, 201, v4.text);
    assert.equal((v4.json as Record<string, unknown>)['@type'], undefined, 'v4 EventSubscription has no @type');
    await call(mock, 'DELETE', `${V5}/hub/${(a.json as { id: string }).id}`);
    await call(mock, 'DELETE', `/tmf-api/accountManagement/v4/hub/${(v4.json as { id: string }).id}`);
  });
  it('a listener answers 204 where the document declares 204 (v5), 201 where it declares 201 (v4)', async () => {
    const event = { '@type': 'BillFormatCreateEvent', eventId: 'e1', eventType: 'BillFormatCreateEvent', event: {} };
    const v5 = await call(mock, 'POST', `${V5}/listener/billFormatCreateEvent`, event);
    assert.equal(v5.status, 204, v5.text);
    assert.equal(v5.text, '');
    const v4 = await call(mock, 'POST', '/tmf-api/accountManagement/v4/listener/partyAccountStateChangeEvent', { eventId: 'e2', eventType: 'PartyAccountStateChangeEvent', event: {} });
    assert.equal(v4.status, 201, v4.text);
    assert.deepEqual(mock.violations, []);
  });
});
