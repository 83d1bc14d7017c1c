import fc from 'fast-check';
import assert from 'node:assert/strict';
import { Agent } from 'node:http';
import { after, before, describe, it } from 'node:test';
import { createMockServer } from '../../src/composition.js';
import { defaultEntries } from '../../src/document/registry.js';
import type { MockServer } from '../../src/mock/server.js';
import { assertTmfError, loadKinds, rawRequest, type Kind, type RawCase } from './helpers.js';
import { assertNoPollution, prototypeSnapshot } from './pollution.js';

/**
 * Generated hostile input (fast-check, fixed seeds, bounded runs): mutated payloads, prototype keys
 * spliced in at any depth, random bytes, JSON Patch documents, query strings and ids. Never a 5xx,
 * every refusal a TMF Error, the mock serving throughout, no prototype polluted.
 */
const agent = new Agent({ keepAlive: true, maxSockets: 2 });
const snapshot = prototypeSnapshot();
const kinds = loadKinds();
const ids = new Map<Kind, string>();
let mock: MockServer;
let base: string;

before(async () => {
  mock = createMockServer({ apis: defaultEntries().map((e) => e.id), seed: false, clockMs: 0, log: () => undefined });
  base = await mock.listen();
  for (const k of kinds) {
    const created = await send({ name: 'create', method: 'POST', path: k.path, body: JSON.stringify(k.create), contentType: 'application/json' });
    assert.equal(created.status, 201, created.text);
    ids.set(k, created.json!.id!);
  }
});
after(async () => {
  agent.destroy();
  await mock?.close();
});

async function send(c: RawCase): Promise<{ status: number; text: string; json: Record<string, string> | undefined }> {
  const r = await rawRequest(base, c, agent);
  return { ...r, json: r.json as Record<string, string> | undefined };
}

/** The property every generated request must hold. Created resources are deleted again (the store stays small). */
async function judge(c: RawCase, allowed: (s: number) => boolean = () => true): Promise<void> {
  const r = await send(c);
  assert.ok(r.status < 500, `${c.method} ${c.path.slice(0, 120)} → ${r.status} ${r.text.slice(0, 300)}`);
  assert.ok(allowed(r.status), `${c.method} ${c.path.slice(0, 120)} → unexpected ${r.status} ${r.text.slice(0, 200)}`);
  if (r.status >= 400) assertTmfError(r, `${c.method} ${c.path.slice(0, 80)} ${String(c.body ?? '').slice(0, 80)}`);
  if (r.status === 201 && c.method === 'POST' && r.json?.id) await send({ name: 'cleanup', method: 'DELETE', path: `${c.path.split('?')[0]}/${r.json.id}` });
}

const kind = fc.constantFrom(...kinds);
const UNSAFE = ['__proto__', 'constructor', 'prototype'];

