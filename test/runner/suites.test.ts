import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CHECKS } from '../../src/checks/index.js';
import { buildCases, resolvedResources } from '../../src/suite/generate.js';
import { operationOf } from '../../src/runner/step.js';
import { resolveTemplate } from '../../src/core/template.js';
import { formatError } from '../../src/schema/errors.js';
import { schemasFor } from '../../src/schema/schema-set.js';
import { loadApi } from '../../src/document/load.js';
import { registry } from '../../src/document/registry.js';
import { suiteFor } from '../../src/composition.js';

/** Every registered version a suite targets (the suites follow the v4 documents). */
const VERSIONS = registry().filter((e) => e.version.startsWith('4.') && !e.generic).map((e) => `${e.id}@${e.version}`);
const VARS = { runId: 'r1', productOrderRef: { id: 'o1', href: '/tmf-api/productOrderingManagement/v4/productOrder/o1' } };
const KIT_MANDATORY = /_(N[1-5]|E[12])$/;

describe('suite data', () => {
  for (const sel of VERSIONS) {
    const api = loadApi(sel);
    const schemas = schemasFor(api);
    const data = resolvedResources(api, suiteFor(api)!);
    it(`${sel}: every resource has data; minimal and rich payloads are valid against the create schema`, () => {
      for (const r of api.resources) {
        const d = data[r.name];
        assert.ok(d, `${r.name} has suite data`);
        for (const kind of ['minimal', 'rich'] as const) {
          const v = schemas.validate(r.createSchemaName!, resolveTemplate(d[kind], VARS));
          assert.ok(v.valid, `${r.name} ${kind}: ${v.errors.map(formatError).join('; ')}`);
        }
        for (const req of r.createRequired) assert.ok(Object.hasOwn(d.minimal, req), `${r.name} minimal sends the mandatory ${req}`);
      }
    });
    it(`${sel}: patches are valid and touch only patchable attributes; E3 payloads really miss something`, () => {
      for (const r of api.resources) {
        const d = data[r.name]!;
        if (d.patch) {
          assert.ok(schemas.validate(r.updateSchemaName!, resolveTemplate(d.patch, VARS)).valid, `${r.name} patch`);
          for (const k of Object.keys(d.patch)) assert.ok(r.patchable.includes(k), `${r.name}: ${k} is in ${r.updateSchemaName}`);
        }
        for (const c of d.contextMissing ?? []) assert.equal(schemas.validate(r.createSchemaName!, resolveTemplate(c.body, VARS)).valid, false, c.title);
      }
    });
  }
});

describe('generated cases', () => {
  for (const sel of VERSIONS) {
    const api = loadApi(sel);
    const cases = buildCases(api, {}, suiteFor(api));
    it(`${sel}: kit names, unique ids, known checks, resolvable operations`, () => {
      const ids = cases.map((c) => c.id);
      assert.equal(new Set(ids).size, ids.length, 'ids are unique');
      for (const c of cases) {
        assert.match(c.id, /^TC_[A-Z][A-Za-z]+_(N[1-5]|E[1-3]|[A-Z]+\d)$/);
        if (KIT_MANDATORY.test(c.id)) assert.equal(c.mandatory, true, `${c.id} is mandatory`);
        if (/_(E3|BADJSON1|PATCH2|FLOW\d)$/.test(c.id)) assert.equal(c.mandatory, false, `${c.id} is optional`);
        for (const s of [...c.steps, ...c.cleanup]) {
          for (const k of s.checks) assert.ok(Object.hasOwn(CHECKS, k.id), `${c.id} ${s.name}: check ${k.id}`);
          if (s.op) assert.ok(operationOf(api, s), `${c.id} ${s.name}: operation ${JSON.stringify(s.op)}`);
          assert.ok(s.request || s.event, `${c.id} ${s.name} sends or waits`);
        }
      }
      for (const r of api.resources) for (const n of ['N1', 'N2', 'N3', 'N4', 'N5', 'E1', 'E2', 'E3']) assert.ok(ids.includes(`TC_${r.schemaName}_${n}`), `${r.schemaName} ${n}`);
    });
  }
  it('TMF671 versions differ as the documents do: attachment and its flow only in v4.1.0', () => {
    const v41 = buildCases(loadApi('TMF671'), {}, suiteFor(loadApi('TMF671')));
    const v40 = buildCases(loadApi('TMF671@4.0.0'), {}, suiteFor(loadApi('TMF671@4.0.0')));
    assert.ok(v41.some((c) => c.id === 'TC_Promotion_FLOW1'));
    assert.ok(!v40.some((c) => c.id === 'TC_Promotion_FLOW1'));
    const n2 = (cs: typeof v41) => JSON.stringify(cs.find((c) => c.id === 'TC_Promotion_N2')!.steps[0]!.request!.body);
    assert.match(n2(v41), /attachment/);
    assert.doesNotMatch(n2(v40), /attachment/);
  });
  it('cases are plain data (JSON round trip), as the Postman exporter needs', () => {
    const cases = buildCases(loadApi('TMF622'), {}, suiteFor(loadApi('TMF622')));
    assert.deepEqual(JSON.parse(JSON.stringify(cases)), cases);
  });
});
