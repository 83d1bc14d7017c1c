/**
 * Any document, no hand-written data: for every registered document (the four generic ones and the v4/v5
 * documents of the five certified APIs) the suite generated from the document passes against the mock of
 * the same document (exit 0, no mandatory failure, every response schema-valid), fast; a plain JSON store
 * under the same base path is non-conformant, with the failures named.
 */
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { runCollection } from '../../src/collection/index.js';
import { createMockServer, exportCollection, runConformance } from '../../src/composition.js';
import { loadApi } from '../../src/document/load.js';
import { registry } from '../../src/document/registry.js';
import { generatedMockContent } from '../../src/generate/mock-content.js';
import { generatedSuite } from '../../src/generate/suite.js';
import { exitCodeOf } from '../../src/run-with-reports.js';
import { runCli } from '../helpers/cli.js';
import { startPlainStore } from './plain-store.js';

const BUDGET_MS = 10_000;

describe('the generated suite against the mock of the same document', () => {
  for (const entry of registry()) {
    const selector = `${entry.id}@${entry.version}`;
    it(`${selector}: exit 0, no failure, every response schema-valid, under ${BUDGET_MS / 1000} s`, async () => {
      const t0 = performance.now();
      const api = loadApi(entry);
      const suite = generatedSuite(api);
      // The document's own mock: generated content only, even where mocks/<API>/ adds behaviours for v4.
      const mock = createMockServer({ apis: [api], content: { [selector]: generatedMockContent(api) }, checkResponses: true, log: () => undefined });
      try {
        const result = await runConformance({ target: await mock.listen(), apis: [selector], suites: { [selector]: suite }, timeoutMs: 5000 });
        const ms = Math.round(performance.now() - t0);
        const cases = result.apis.flatMap((a) => a.cases);
        assert.deepEqual(cases.filter((c) => c.status === 'fail').map((c) => `${c.id}: ${c.reason}`), []);
        for (const c of cases.filter((x) => x.status === 'skip')) assert.match(c.reason ?? '', /^not applicable/, c.id);
        assert.equal(exitCodeOf(result), 0);
        assert.ok(cases.filter((c) => c.status === 'pass').length >= api.resources.length * 4, 'cases ran');
        if (entry.format === 'openapi3') assert.ok(cases.some((c) => c.id.endsWith('_PATCH3') && c.status === 'pass'), 'a JSON Patch Query case ran');
        assert.deepEqual(mock.violations.map((v) => `${v.method} ${v.url} ${v.status}: ${v.errors[0]?.message}`), []);
        console.log(`# ${selector}: generation + full run ${ms} ms, ${cases.length} cases, ${result.summary.requests} requests`);
        assert.ok(ms < BUDGET_MS, `${ms} ms`);
      } finally {
        await mock.close();
      }
    });
  }
});

describe('a required reference to another resource of the same document', () => {
  for (const selector of ['TMF622@4.0.0', 'TMF622@5.0.0']) {
    it(`${selector}: the generated cancelProductOrder cancels a productOrder its setup created; a mock that refuses a reference to nothing passes it`, async () => {
      const api = loadApi(selector);
      const suite = generatedSuite(api);
      const data = suite.resources.cancelProductOrder!;
      assert.deepEqual(data.requires, [{ resource: 'productOrder', as: 'productOrderRef' }]);
      assert.equal((data.minimal.productOrder as Record<string, unknown>).id, '{{productOrderRef.id}}');
      // The project's TMF622 behaviour: a cancel of an order that does not exist is a 400.
      const mock = createMockServer({ apis: [selector], checkResponses: true, clockMs: 0, log: () => undefined });
      try {
        const result = await runConformance({ target: await mock.listen(), apis: [selector], suites: { [selector]: suite }, timeoutMs: 5000 });
        const cases = result.apis.flatMap((a) => a.cases).filter((c) => c.id.startsWith('TC_CancelProductOrder_'));
        assert.deepEqual(cases.filter((c) => c.status === 'fail').map((c) => `${c.id}: ${c.reason}`), []);
        assert.ok(cases.filter((c) => c.status === 'pass').length >= 4, 'cancel cases ran');
        assert.deepEqual(mock.violations.map((v) => `${v.method} ${v.url} ${v.status}`), []);
      } finally {
        await mock.close();
      }
    });
  }
});

