/**
 * Judging one observed exchange, on both sides, with the runner's own checks: the client's request
 * (a declared operation, a body valid against `_Create`/`_Update`, a TMF630 PATCH media type, a query
 * TMF630 can read) and the server's answer (declared or TMF630-allowed status, JSON, schema, TMF Error
 * body, `fields`, filters, paging headers, Location). Nothing here blocks or changes traffic.
 */
import { applyChecks, parseBody } from '../checks/judge.js';
import type { CheckUse } from '../core/case-model.js';
import type { CheckResult, Exchange } from '../core/results.js';
import type { Operation } from '../document/model.js';
import { formatError } from '../schema/errors.js';
import type { SchemaSet } from '../schema/schema-set.js';
import { isJsonMediaType, header, patchFlavour, PATCH_MEDIA_TYPES } from '../tmf/media-types.js';
import { parseCollectionQuery } from '../tmf/query.js';
import { SUCCESS_STATUSES } from '../tmf/statuses.js';
import type { Route } from './route.js';

export interface JudgeOptions {
  schemas: SchemaSet;
  strict: boolean;
  /** Set when a body was over the validation cap: passed through, not validated. */
  unvalidated?: 'request' | 'response';
}

const ok = (check: string, reason?: string): CheckResult => ({ check, status: 'pass', ...(reason ? { reason } : {}) });
const bad = (check: string, reason: string, source: CheckResult['source']): CheckResult => ({ check, status: 'fail', reason, source });


function requestBodyCheck(op: Operation, ex: Exchange, o: JudgeOptions): CheckResult | undefined {
  if (op.method !== 'post' && op.method !== 'patch' && op.method !== 'put') return undefined;
  const id = 'request-schema';
  if (o.unvalidated === 'request') return { check: id, status: 'skip', reason: 'body over the validation cap: passed through unvalidated' };
  const body = parseBody(ex.request.body);
  if (!body.ok) return bad(id, `the request body is not JSON (${body.error})`, 'document');
  if (op.method === 'patch' && patchFlavour(header(ex.request.headers, 'content-type')) === 'json-patch') {
    const isOps = Array.isArray(body.value) && body.value.every((x) => x && typeof x === 'object' && 'op' in x && 'path' in x);
    return isOps ? ok(id, 'JSON Patch document') : bad(id, 'a JSON Patch body must be an array of operations with op and path', 'TMF630');
  }
  const schema = op.requestSchemaName;
  if (!schema) return undefined;
  const result = o.schemas.validate(schema, body.value);
  if (result.valid) return ok(id, `valid against ${schema}`);
  return { ...bad(id, `not valid against ${schema}: ${result.errors.slice(0, 3).map(formatError).join('; ')}`, 'document'), schemaErrors: result.errors.slice(0, 50) };
}

function mediaTypeCheck(op: Operation, ex: Exchange): CheckResult | undefined {
  if (!ex.request.body) return undefined;
  const ct = header(ex.request.headers, 'content-type');
  if (op.method === 'patch') {
    return patchFlavour(ct) ? ok('request-media-type', ct) : bad('request-media-type', `PATCH sent as ${ct ?? 'no Content-Type'}; TMF630 PATCH media types are ${PATCH_MEDIA_TYPES.join(', ')}`, 'TMF630');
  }
  if (op.method === 'post' || op.method === 'put') return isJsonMediaType(ct) ? ok('request-media-type', ct) : bad('request-media-type', `body sent as ${ct ?? 'no Content-Type'}, not JSON`, 'document');
  return undefined;
}

function queryCheck(op: Operation, ex: Exchange): CheckResult | undefined {
  if (op.kind !== 'list' && op.kind !== 'retrieve') return undefined;
  try {
    parseCollectionQuery(new URL(ex.request.url).searchParams);
    return ok('request-query');
  } catch (e) {
    return bad('request-query', `the query is not TMF630 syntax: ${(e as Error).message}`, 'TMF630');
  }
}

/** The client's side: what the request got wrong. */
export function judgeRequest(route: Route, ex: Exchange, o: JudgeOptions): CheckResult[] {
  const op = route.op;
  if (!op) {
    const where = `${ex.request.method} ${new URL(ex.request.url).pathname}`;
    const reason = route.allowed.length
      ? `${where}: the document declares only ${route.allowed.join(', ')} on this path`
      : `${where}: no operation of ${route.api.id} ${route.api.version} has this path`;
    return [bad('known-operation', reason, 'document')];
  }
  return [mediaTypeCheck(op, ex), requestBodyCheck(op, ex, o), queryCheck(op, ex)].filter((c): c is CheckResult => c !== undefined);
}

function responseChecks(op: Operation, ex: Exchange, o: JudgeOptions): CheckUse[] {
  const status = ex.response!.status;
  const q = new URL(ex.request.url).searchParams;
  const fields = q.get('fields')?.split(',').map((s) => s.trim()).filter(Boolean);
  const uses: CheckUse[] = [{ id: 'status-code-conformance' }];
  if (status >= 400) return [...uses, { id: 'error-shape' }];
  if (status === 204 || !ex.response!.body) return uses;
  uses.push({ id: 'content-type-json' }, { id: 'json-body' });
  if (o.unvalidated === 'response') return uses;
  if (!fields) uses.push({ id: 'response-schema' });
  if (fields && (op.kind === 'list' || op.kind === 'retrieve')) uses.push({ id: 'fields-selection', params: { fields, present: [] } });
  if (op.kind === 'list') uses.push({ id: 'filter-applied' }, { id: 'paging-headers' });
  if (op.kind === 'create') uses.push({ id: 'location-header' });
  return uses;
}

/**
 * A 201's Location names the created resource (RFC 9110 §10.2.2): its path ends with the created id. The
 * runner follows the Location to prove it; the proxy sends nothing of its own, so it reads the path.
 */
function locationResourceCheck(op: Operation, ex: Exchange): CheckResult | undefined {
  const loc = header(ex.response?.headers, 'location');
  if (op.kind !== 'create' || ex.response?.status !== 201 || !loc) return undefined;
  const body = parseBody(ex.response.body);
  const id = body.ok && body.value && typeof body.value === 'object' ? (body.value as Record<string, unknown>).id : undefined;
  if (typeof id !== 'string') return undefined;
  let path: string;
  try {
    path = decodeURIComponent(new URL(loc, ex.request.url).pathname.replace(/\/+$/, ''));
  } catch {
    return undefined; // location-header names a Location that is not a URI
  }
  if (path.endsWith(`/${id}`)) return ok('location-resource', loc.slice(0, 120));
  return { ...bad('location-resource', `Location ${loc.slice(0, 120)} does not name the created resource ${id.slice(0, 60)}`, 'RFC'), cite: 'RFC 9110 §10.2.2 (Location of a 201 refers to the primary resource created)' };
}

/** The server's side: what the answer got wrong (judged only when one arrived). */
export function judgeResponse(route: Route, ex: Exchange, o: JudgeOptions): CheckResult[] {
  const op = route.op;
  if (!op || !ex.response) return [];
  const declared = Object.keys(op.responses).filter((s) => /^\d{3}$/.test(s)).map(Number);
  const status = ex.response.status;
  const expect = status >= 400 ? [status] : [...new Set([...declared.filter((s) => s < 400), ...(SUCCESS_STATUSES[op.kind] ?? [])])];
  const base = { api: route.api, schemas: o.schemas, op, expect, strict: o.strict };
  const results = applyChecks(responseChecks(op, ex, o), ex, base, {}, new Set());
  const location = locationResourceCheck(op, ex);
  return location ? [...results, location] : results;
}
