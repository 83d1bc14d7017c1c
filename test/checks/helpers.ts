import { CHECKS, type CheckContext, type CheckId, type CheckOutcome } from '../../src/checks/index.js';
import type { Exchange } from '../../src/core/results.js';
import { parseBody } from '../../src/runner/step.js';
import { schemasFor } from '../../src/schema/schema-set.js';
import { loadApi } from '../../src/document/load.js';

export const api = loadApi('TMF663');
export const resource = api.resources[0]!;

export interface Fake {
  status?: number;
  body?: unknown;
  raw?: string;
  headers?: Record<string, string>;
  url?: string;
  method?: string;
  sent?: unknown;
  error?: string;
  truncated?: boolean;
}

export function exchange(f: Fake): Exchange {
  const body = f.raw ?? (f.body === undefined ? undefined : JSON.stringify(f.body));
  return {
    step: 'test', startedAt: new Date(0).toISOString(),
    request: { method: f.method ?? 'GET', url: f.url ?? 'http://t/tmf-api/shoppingCart/v4/shoppingCart', headers: {}, ...(f.sent !== undefined ? { body: JSON.stringify(f.sent) } : {}) },
    ...(f.error ? { error: f.error } : { response: { status: f.status ?? 200, headers: { 'content-type': 'application/json;charset=utf-8', ...f.headers }, ...(body !== undefined ? { body } : {}), ...(f.truncated ? { truncated: true } : {}), durationMs: 1 } }),
  };
}

/** Runs a check by id on a fake exchange. */
export function run(id: CheckId, f: Fake, ctx: Partial<Omit<CheckContext, 'body'>> & { kind?: keyof typeof resource.operations } = {}): CheckOutcome {
  const ex = exchange(f);
  const { kind = 'list', ...rest } = ctx;
  return CHECKS[id]!(ex, {
    api, schemas: schemasFor(api), op: resource.operations[kind], expect: [200], params: {}, strict: false,
    body: ex.response ? parseBody(ex.response.body, ex.response.truncated) : { ok: false, error: 'none' }, ...rest,
  });
}
