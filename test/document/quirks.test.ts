import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { loadApi } from '../../src/document/load.js';
import { schemasFor } from '../../src/schema/schema-set.js';

const quirkIds = (api: string) => new Set(loadApi(api).quirks.map((q) => q.id));

describe('spec flaws are handled in code', () => {
  it('update-required: a partial PATCH body is valid against *_Update (TMF622, TMF666)', () => {
    const po = schemasFor(loadApi('TMF622'));
    assert.equal(po.validate('ProductOrder_Update', { description: 'only this' }).valid, true);
    const acc = schemasFor(loadApi('TMF666'));
    assert.equal(acc.validate('PartyAccount_Update', { description: 'x' }).valid, true);
    assert.ok(quirkIds('TMF622').has('update-required'));
    // Types still apply to what is sent.
    assert.equal(po.validate('ProductOrder_Update', { priority: 5 }).valid, false);
    // The published list is kept for strict mode.
    assert.deepEqual(loadApi('TMF622').definitions.ProductOrder_Update!['x-published-required'], ['productOrderItem']);
  });

  it('response-create-schema: TMF671 v4.1.0 GET is validated against Promotion, not Promotion_Create', () => {
    const api = loadApi('TMF671');
    const get = api.operations.find((o) => o.operationId === 'retrievePromotion')!;
    assert.equal(get.responses['200']!.schemaName, 'Promotion');
    const list = api.operations.find((o) => o.operationId === 'listPromotion')!;
    assert.equal(list.responses['200']!.schemaName, 'Promotion');
    assert.equal(list.responses['200']!.isArray, true);
    assert.ok(quirkIds('TMF671').has('response-create-schema'));
    assert.ok(!quirkIds('TMF671@4.0.0').has('response-create-schema'));
    // The published document is untouched.
    const doc = api.document as { paths: Record<string, Record<string, { responses: Record<string, { schema: { $ref: string } }> }>> };
    assert.equal(doc.paths['/promotion/{id}']!.get!.responses['200']!.schema.$ref, '#/definitions/Promotion_Create');
  });

  it('example-keyword: dropped from the normalized schema, kept in the document', () => {
    const api = loadApi('TMF671');
    assert.ok(quirkIds('TMF671').has('example-keyword'));
    assert.ok(!JSON.stringify(api.definitions).includes('"example":'));
    assert.ok(JSON.stringify(api.document).includes('"example"'));
  });

  it('format-base64: checked as base64 text', () => {
    const api = loadApi('TMF671');
    const where = api.quirks.find((q) => q.id === 'format-base64')!.where;
    const s = schemasFor(api);
    const prop = Object.entries((api.definitions[where]!.properties ?? {}) as Record<string, { format?: string }>).find(([, p]) => p.format === 'base64')![0];
    assert.equal(s.validate(where, { [prop]: 'aGVsbG8=' }).valid, true);
    const bad = s.validate(where, { [prop]: 'not base64!' });
    assert.equal(bad.valid, false);
    assert.equal(bad.errors[0]!.rule, 'format');
  });

  it('uri-relative: relative references are accepted where the document says uri', () => {
    const s = schemasFor(loadApi('TMF663'));
    assert.equal(s.validate('ShoppingCart', { '@schemaLocation': '/schemas/cart.json' }).valid, true);
    assert.equal(s.validate('ShoppingCart', { '@schemaLocation': 'https://example.com/s.json' }).valid, true);
    assert.equal(s.validate('ShoppingCart', { '@schemaLocation': 'has spaces <>' }).valid, false);
    // An empty reference locates nothing: not a `uri`, relative or not.
    const empty = s.validate('ShoppingCart', { '@schemaLocation': '' });
    assert.deepEqual(empty.errors.map((e) => [e.pointer, e.rule]), [['/@schemaLocation', 'format']]);
    assert.match(loadApi('TMF663').quirks.find((q) => q.id === 'uri-relative')!.detail, /not an empty string/);
  });

  it('subtype-in-prose: TMF666 v4 says which account specializes which; payload variants specialize nothing', () => {
    const api = loadApi('TMF666');
    const named = api.quirks.filter((q) => q.id === 'subtype-in-prose').map((q) => q.where).sort();
    assert.deepEqual(named, ['BillingAccount', 'FinancialAccount', 'PartyAccount', 'SettlementAccount']);
    const s = schemasFor(api);
    assert.equal(s.validate('PartyAccount', { name: 'a', relatedParty: [], '@type': 'BillingAccount', paymentStatus: 1 }).errors[0]?.schema, 'BillingAccount');
    assert.ok(!quirkIds('TMF666@5.0.0').has('subtype-in-prose'), 'v5 says it with allOf');
  });

  it('enum-whitespace: "aborted " and "aborted" are both accepted', () => {
    const api = loadApi('TMF622');
    const q = api.quirks.find((x) => x.id === 'enum-whitespace')!;
    assert.match(q.detail, /"aborted "/);
    const s = schemasFor(api);
    for (const state of ['aborted', 'aborted ']) assert.equal(s.validate(q.where, state).valid, true, state);
    assert.equal(s.validate(q.where, 'exploded').valid, false);
  });

  it('property-case: CartItem.ItemTotalPrice is also accepted as itemTotalPrice, with its types', () => {
    const s = schemasFor(loadApi('TMF663'));
    assert.equal(s.validate('CartItem', { itemTotalPrice: [{ priceType: 'recurring' }] }).valid, true);
    assert.equal(s.validate('CartItem', { ItemTotalPrice: [{ priceType: 'recurring' }] }).valid, true);
    assert.equal(s.validate('CartItem', { itemTotalPrice: 'free' }).valid, false);
    assert.ok(quirkIds('TMF663').has('property-case'));
  });

  it('event-envelope-payload: TMF666 events carry the resource under "payload"', () => {
    const api = loadApi('TMF666');
    assert.ok(api.events.length > 0);
    for (const e of api.events) assert.equal(e.envelopeKey, 'payload');
    for (const e of loadApi('TMF663').events) assert.equal(e.envelopeKey, 'event');
    const ev = api.events.find((e) => e.eventType === 'BillingAccountStateChangeEvent')!;
    assert.equal(ev.payloadKey, 'billingAccount');
  });

  it('patch-media-types: PATCH accepts TMF630 media types although the document declares none', () => {
    const patch = loadApi('TMF699').operations.find((o) => o.kind === 'patch')!;
    for (const t of ['application/merge-patch+json', 'application/json-patch+json', 'application/json']) assert.ok(patch.consumes.includes(t), t);
  });

  it('filters-undeclared: list operations declare only fields/offset/limit; recorded as a quirk', () => {
    const list = loadApi('TMF699').operations.find((o) => o.kind === 'list')!;
    assert.deepEqual(list.parameters.map((p) => p.name).sort(), ['fields', 'limit', 'offset']);
    assert.ok(quirkIds('TMF699').has('filters-undeclared'));
  });
});
