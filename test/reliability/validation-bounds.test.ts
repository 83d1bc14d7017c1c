import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ALL_ERRORS_MAX_VALUES, schemasFor } from '../../src/schema/schema-set.js';
import { loadApi } from '../../src/document/load.js';

/**
 * Schema validation time must grow linearly with the payload, valid or not: the mock validates what
 * clients send and the runner what targets answer, both possibly hostile (see SchemaSet.runBounded).
 */
const schemas = schemasFor(loadApi('TMF663'));

function timed<T>(fn: () => T): [T, number] {
  const t0 = performance.now();
  const out = fn();
  return [out, performance.now() - t0];
}

describe('schema validation of large payloads', () => {
  // The bounds guard against the O(N²) error list (minutes for 400k items), not a speed goal: a loaded CI machine
  // must not fail them.
  it('400k wrong items: invalid, the first error reported, in seconds rather than minutes', () => {
    const [r, ms] = timed(() => schemas.validate('ShoppingCart_Create', { cartItem: new Array(400_000).fill(1) }));
    assert.equal(r.valid, false);
    assert.deepEqual(r.errors.map((e) => `${e.pointer} ${e.rule}`), ['/cartItem/0 type']);
    assert.ok(ms < 15_000, `${ms.toFixed(0)} ms`);
  });

  it('100k valid items: valid, in seconds rather than minutes', () => {
    const [r, ms] = timed(() => schemas.validate('ShoppingCart', { id: 'c', href: '/c', cartItem: Array.from({ length: 100_000 }, (_, i) => ({ id: String(i), quantity: 1 })) }));
    assert.deepEqual(r.errors, []);
    assert.ok(ms < 15_000, `${ms.toFixed(0)} ms`);
  });

  it('below the bound every error is still listed; above it, the same verdict', () => {
    const small = schemas.validate('ShoppingCart_Create', { cartItem: [1, 'x', { quantity: 'y' }] });
    assert.equal(small.errors.length, 3);
    const wrongAtTheEnd = { cartItem: [...Array.from({ length: ALL_ERRORS_MAX_VALUES }, () => ({ id: '1' })), { quantity: 'y' }] };
    const big = schemas.validate('ShoppingCart_Create', wrongAtTheEnd);
    assert.equal(big.valid, false);
    assert.equal(big.errors[0]?.pointer, `/cartItem/${ALL_ERRORS_MAX_VALUES}/quantity`);
  });
});
