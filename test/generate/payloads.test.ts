/**
 * Payload generation: valid against the document for every create/update schema of every registered
 * document (the same ajv validators the mock and the checks use), and reproducible from a seed.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { loadApi } from '../../src/document/load.js';
import { registry } from '../../src/document/registry.js';
import { generatePayload, resourcePayloads } from '../../src/generate/payloads.js';
import { generatedSuite } from '../../src/generate/suite.js';
import { schemasFor } from '../../src/schema/schema-set.js';

const PAYLOAD_SCHEMA = /_(Create|Update|FVO|MVO)$/;

describe('generated payloads', () => {
  for (const entry of registry()) {
    const label = `${entry.id}@${entry.version}`;
    it(`${label}: every _Create/_Update (v5 _FVO/_MVO) definition, minimal and rich, is valid against the document`, () => {
      const api = loadApi(entry);
      const schemas = schemasFor(api);
      const names = Object.keys(api.definitions).filter((n) => PAYLOAD_SCHEMA.test(n));
      assert.ok(names.length >= 2, `${label} has payload schemas`);
      const invalid: string[] = [];
      for (const name of names) {
        for (const mode of ['minimal', 'rich'] as const) {
          const p = generatePayload(api, name, mode);
          const r = p.value ? schemas.validate(name, p.value) : undefined;
          if (!r?.valid) invalid.push(`${name} ${mode}: ${r?.errors[0]?.message ?? p.problems.join('; ')}`);
        }
      }
      assert.deepEqual(invalid, []);
    });

    it(`${label}: each resource's minimal, rich and patch payloads validate; minimal carries the create schema's required attributes`, () => {
      const api = loadApi(entry);
      const schemas = schemasFor(api);
      for (const r of api.resources.filter((x) => x.createSchemaName)) {
        const p = resourcePayloads(api, r);
        assert.ok(p.minimal, `${r.name}: ${p.problems.join('; ')}`);
        assert.ok(schemas.validate(r.createSchemaName!, p.minimal).valid, `${r.name} minimal`);
        assert.ok(schemas.validate(r.createSchemaName!, p.rich).valid, `${r.name} rich`);
        for (const a of r.createRequired) assert.ok(Object.hasOwn(p.minimal, a), `${r.name} minimal has ${a}`);
        assert.ok(Object.keys(p.rich!).length >= Object.keys(p.minimal).length, `${r.name} rich is at least minimal`);
        if (p.patch) assert.ok(schemas.validate(r.updateSchemaName!, p.patch).valid, `${r.name} patch`);
      }
    });
  }

  it('references are {id, href, @referredType}; v5 payloads carry @type; enums and formats are respected', () => {
    const v4 = resourcePayloads(loadApi('TMF666'), loadApi('TMF666').resources.find((r) => r.name === 'partyAccount')!);
    const party = (v4.minimal!.relatedParty as Array<Record<string, unknown>>)[0]!;
    assert.equal(typeof party.id, 'string');
    assert.match(String(party.href), /^https:\/\/tmf-ctk\.example\//);
    assert.equal(party['@referredType'], 'Individual');
    const v5 = loadApi('TMF620@5.0.0');
    const offering = resourcePayloads(v5, v5.resources.find((r) => r.name === 'productOffering')!);
    assert.equal(offering.minimal!['@type'], 'ProductOffering');
    assert.match(String(offering.minimal!.lastUpdate), /^\d{4}-\d\d-\d\dT/);
  });

  it('is deterministic with a seed, and another seed gives other values', () => {
    const api = loadApi('TMF632@5.0.0');
    const a = generatedSuite(api, 42);
    const b = generatedSuite(loadApi('TMF632@5.0.0'), 42);
    assert.deepEqual(a, b);
    assert.equal(a.generated?.seed, 42);
    const c = generatedSuite(api, 43);
    assert.notDeepEqual(a.resources, c.resources);
  });

  it('the flaws the generator meets are named quirks (tmf-ctk apis --quirks)', () => {
    const where = (sel: string, id: string) => loadApi(sel).quirks.filter((q) => q.id === id).map((q) => q.where);
    assert.ok(where('TMF663@5.0.0', 'type-enum').includes('GeographicLocation.@type'));
    assert.ok(where('TMF620@5.0.0', 'create-requires-server-set').includes('ProductOffering_FVO'));
    assert.deepEqual(where('TMF663', 'type-enum'), []);
  });

  it('contradictory constraints are reported, never sent', () => {
    const api = loadApi('TMF663');
    const broken = { ...api, definitions: { ...api.definitions, ShoppingCart_Create: { type: 'object', required: ['x'], properties: { x: { type: 'string', minLength: 5, maxLength: 2 } } } } };
    const r = resourcePayloads(broken, api.resources[0]!);
    assert.equal(r.minimal, undefined);
    assert.match(r.problems.join(' '), /minLength 5 and maxLength 2 contradict/);
  });
});

describe('generated patches change something', () => {
  it('no patched attribute of any registered document is an empty object or list (RFC 7396: {} changes nothing)', () => {
    const empty = (v: unknown) => (Array.isArray(v) ? v.length === 0 : !!v && typeof v === 'object' && Object.keys(v).length === 0);
    let patches = 0;
    for (const entry of registry()) {
      const api = loadApi(entry);
      for (const r of api.resources) {
        const { patch } = resourcePayloads(api, r);
        if (!patch) continue;
        patches += 1;
        for (const [k, v] of Object.entries(patch)) assert.ok(!empty(v), `${entry.id}@${entry.version} ${r.name}.${k}`);
        assert.equal(schemasFor(api).validate(r.updateSchemaName!, patch).valid, true, `${entry.id} ${r.name}`);
      }
    }
    assert.ok(patches > 20, `${patches} patches`);
  });
});
