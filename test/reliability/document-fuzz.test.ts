import fc from 'fast-check';
import assert from 'node:assert/strict';
import { Agent, METHODS } from 'node:http';
import { after, before, describe, it } from 'node:test';
import { createMockServer } from '../../src/composition.js';
import type { ApiModel, Operation } from '../../src/document/model.js';
import { registry } from '../../src/document/registry.js';
import type { MockServer } from '../../src/mock/server.js';
import { assertTmfError, closedPort, rawRequest, type RawCase } from './helpers.js';
import { SchemaArbitraries } from './schema-arbitrary.js';

/**
 * Property-based fuzz of every operation of every registered document (v4 and v5) against the mock,
 * in the manner of a third-party API fuzzer: requests generated from the document's own schemas
 * (fast-check, fixed seeds). The mock runs with `checkResponses`, so every answer is validated against
 * what the document declares for that operation and status. Properties: never a 5xx, every refusal a
 * TMF Error, no answer outside the document, no number answered other than it was sent.
 */
/** Generated requests per operation, by kind: bodies get the most. About 1,100 requests in all. */
const RUNS: Record<Operation['kind'], number> = { create: 12, patch: 12, replace: 6, list: 6, retrieve: 5, delete: 4, hubRegister: 5, hubUnregister: 3, listener: 3, other: 5 };
const agent = new Agent({ keepAlive: true, maxSockets: 2 });
after(() => agent.destroy());

/** Numbers a JSON parser reads back as something else than was written (see docs/mock-input-rules.md). */
function inexactNumber(value: unknown, path = ''): string | undefined {
  if (typeof value === 'number') return Math.abs(value) <= Number.MAX_SAFE_INTEGER ? undefined : `${path || '(root)'} = ${value}`;
  if (!value || typeof value !== 'object') return undefined;
  for (const [k, v] of Object.entries(value)) {
    const hit = inexactNumber(v, `${path}/${k}`);
    if (hit) return hit;
  }
  return undefined;
}

interface Target {
  api: ApiModel;
  mock: MockServer;
  base: string;
  /** Ids per collection path, from the seed and from 201 answers; deleted ones are dropped. */
  ids: Map<string, string[]>;
  /** A loopback port nothing listens on: hub registrations that succeed deliver nowhere. */
  callback: string;
}

const collectionOf = (op: Operation) => op.fullPath.replace(/\/\{[^}]+\}$/, '');

/** The request one operation gets: its path with a known or a random id, a query, a body from its schema. */
function requestFor(t: Target, op: Operation, arbs: SchemaArbitraries): fc.Arbitrary<RawCase> {
  const id = fc.oneof({ weight: 4, arbitrary: fc.nat() }, { weight: 1, arbitrary: fc.string({ minLength: 1, maxLength: 8 }) });
  const path = id.map((pick) => op.fullPath.replace(/\{[^}]+\}/g, () => {
    const ids = t.ids.get(collectionOf(op)) ?? [];
    return encodeURIComponent(typeof pick === 'number' ? (ids.length ? ids[pick % ids.length]! : 'no-such-id') : pick);
  }));
  const listed = t.api.definitions[op.responses['200']?.schemaName ?? '']?.properties;
  const attrs = Object.keys((listed ?? { name: {} }) as object);
  const value = fc.oneof(fc.constantFrom(...attrs), fc.nat({ max: 5 }).map(String), fc.string({ maxLength: 6 }));
  const query = fc.array(fc.tuple(fc.constantFrom('fields', 'offset', 'limit', 'sort', ...attrs), value), { maxLength: 3 })
    .map((pairs) => (pairs.length ? `?${new URLSearchParams(pairs).toString()}` : ''));
  const body: fc.Arbitrary<unknown> = op.requestSchemaName ? arbs.payload(op.requestSchemaName) : fc.constant(undefined);
  const patchMedia = fc.constantFrom('application/merge-patch+json', 'application/json');
  return fc.tuple(path, query, body, patchMedia, fc.boolean()).map(([p, q, b, media, reachable]) => {
    const payload = op.kind === 'hubRegister' && reachable && b && typeof b === 'object' && !Array.isArray(b) ? { ...b, callback: t.callback } : b;
    const withBody = (op.method === 'post' || op.method === 'patch' || op.method === 'put') && payload !== undefined;
    return {
      name: op.operationId, method: op.method.toUpperCase(), path: op.method === 'get' ? `${p}${q}` : p,
      ...(withBody ? { body: JSON.stringify(payload), contentType: op.method === 'patch' ? media : 'application/json' } : {}),
    };
  });
}

