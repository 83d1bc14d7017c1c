import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { loadApi } from '../../src/document/load.js';
import { defaultEntries, findEntry, registry, selectEntries } from '../../src/document/registry.js';
import { schemasFor } from '../../src/schema/schema-set.js';
import { isCtkError } from '../../src/errors.js';

describe('registry', () => {
  it('has the five certified APIs as defaults, TMF671 at 4.1.0', () => {
    assert.deepEqual(defaultEntries().map((e) => `${e.id}@${e.version}`),
      ['TMF663@4.0.0', 'TMF622@4.0.0', 'TMF699@4.0.0', 'TMF671@4.1.0', 'TMF666@4.0.0']);
  });
  it('selects TMF671 v4.0.0 with TMF671@4.0.0 and is case-insensitive', () => {
    assert.equal(findEntry('tmf671@4.0.0').version, '4.0.0');
    assert.equal(findEntry('TMF671').version, '4.1.0');
    assert.equal(findEntry('TMF663@v5').version, '5.0.0');
  });
  it('rejects unknown APIs and versions with the valid ones listed', () => {
    for (const bad of ['TMF999', 'TMF671@3.0.0']) {
      assert.throws(() => findEntry(bad), (e: unknown) => isCtkError(e) && e.code === 'UNKNOWN_API' && /TMF663/.test(e.hint ?? '') || /4\.1\.0/.test((e as { hint?: string }).hint ?? ''));
    }
    assert.deepEqual(selectEntries('TMF663,TMF622,TMF663').map((e) => e.id), ['TMF663', 'TMF622']);
  });
});

describe('every registered document loads and every definition compiles', () => {
  for (const entry of registry()) {
    it(`${entry.id} v${entry.version}`, () => {
      const api = loadApi(entry);
      assert.equal(api.basePath, entry.basePath);
      assert.ok(!api.basePath.endsWith('/'));
      assert.ok(api.operations.length > 0);
      for (const op of api.operations) assert.ok(!op.fullPath.includes('//'), op.fullPath);
      assert.ok(api.resources.length > 0);
      for (const r of api.resources) {
        assert.ok(api.definitions[r.schemaName], `${r.name}: entity ${r.schemaName} defined`);
        assert.ok(r.operations.create && r.operations.retrieve && r.operations.list, `${r.name} has create/retrieve/list`);
      }
      assert.ok(api.hub?.register.fullPath.endsWith('/hub'));
      const compiled = schemasFor(api).compileAll();
      assert.equal(compiled, Object.keys(api.definitions).length);
    });
  }
});

describe('operation model', () => {
  it('joins the base path without double slashes and classifies operations', () => {
    const api = loadApi('TMF663');
    const byId = Object.fromEntries(api.operations.map((o) => [o.operationId, o]));
    assert.equal(byId.listShoppingCart!.fullPath, '/tmf-api/shoppingCart/v4/shoppingCart');
    assert.equal(byId.retrieveShoppingCart!.fullPath, '/tmf-api/shoppingCart/v4/shoppingCart/{id}');
    assert.equal(byId.listShoppingCart!.kind, 'list');
    assert.equal(byId.createShoppingCart!.requestSchemaName, 'ShoppingCart_Create');
    assert.equal(byId.createShoppingCart!.responses['201']!.schemaName, 'ShoppingCart');
    assert.equal(byId.listShoppingCart!.responses['200']!.isArray, true);
    assert.deepEqual(byId.listShoppingCart!.responses['200']!.headers, ['X-Result-Count', 'X-Total-Count']);
    assert.equal(byId.registerListener!.kind, 'hubRegister');
    assert.equal(api.mediaType, 'application/json;charset=utf-8');
  });
  it('models resources and their events (TMF622 has two resources)', () => {
    const api = loadApi('TMF622');
    assert.deepEqual(api.resources.map((r) => r.name).sort(), ['cancelProductOrder', 'productOrder']);
    const po = api.resources.find((r) => r.name === 'productOrder')!;
    assert.deepEqual(po.events.map((e) => e.kind).sort(), ['attributeValueChange', 'create', 'delete', 'informationRequired', 'stateChange']);
    const cancel = api.resources.find((r) => r.name === 'cancelProductOrder')!;
    assert.ok(cancel.events.every((e) => e.eventType.startsWith('CancelProductOrder')));
    assert.equal(cancel.operations.patch, undefined);
  });
  it('loads v5 OpenAPI documents with components refs, request bodies and responses', () => {
    const api = loadApi('TMF663@5.0.0');
    assert.equal(api.format, 'openapi3');
    const cart = api.resources.find((r) => r.name === 'shoppingCart')!;
    assert.equal(cart.createSchemaName, 'ShoppingCart_FVO');
    assert.equal(cart.updateSchemaName, 'ShoppingCart_MVO');
    assert.equal(cart.schemaName, 'ShoppingCart');
  });
});
