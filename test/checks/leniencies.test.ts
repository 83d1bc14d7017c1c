import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CHECKS, type CheckOutcome } from '../../src/checks/index.js';
import { schemasFor } from '../../src/schema/schema-set.js';
import { loadApi } from '../../src/document/load.js';
import type { Operation } from '../../src/document/model.js';
import { LENIENCIES, leniencyOf } from '../../src/tmf/policy.js';
import { exchange, run } from './helpers.js';

/** The leniency an outcome's advisory (or strict reason) names; fails the test when it names none. */
function named(o: CheckOutcome, field: 'advisory' | 'reason' = 'advisory'): string {
  const text = o[field] ?? '';
  const l = leniencyOf(text);
  assert.ok(l, `no known leniency id in ${JSON.stringify(text)}`);
  return l.id;
}

const page = { url: 'http://t/tmf-api/shoppingCart/v4/shoppingCart?offset=0&limit=1', body: [{ id: 'a' }], headers: { 'x-total-count': '3', 'x-result-count': '1' } };
const order = loadApi('TMF622');
const orderPatch = order.operations.find((o) => o.kind === 'patch')!;
const patchCtx = { api: order, schemas: schemasFor(order), op: orderPatch };
const partialPatch = { method: 'PATCH', url: 'http://t/tmf-api/productOrderingManagement/v4/productOrder/o1', sent: { description: 'x' }, body: { id: 'o1' } };

describe('leniencies: every advisory a check records for a TMF630-vs-document disagreement names its leniency', () => {
  it('the ids are unique and each says what strict mode does', () => {
    assert.equal(new Set(LENIENCIES.map((l) => l.id)).size, LENIENCIES.length);
    for (const l of LENIENCIES) assert.ok(l.strict && l.lenient, l.id);
  });

  it('a partial page: 200 or 206 (paging-headers, status-code-conformance)', () => {
    assert.equal(named(run('paging-headers', page)), 'partial-page-status');
    assert.equal(named(run('paging-headers', { ...page, status: 206 })), 'partial-page-status');
    assert.equal(named(run('status-code-conformance', { status: 206 }, { expect: [200, 206] })), 'partial-page-status');
    assert.equal(named(run('paging-headers', { ...page, status: 206 }, { strict: true }), 'reason'), 'partial-page-status');
    assert.equal(named(run('status-code-conformance', { status: 206 }, { expect: [200, 206], strict: true }), 'reason'), 'partial-page-status');
  });

  it('an expected status the document does not declare (422 to a refused patch)', () => {
    const o = run('status-code-conformance', { status: 422, body: {} }, { kind: 'patch', expect: [400, 422] });
    assert.equal(o.status, 'pass');
    assert.equal(named(o), 'undeclared-status');
    assert.match(o.advisory!, /^\[undeclared-status\] 422 is not declared by the document for PATCH \/shoppingCart\/\{id\}/);
  });

  it('fields= answered with href and @type beside the selection (fields-selection)', () => {
    const o = run('fields-selection', { body: [{ id: 'c1', href: 'h', '@type': 'ShoppingCart', validFor: {} }] }, { params: { fields: ['validFor'] } });
    assert.equal(named(o), 'fields-extra-keys');
    // Strict mode too: N4/N5 promise "plus id, href and @type", so strict must not fail exactly that.
    const strict = run('fields-selection', { body: [{ id: 'c1', href: 'h', '@type': 'ShoppingCart' }] }, { params: { fields: ['validFor'] }, strict: true });
    assert.equal(strict.status, 'pass');
    assert.equal(named(strict), 'fields-extra-keys');
    assert.equal(run('fields-selection', { body: [{ id: 'c1', name: 'x' }] }, { params: { fields: ['validFor'] }, strict: true }).status, 'fail');
  });

  it('application/json without the declared charset (content-type-json)', () => {
    const json = { body: [], headers: { 'content-type': 'application/json' } };
    const o = run('content-type-json', json);
    assert.equal(named(o), 'json-charset');
    assert.match(o.advisory!, /^\[json-charset\] Content-Type "application\/json" differs/);
    assert.equal(named(run('content-type-json', json, { strict: true }), 'reason'), 'json-charset');
  });

  it('an event carrying its resource under the envelope key the document does not use (event-conformance)', () => {
    const cartApi = loadApi('TMF663');
    const ex = exchange({ status: 201, body: {} });
    const sent = { eventId: 'e', eventType: 'ShoppingCartCreateEvent', payload: { shoppingCart: { id: 'c1' } } };
    const ctx = { api: cartApi, schemas: schemasFor(cartApi), expect: [], body: { ok: false as const, error: '' }, params: { eventType: sent.eventType, resourceId: 'c1' } };
    const received = { ...ex, request: { method: 'POST', url: 'http://l/', headers: {}, body: JSON.stringify(sent) } };
    assert.equal(named(CHECKS['event-conformance']!(received, { ...ctx, strict: false })), 'event-envelope');
    assert.equal(named(CHECKS['event-conformance']!(received, { ...ctx, strict: true }), 'reason'), 'event-envelope');
  });

  it('a recommended attribute absent (mandatory-attributes)', () => {
    const attributes = [{ name: 'id', source: 'profile' }, { name: 'lifecycleStatus', source: 'profile', level: 'advisory' }];
    assert.equal(named(run('mandatory-attributes', { body: { id: 'c1' } }, { params: { attributes } })), 'mandatory-attributes');
  });

  it('a partial patch accepted although the *_Update schema lists required attributes (the PATCH cases)', () => {
    const o = run('status-code-conformance', partialPatch, { ...patchCtx, expect: [200] });
    assert.equal(o.status, 'pass');
    assert.equal(named(o), 'patch-partial');
    assert.match(o.advisory!, /without productOrderItem, which ProductOrder_Update lists as required/);
    const strict = run('status-code-conformance', partialPatch, { ...patchCtx, expect: [200], strict: true });
    assert.equal(strict.status, 'fail');
    assert.equal(named(strict, 'reason'), 'patch-partial');
    // A patch carrying the required attributes, or a refusal, is no disagreement.
    assert.equal(run('status-code-conformance', { ...partialPatch, sent: { productOrderItem: [] } }, { ...patchCtx, expect: [200], strict: true }).advisory, undefined);
    assert.equal(run('status-code-conformance', { ...partialPatch, status: 400 }, { ...patchCtx, expect: [400] }).advisory, undefined);
  });

  it('the same in a Postman export, whose embedded operation is only method, path and responses', () => {
    const trimmed = { method: orderPatch.method, path: orderPatch.path, responses: { 200: { schemaName: 'ProductOrder' } } } as unknown as Operation;
    const o = run('status-code-conformance', partialPatch, { ...patchCtx, op: trimmed, expect: [200] });
    assert.match(o.advisory ?? '', /^\[patch-partial\] 200 to a patch without productOrderItem, which ProductOrder_Update/);
  });
});
