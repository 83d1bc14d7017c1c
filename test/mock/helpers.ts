import assert from 'node:assert/strict';
import { createMockServer } from '../../src/composition.js';
import type { MockServer } from '../../src/mock/server.js';
import type { MockServerOptions } from '../../src/mock/options.js';
import { seedOf as readSeed } from '../../src/composition.js';
import { schemasFor } from '../../src/schema/schema-set.js';
import { defaultEntries } from '../../src/document/registry.js';
import type { ApiModel, JsonSchema, ResourceModel } from '../../src/document/model.js';

/** The certified APIs of the registry (specs/registry.json), as `--all` serves them. */
export const APIS: readonly string[] = defaultEntries().map((e) => e.id);

/** A mock that checks its own responses against the spec, says nothing, and has its clock stopped. */
export function testServer(o: MockServerOptions = {}): MockServer {
  return createMockServer({ checkResponses: true, clockMs: 0, log: () => undefined, ...o });
}

export interface Answer {
  status: number;
  headers: Record<string, string | string[] | number | undefined>;
  text: string;
  json: unknown;
}

/** One request through fastify's inject (no socket). `body` strings are sent as they are. */
export async function call(s: MockServer, method: string, url: string, body?: unknown, contentType = 'application/json', headers: Record<string, string> = {}): Promise<Answer> {
  const payload = body === undefined ? undefined : typeof body === 'string' || Buffer.isBuffer(body) ? body : JSON.stringify(body);
  const res = await s.app.inject({
    method: method as 'GET', url, payload,
    headers: { ...(payload !== undefined && contentType ? { 'content-type': contentType } : {}), ...headers },
  });
  let json: unknown;
  try {
    json = res.body ? JSON.parse(res.body) : undefined;
  } catch {
    json = undefined;
  }
  return { status: res.statusCode, headers: res.headers, text: res.body, json };
}

/** A TMF Error body with the expected status and code, valid against the document's Error schema. */
export function assertError(a: Answer, status: number, code?: string, api?: ApiModel): void {
  assert.equal(a.status, status, `expected ${status}, got ${a.status}: ${a.text.slice(0, 300)}`);
  const body = a.json as Record<string, unknown>;
  assert.equal(body?.['@type'], 'Error', a.text);
  assert.equal(body.status, String(status));
  if (code) assert.equal(body.code, code, a.text);
  assert.doesNotMatch(a.text, /\bat .+\.(ts|js):\d+/, 'no stack trace');
  if (api) assert.ok(schemasFor(api).validate('Error', body).valid, a.text);
  assert.match(String(a.headers['content-type']), /^application\/json/);
}

export function properties(api: ApiModel, schema: string | undefined): Record<string, JsonSchema> {
  return ((schema ? api.definitions[schema]?.properties : undefined) ?? {}) as Record<string, JsonSchema>;
}

/** A realistic create payload: the first seed record, cut to what the Create schema lists, without @type. */
export function createPayload(api: ApiModel, res: ResourceModel): Record<string, unknown> {
  const seed = readSeed(api.id)[res.name]?.[0] as Record<string, unknown> | undefined;
  assert.ok(seed, `${api.id} has seed data for ${res.name}`);
  const allowed = properties(api, res.createSchemaName);
  return Object.fromEntries(Object.entries(seed).filter(([k]) => Object.hasOwn(allowed, k) && k !== '@type'));
}

/** A plain string attribute of the Update schema to patch (no enum, no format, not a state). */
export function patchAttribute(api: ApiModel, res: ResourceModel): string {
  const props = properties(api, res.updateSchemaName);
  const plain = (k: string) => props[k]?.type === 'string' && !props[k]!.enum && !props[k]!.format && !/state|status/i.test(k);
  return ['description', 'name'].find(plain) ?? Object.keys(props).find((k) => plain(k) && !k.startsWith('@')) ?? '@baseType';
}

/** An attribute of the entity that its Update schema does not list (server-owned), if any. */
export function serverOwnedAttribute(api: ApiModel, res: ResourceModel): string | undefined {
  const update = properties(api, res.updateSchemaName);
  return Object.keys(properties(api, res.schemaName)).find((k) => k !== 'id' && k !== 'href' && !Object.hasOwn(update, k));
}

/** Resolves when `check()` holds, polling; fails after `ms`. */
export async function eventually(check: () => boolean | Promise<boolean>, ms = 3000, what = 'condition'): Promise<void> {
  const t0 = Date.now();
  while (!(await check())) {
    if (Date.now() - t0 > ms) assert.fail(`timed out after ${ms} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}
