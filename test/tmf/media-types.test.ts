import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createMockServer } from '../../src/composition.js';
import { loadApi } from '../../src/document/load.js';
import { header, PATCH_MEDIA_TYPES, patchFlavour } from '../../src/tmf/media-types.js';

describe('TMF630 PATCH media types: one list (src/tmf/media-types.ts) for the spec model, the mock and patchFlavour', () => {
  it('is merge patch, JSON Patch, JSON Patch Query and plain JSON, each with its flavour', () => {
    assert.deepEqual([...PATCH_MEDIA_TYPES].sort(), ['application/json', 'application/json-patch+json', 'application/json-patch-query+json', 'application/merge-patch+json']);
    assert.deepEqual(PATCH_MEDIA_TYPES.map((t) => patchFlavour(`${t}; charset=utf-8`)), PATCH_MEDIA_TYPES.map((t) => (t.includes('json-patch-query') ? 'json-patch-query' : t.includes('json-patch') ? 'json-patch' : 'merge')));
    assert.equal(patchFlavour('application/problem+json'), undefined);
    assert.equal(patchFlavour('toString'), undefined);
  });

  it('every PATCH operation of the model accepts the list, in its order, before what the document declares', () => {
    for (const op of loadApi('TMF622').operations.filter((o) => o.kind === 'patch')) {
      assert.deepEqual(op.consumes.slice(0, PATCH_MEDIA_TYPES.length), [...PATCH_MEDIA_TYPES], op.path);
    }
  });

  it('the mock parses a body of each (a PATCH reaches the handler), and answers 415 to another', async () => {
    const mock = createMockServer({ apis: [loadApi('TMF663')], clockMs: 0, log: () => undefined });
    try {
      const url = '/tmf-api/shoppingCart/v4/shoppingCart/none';
      for (const type of PATCH_MEDIA_TYPES) {
        const body = type.includes('json-patch') ? '[]' : '{}';
        const res = await mock.app.inject({ method: 'PATCH', url, payload: body, headers: { 'content-type': type } });
        assert.equal(res.statusCode, 404, `${type}: ${res.body}`);
      }
      const res = await mock.app.inject({ method: 'PATCH', url, payload: '{}', headers: { 'content-type': 'text/plain' } });
      assert.equal(res.statusCode, 415);
    } finally {
      await mock.close();
    }
  });
});

describe('header(): one case-insensitive header lookup for the TMF630 module and the checks', () => {
  it('finds a header whatever its case; undefined headers or names give undefined', () => {
    assert.equal(header({ 'X-Total-Count': '3' }, 'x-total-count'), '3');
    assert.equal(header({ 'content-type': 'application/json' }, 'Content-Type'), 'application/json');
    assert.equal(header({}, 'x-result-count'), undefined);
    assert.equal(header(undefined, 'content-type'), undefined);
  });
});
