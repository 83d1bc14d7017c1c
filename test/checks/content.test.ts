import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { differences } from '../../src/checks/attributes-echoed.js';
import { loadApi } from '../../src/document/load.js';
import { schemasFor } from '../../src/schema/schema-set.js';
import { CHECKS } from '../../src/checks/index.js';
import { exchange, run } from './helpers.js';

const cart = { id: 'c1', href: '/tmf-api/shoppingCart/v4/shoppingCart/c1', validFor: { startDateTime: '2030-01-01T00:00:00Z' } };

describe('response-schema', () => {
  it('passes a valid resource and list, fails an invalid one with pointers', () => {
    assert.equal(run('response-schema', { body: [cart] }).status, 'pass');
    const o = run('response-schema', { body: { ...cart, validFor: 'soon' } }, { kind: 'retrieve' });
    assert.equal(o.status, 'fail');
    assert.equal(o.schemaErrors?.[0]?.pointer, '/validFor');
    assert.equal(o.source, 'document');
  });
  it('validates a 206 page against the declared 200 schema; skips errors', () => {
    assert.equal(run('response-schema', { status: 206, body: [{ ...cart, cartItem: 'x' }] }).status, 'fail');
    assert.equal(run('response-schema', { status: 404, body: {} }).status, 'skip');
  });
});

describe('mandatory-attributes', () => {
  const table = { profile: 'TMF622 Product Ordering Conformance Profile', version: '4.0.0', table: 'ProductOrder Resource Mandatory Attributes' };
  const attributes = [{ name: 'id', source: 'profile', cite: table }, { name: 'href', source: 'profile', cite: table }, { name: 'state', source: 'profile', cite: table }, { name: 'lifecycleStatus', source: 'profile', level: 'advisory' }];
  it('fails a missing profile attribute, naming the source, on each list item', () => {
    const o = run('mandatory-attributes', { body: [{ ...cart, state: 'x' }, { id: 'c2', state: 'y' }] }, { params: { attributes } });
    assert.equal(o.status, 'fail');
    assert.match(o.reason ?? '', /item "c2" misses href \(profile\)/);
    assert.equal(o.source, 'profile');
    assert.match(o.cite ?? '', /href: TMF622 Product Ordering Conformance Profile 4\.0\.0, table "ProductOrder Resource Mandatory Attributes"/);
  });
  it('an advisory-level attribute is only noted, in strict mode too', () => {
    const o = run('mandatory-attributes', { body: { ...cart, state: 'x' } }, { params: { attributes } });
    assert.equal(o.status, 'pass');
    assert.match(o.advisory ?? '', /lifecycleStatus \(no checkable source, recommended\)/);
    assert.equal(run('mandatory-attributes', { body: { ...cart, state: 'x' } }, { params: { attributes }, strict: true }).status, 'pass');
  });
  it('a rule without a checkable source is a recommendation, never a failure', () => {
    const uncited = [{ name: 'state', source: 'profile' }, { name: 'orderDate', source: 'kit', cite: { kit: '' , request: 'N1' } }];
    for (const strict of [false, true]) {
      const o = run('mandatory-attributes', { body: { ...cart } }, { params: { attributes: uncited }, strict });
      assert.equal(o.status, 'pass');
      assert.match(o.advisory ?? '', /state \(no checkable source, recommended\), orderDate \(no checkable source, recommended\)/);
    }
  });
});

describe('attributes-echoed', () => {
  it('is lenient where servers legitimately differ: added attributes, element order, date-time format', () => {
    const sent = { name: 'a', items: [{ id: '1' }, { id: '2' }], when: '2030-01-01T00:00:00Z' };
    const got = { id: 'x', name: 'a', items: [{ id: '2', extra: true }, { id: '1' }], when: '2030-01-01T00:00:00.000Z', more: 1 };
    assert.deepEqual(differences(sent, got), []);
  });
  it('names what did not come back', () => {
    const o = run('attributes-echoed', { body: { id: 'x', name: 'b' } }, { params: { expected: { name: 'a', note: [{ text: 't' }] }, label: 'sent on create' } });
    assert.equal(o.status, 'fail');
    assert.match(o.reason ?? '', /\/name: sent "a", got "b"/);
    assert.match(o.reason ?? '', /\/note: sent \[\{"text":"t"\}\], got nothing/);
  });
  it('checks the id when asked, and ignores `except`', () => {
    assert.match(run('attributes-echoed', { body: { id: 'y' } }, { params: { expected: {}, id: 'x' } }).reason ?? '', /answered resource "y", not "x"/);
    assert.equal(run('attributes-echoed', { body: { id: 'x', a: 2 } }, { params: { expected: { a: 1 }, except: ['a'] } }).status, 'pass');
  });
});