/** Sends one generated request and holds the mock to the properties; keeps the ids current. */
async function judge(t: Target, op: Operation, c: RawCase): Promise<void> {
  const r = await rawRequest(t.base, c, agent);
  const what = `${c.method} ${c.path.slice(0, 120)} ${String(c.body ?? '').slice(0, 200)}`;
  assert.ok(r.status < 500, `${what} → ${r.status} ${r.text.slice(0, 300)}`);
  if (r.status >= 400) assertTmfError(r, what);
  assert.deepEqual(t.mock.violations, [], `${what} → ${r.status} answered outside the document: ${JSON.stringify(t.mock.violations).slice(0, 600)}`);
  const inexact = r.status < 300 ? inexactNumber(r.json) : undefined;
  assert.equal(inexact, undefined, `${what} → ${r.status} answered an inexact number at ${inexact}`);
  const collection = collectionOf(op);
  const id = (r.json as { id?: unknown } | undefined)?.id;
  if (r.status === 201 && op.kind === 'create' && typeof id === 'string') t.ids.set(collection, [...(t.ids.get(collection) ?? []), id]);
  if (r.status === 204 && op.kind === 'delete') t.ids.set(collection, (t.ids.get(collection) ?? []).filter((x) => !c.path.endsWith(`/${encodeURIComponent(x)}`)));
}

for (const [n, entry] of registry().entries()) {
  describe(`${entry.id} ${entry.version}: every operation, generated from the document`, () => {
    const t = { ids: new Map() } as Target;
    before(async () => {
      t.mock = createMockServer({ apis: [`${entry.id}@${entry.version}`], checkResponses: true, clockMs: 0, log: () => undefined });
      t.api = t.mock.apis[0]!;
      t.base = await t.mock.listen();
      t.callback = `http://127.0.0.1:${await closedPort()}/listener`;
      for (const res of t.api.resources) {
        t.ids.set(`${t.api.basePath}${res.collectionPath}`, (await t.mock.store.list(`${t.api.id}/${res.name}`)).map((r) => r.id));
      }
    });
    after(() => t.mock?.close());

    it('each operation: no 5xx, refusals are TMF Errors, every answer valid against the document', async () => {
      const arbs = new SchemaArbitraries(t.api);
      let requests = 0;
      for (const [i, op] of t.api.operations.entries()) {
        await fc.assert(fc.asyncProperty(requestFor(t, op, arbs), async (c) => {
          requests++;
          await judge(t, op, c);
        }), { numRuns: RUNS[op.kind], seed: 11_2026 + n * 100 + i, endOnFailure: true, includeErrorInReport: true });
      }
      assert.equal(requests, t.api.operations.reduce((sum, op) => sum + RUNS[op.kind], 0), 'every operation was exercised');
    });

    it('each declared path: any other method Node reads answers 405 with Allow', async () => {
      const served = new Map<string, Set<string>>();
      for (const op of t.api.operations) served.set(op.fullPath, (served.get(op.fullPath) ?? new Set()).add(op.method.toUpperCase()));
      const methods = METHODS.filter((m) => m !== 'CONNECT' && m !== 'HEAD');
      const cases = fc.tuple(fc.constantFrom(...served.keys()), fc.constantFrom(...methods), fc.nat());
      await fc.assert(fc.asyncProperty(cases, async ([path, method, pick]) => {
        const allowed = served.get(path)!;
        if (allowed.has(method)) return;
        const ids = t.ids.get(path.replace(/\/\{[^}]+\}$/, '')) ?? [];
        const url = path.replace(/\{[^}]+\}/g, () => encodeURIComponent(ids[pick % Math.max(1, ids.length)] ?? 'x'));
        const r = await rawRequest(t.base, { name: method, method, path: url }, agent);
        assertTmfError(r, `${method} ${url}`);
        assert.equal(r.status, 405, `${method} ${url} → ${r.status} ${r.text.slice(0, 200)}`);
        assert.deepEqual(new Set(String(r.headers.allow).split(', ')), new Set([...allowed, ...(allowed.has('GET') ? ['HEAD'] : [])]));
      }), { numRuns: 20, seed: 405 + n, endOnFailure: true, includeErrorInReport: true });
    });
  });
}