/** JSON text of a payload with `"__proto__": {...}` (or constructor/prototype) spliced into one of its objects. */
function splice(payload: unknown, key: string, pick: number): string {
  const text = JSON.stringify(payload);
  const opens = [...text.matchAll(/\{/g)].map((m) => m.index);
  const at = opens[pick % opens.length]! + 1;
  const rest = text[at] === '}' ? '' : ',';
  return `${text.slice(0, at)}"${key}":{"polluted":"yes"}${rest}${text.slice(at)}`;
}

/** A valid create payload broken one way: truncated, a character inserted, or one attribute given any JSON value. */
const mutatedBody = fc.oneof(
  fc.tuple(kind, fc.nat()).map(([k, n]) => { const t = JSON.stringify(k.create); return [k, t.slice(0, n % t.length)] as const; }),
  fc.tuple(kind, fc.nat(), fc.string({ minLength: 1, maxLength: 3 })).map(([k, n, s]) => { const t = JSON.stringify(k.create); return [k, t.slice(0, n % t.length) + s + t.slice(n % t.length)] as const; }),
  fc.tuple(kind, fc.nat(), fc.jsonValue({ maxDepth: 3 })).map(([k, n, v]) => { const keys = Object.keys(k.create); return [k, JSON.stringify({ ...k.create, [keys[n % keys.length]!]: v })] as const; }),
);

describe('generated hostile input (fast-check)', () => {
  it('mutated payloads as POST and merge PATCH: 2xx or a TMF 4xx', async () => {
    await fc.assert(fc.asyncProperty(mutatedBody, fc.boolean(), async ([k, body], patch) => {
      await judge(patch
        ? { name: 'patch', method: 'PATCH', path: `${k.path}/${ids.get(k)!}`, body, contentType: 'application/merge-patch+json' }
        : { name: 'post', method: 'POST', path: k.path, body, contentType: 'application/json' });
    }), { numRuns: 500, seed: 6_2026 });
  });

  it('__proto__, constructor or prototype spliced into any object of a payload: 400, nothing polluted', async () => {
    await fc.assert(fc.asyncProperty(kind, fc.constantFrom(...UNSAFE), fc.nat(), fc.boolean(), async (k, key, pick, patch) => {
      const body = splice(k.create, key, pick);
      await judge(patch
        ? { name: 'patch', method: 'PATCH', path: `${k.path}/${ids.get(k)!}`, body, contentType: 'application/merge-patch+json' }
        : { name: 'post', method: 'POST', path: k.path, body, contentType: 'application/json' }, (s) => s === 400);
    }), { numRuns: 200, seed: 17 });
  });

  it('random bytes under any JSON media type: never a 5xx, every refusal a TMF Error', async () => {
    const media = fc.constantFrom('application/json', 'application/merge-patch+json', 'application/json-patch+json', 'application/json; charset=utf-8');
    await fc.assert(fc.asyncProperty(kind, fc.uint8Array({ minLength: 1, maxLength: 300 }), media, fc.boolean(), async (k, bytes, ct, patch) => {
      await judge({ name: 'bytes', method: patch ? 'PATCH' : 'POST', path: patch ? `${k.path}/${ids.get(k)!}` : k.path, body: Buffer.from(bytes), contentType: ct });
    }), { numRuns: 300, seed: 99 });
  });

  it('JSON Patch documents with hostile paths and values: 200 or a TMF 4xx', async () => {
    const segment = fc.oneof(fc.constantFrom(...UNSAFE, 'description', 'name', '-', '0', '~1', '~0', ''), fc.string({ maxLength: 6 }));
    const op = fc.record({
      op: fc.constantFrom('add', 'remove', 'replace', 'move', 'copy', 'test', 'nope'),
      path: fc.array(segment, { maxLength: 4 }).map((s) => `/${s.join('/')}`),
      from: fc.array(segment, { maxLength: 3 }).map((s) => `/${s.join('/')}`),
      value: fc.jsonValue({ maxDepth: 2 }),
    });
    await fc.assert(fc.asyncProperty(kind, fc.array(op, { minLength: 1, maxLength: 4 }), async (k, ops) => {
      await judge({ name: 'json-patch', method: 'PATCH', path: `${k.path}/${ids.get(k)!}`, body: JSON.stringify(ops), contentType: 'application/json-patch+json' });
    }), { numRuns: 400, seed: 6902 });
  });

  it('query strings of hostile keys and any values: 200, 206 or 400', async () => {
    const key = fc.oneof(fc.constantFrom('fields', 'offset', 'limit', 'sort', 'id', ...UNSAFE, 'a.__proto__', 'x[regex]', 'description.regex', 'name[gt]'), fc.string({ maxLength: 10, unit: 'grapheme' }));
    const pairs = fc.array(fc.tuple(key, fc.string({ maxLength: 30, unit: 'grapheme' })), { maxLength: 5 });
    await fc.assert(fc.asyncProperty(kind, pairs, async (k, ps) => {
      await judge({ name: 'query', method: 'GET', path: `${k.path}?${new URLSearchParams(ps).toString()}` }, (s) => [200, 206, 400].includes(s));
    }), { numRuns: 400, seed: 630 });
  });

  it('any id with any method: a TMF 4xx', async () => {
    const id = fc.string({ minLength: 1, maxLength: 300, unit: 'grapheme' }).filter((s) => s !== '.' && s !== '..');
    await fc.assert(fc.asyncProperty(kind, id, fc.constantFrom('GET', 'PATCH', 'DELETE', 'PUT', 'POST'), async (k, raw, method) => {
      const body = method === 'PATCH' || method === 'POST' ? '{"description":"x"}' : undefined;
      const contentType = method === 'PATCH' ? 'application/merge-patch+json' : body ? 'application/json' : undefined;
      await judge({ name: 'id', method, path: `${k.path}/${encodeURIComponent(raw)}`, body, contentType }, (s) => s >= 400);
    }), { numRuns: 300, seed: 404 });
  });

  it('afterwards: the mock serves, nothing polluted', async () => {
    for (const k of kinds) assert.equal((await send({ name: 'alive', method: 'GET', path: `${k.path}/${ids.get(k)!}` })).status, 200);
    await assertNoPollution(snapshot, mock);
  });
});