describe('href-resolvable', () => {
  it('passes when the href answers the same resource, fails otherwise', () => {
    assert.equal(run('href-resolvable', { body: cart }, { params: { id: 'c1' } }).status, 'pass');
    assert.match(run('href-resolvable', { status: 404, body: {} }, { params: { id: 'c1' } }).reason ?? '', /answered 404/);
    assert.match(run('href-resolvable', { body: { id: 'c2' } }, { params: { id: 'c1' } }).reason ?? '', /resource "c2", not "c1"/);
  });
});

describe('fields-selection', () => {
  it('accepts the selection plus id, href and @type (advisory), fails extra attributes', () => {
    const ok = run('fields-selection', { body: [{ id: 'c1', href: 'h', '@type': 'ShoppingCart', validFor: {} }] }, { params: { fields: ['validFor'] } });
    assert.equal(ok.status, 'pass');
    assert.match(ok.advisory ?? '', /href and @type returned/);
    // Strict too: the case titles (N4/N5) allow id, href and @type.
    assert.equal(run('fields-selection', { body: [{ id: 'c1', href: 'h' }] }, { params: { fields: ['validFor'] }, strict: true }).status, 'pass');
    assert.match(run('fields-selection', { body: [{ id: 'c1', validFor: {}, cartItem: [] }] }, { params: { fields: ['validFor'] } }).reason ?? '', /came back with cartItem/);
  });
  it('fails when a selected attribute the resource has is missing', () => {
    assert.match(run('fields-selection', { body: { id: 'c1' } }, { params: { fields: ['validFor'], present: ['validFor'] } }).reason ?? '', /lacks the selected validFor/);
  });
});

describe('filter-applied and list-contains', () => {
  const url = 'http://t/x/shoppingCart?state=open';
  it('every item must match the filters of the request', () => {
    assert.equal(run('filter-applied', { url, body: [{ id: 'a', state: 'open' }] }).status, 'pass');
    assert.match(run('filter-applied', { url, body: [{ id: 'a', state: 'open' }, { id: 'b', state: 'done' }] }).reason ?? '', /1 of 2 item\(s\) do not match \("b"\)/);
    assert.equal(run('filter-applied', { body: [] }).status, 'skip');
  });
  it('the created resource must be listed, unless the page is partial and onlyIfComplete', () => {
    assert.equal(run('list-contains', { body: [{ id: 'a' }] }, { params: { id: 'a' } }).status, 'pass');
    assert.equal(run('list-contains', { body: [{ id: 'b' }] }, { params: { id: 'a' } }).status, 'fail');
    assert.equal(run('list-contains', { body: [{ id: 'b' }], headers: { 'x-total-count': '9' } }, { params: { id: 'a', onlyIfComplete: true } }).status, 'skip');
  });
});

describe('attribute-value', () => {
  it('checks a value at a pointer, conditionally', () => {
    assert.equal(run('attribute-value', { body: { state: 'done' } }, { params: { pointer: '/state', oneOf: ['done'] } }).status, 'pass');
    assert.match(run('attribute-value', { body: { state: 'x' } }, { params: { pointer: '/state', oneOf: ['done'] } }).reason ?? '', /\/state is "x"/);
    assert.equal(run('attribute-value', { body: { state: 'x' } }, { params: { pointer: '/state', oneOf: ['done'], when: { value: 'a', equals: 'b' } } }).status, 'skip');
  });
});