describe('a generic JSON store with no TMF logic', () => {
  // Every registered document (issue 13: "for each of those four documents, and for every registered document").
  for (const entry of registry()) {
    const selector = `${entry.id}@${entry.version}`;
    it(`${selector}: non-conformant, with named mandatory failures`, async () => {
      const api = loadApi(selector);
      const store = await startPlainStore(api.basePath);
      try {
        // The store sends no events and moves no state: do not wait the default 2 s for each event, or for flows.
        const result = await runConformance({ target: store.url, apis: [selector], timeoutMs: 5000, config: { eventTimeoutMs: 100, quietMs: 20, flowTimeoutMs: 500 } });
        assert.equal(result.summary.verdict, 'not conformant');
        assert.equal(exitCodeOf(result), 1);
        const failed = result.apis.flatMap((a) => a.cases).filter((c) => c.status === 'fail' && c.mandatory);
        const ids = failed.map((c) => c.id.replace(/^TC_[A-Za-z]+_/, ''));
        // No TMF Error bodies or validation (E1, E2), no fields selection (N4): each named with its reason.
        // E2 only where the document makes an attribute mandatory on create (not TMF663 v4).
        const e2 = result.apis.flatMap((a) => a.cases).find((c) => c.id.endsWith('_E2') && c.status !== 'not-applicable');
        for (const kind of ['E1', ...(e2 ? ['E2'] : []), 'N4']) assert.ok(ids.includes(kind), `${kind} fails: ${ids.join(', ')}`);
        for (const c of failed) assert.ok((c.reason ?? '').length > 0, `${c.id} says why`);
      } finally {
        await store.close();
      }
    });
  }
});

describe('a read-only resource (no create operation)', () => {
  it('gets list, retrieve, fields and filter cases against the seed data the mock generates from the schemas', async () => {
    const full = loadApi('TMF632@4.0.0');
    const api = {
      ...full,
      operations: full.operations.filter((o) => !(o.resource === 'organization' && o.kind === 'create')),
      resources: full.resources.map((r) => (r.name === 'organization' ? { ...r, createSchemaName: undefined, operations: { ...r.operations, create: undefined } } : r)),
    };
    const mock = createMockServer({ apis: [api], checkResponses: true, log: () => undefined });
    try {
      const result = await runConformance({ target: await mock.listen(), documents: [api], timeoutMs: 5000 });
      const cases = result.apis.flatMap((a) => a.cases).filter((c) => c.resource === 'organization');
      assert.deepEqual(cases.map((c) => `${c.id} ${c.status}`), ['TC_Organization_N3 pass', 'TC_Organization_N4 pass', 'TC_Organization_N5 pass', 'TC_Organization_E1 pass']);
      assert.ok(cases[0]!.exchanges.some((x) => x.response?.body?.includes('tmf-ctk-seed-organization-1')), 'the seed is listed');
      assert.deepEqual(mock.violations, []);
    } finally {
      await mock.close();
    }
  });
});

describe('the registered v5 documents through the CLI', () => {
  it('tmf-ctk run --api TMF663@5.0.0 --api TMF622@5.0.0 --api TMF666@5.0.0 against the mock of the same documents: exit 0', async (t) => {
    const out = await mkdtemp(join(tmpdir(), 'tmf-ctk-v5-'));
    t.after(() => rm(out, { recursive: true, force: true }));
    const apis = ['TMF663@5.0.0', 'TMF622@5.0.0', 'TMF666@5.0.0'];
    const mock = createMockServer({ apis, checkResponses: true, log: () => undefined });
    try {
      const url = await mock.listen();
      const r = await runCli(['run', ...apis.flatMap((a) => ['--api', a]), '--target', url, '--reporter', 'json', '--out', out]);
      assert.equal(r.code, 0, r.out + r.err);
      assert.match(r.out, /[1-9]\d* passed, 0 failed/);
      assert.deepEqual(mock.violations.map((v) => `${v.method} ${v.url} ${v.status}`), []);
    } finally {
      await mock.close();
    }
  });
});

describe('a generated suite exported as a Postman collection', () => {
  it('TMF632@5.0.0: newman runs it against the mock of the same document, conformant', async (t) => {
    const out = await mkdtemp(join(tmpdir(), 'tmf-ctk-newman-'));
    t.after(() => rm(out, { recursive: true, force: true }));
    const api = loadApi('TMF632@5.0.0');
    const mock = createMockServer({ apis: [api], log: () => undefined });
    try {
      const url = await mock.listen();
      const file = join(out, 'party.json');
      await writeFile(file, JSON.stringify(await exportCollection(api, { target: url })));
      const result = await runCollection({ collection: file, target: url });
      assert.deepEqual(result.apis.flatMap((a) => a.cases).filter((c) => c.status === 'fail').map((c) => `${c.id}: ${c.reason}`), []);
      assert.equal(result.summary.verdict, 'conformant');
    } finally {
      await mock.close();
    }
  });
});