describe('cart-totals', () => {
  const price = (v: number) => ({ priceType: 'recurring', recurringChargePeriod: 'month', price: { taxIncludedAmount: { unit: 'EUR', value: v } } });
  const item = (id: string, q: number, unit: number, total = unit * q) => ({ id, quantity: q, itemPrice: [price(unit)], itemTotalPrice: [price(total)] });
  it('passes when item and cart totals are price × quantity', () => {
    assert.equal(run('cart-totals', { body: { id: 'c', cartItem: [item('1', 2, 30), item('2', 3, 12.5)], cartTotalPrice: [price(97.5)] } }).status, 'pass');
  });
  it('fails wrong item totals, wrong or missing cart totals', () => {
    assert.match(run('cart-totals', { body: { id: 'c', cartItem: [item('1', 2, 30, 30)], cartTotalPrice: [price(60)] } }).reason ?? '', /item 1 total recurring\/month taxIncluded: 30, expected 60/);
    assert.match(run('cart-totals', { body: { id: 'c', cartItem: [item('1', 2, 30)], cartTotalPrice: [price(59)] } }).reason ?? '', /cartTotalPrice recurring\/month taxIncluded: 59, expected 60/);
    assert.match(run('cart-totals', { body: { id: 'c', cartItem: [item('1', 2, 30)] } }).reason ?? '', /cartTotalPrice is missing/);
  });
});

describe('event-conformance and no-event', () => {
  const api = loadApi('TMF666');
  const ctx = { api, schemas: schemasFor(api), expect: [], strict: false, body: { ok: false as const, error: '' } };
  const event = (body: unknown) => ({ ...exchange({ status: 201, body: {} }), request: { method: 'POST', url: 'http://l/', headers: {}, body: JSON.stringify(body) } });
  const params = { eventType: 'PartyAccountAttributeValueChangeEvent', resourceId: 'p1' };
  it('reads the resource under the envelope the document declares (TMF666: payload)', () => {
    const good = { eventId: 'e', eventType: params.eventType, payload: { partyAccount: { id: 'p1', name: 'n', relatedParty: [{ id: 'r', name: 'R', '@referredType': 'Individual' }] } } };
    assert.equal(CHECKS['event-conformance']!(event(good), { ...ctx, params }).status, 'pass');
    const wrongEnvelope = { eventId: 'e', eventType: params.eventType, data: { partyAccount: { id: 'p1' } } };
    assert.match(CHECKS['event-conformance']!(event(wrongEnvelope), { ...ctx, params }).reason ?? '', /payload\.partyAccount\.id is nothing/);
    assert.match(CHECKS['event-conformance']!(event({ ...good, eventType: 'X' }), { ...ctx, params }).reason ?? '', /eventType is "X"/);
  });
  it('accepts TMF630\'s "event" envelope where the document says "payload": advisory naming both, schema still applied, strict fails', () => {
    const account = { id: 'p1', name: 'n', relatedParty: [{ id: 'r', name: 'R', '@referredType': 'Individual' }] };
    const tmf630 = { eventId: 'e', eventType: params.eventType, event: { partyAccount: account } };
    const o = CHECKS['event-conformance']!(event(tmf630), { ...ctx, params });
    assert.equal(o.status, 'pass', o.reason);
    assert.match(o.advisory ?? '', /^\[event-envelope\] the resource came under "event"; the document's PartyAccountAttributeValueChangeEvent puts it under "payload"/);
    const invalid = { ...tmf630, event: { partyAccount: { ...account, name: 7 } } };
    assert.match(CHECKS['event-conformance']!(event(invalid), { ...ctx, params }).reason ?? '', /not valid against PartyAccountAttributeValueChangeEvent \(its "event" read as "payload"\): \/payload\/partyAccount\/name/);
    const strict = CHECKS['event-conformance']!(event(tmf630), { ...ctx, params, strict: true });
    assert.equal(strict.status, 'fail');
    assert.match(strict.reason ?? '', /^strict: \[event-envelope\]/);
  });
  it('accepts "payload" where the document says "event" (TMF663), with the advisory', () => {
    const cartApi = loadApi('TMF663');
    const p = { eventType: 'ShoppingCartCreateEvent', resourceId: 'c1' };
    const o = CHECKS['event-conformance']!(event({ eventId: 'e', eventType: p.eventType, payload: { shoppingCart: { id: 'c1' } } }),
      { ...ctx, api: cartApi, schemas: schemasFor(cartApi), params: p });
    assert.equal(o.status, 'pass', o.reason);
    assert.match(o.advisory ?? '', /^\[event-envelope\] the resource came under "payload"; the document's ShoppingCartCreateEvent puts it under "event"/);
  });
  it('no-event fails when a notification arrived', () => {
    assert.equal(CHECKS['no-event']!(event({ a: 1 }), { ...ctx, params: {} }).status, 'fail');
    assert.equal(CHECKS['no-event']!({ ...event({}), request: { method: 'POST', url: 'http://l/', headers: {} } }, { ...ctx, params: {} }).status, 'pass');
  });
});
