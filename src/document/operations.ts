import type { HttpMethod, JsonSchema, Operation, OperationKind, Parameter, Quirk, ResponseModel } from './model.js';
import { PATCH_MEDIA_TYPES } from '../tmf/media-types.js';
import { deref, schemaTarget } from './refs.js';

const METHODS: HttpMethod[] = ['get', 'post', 'put', 'patch', 'delete', 'head', 'options'];

interface Ctx {
  basePath: string;
  isSwagger: boolean;
  mediaType: string;
  quirks: Quirk[];
}

export function joinPath(base: string, path: string): string {
  return `${base.replace(/\/+$/, '')}/${path.replace(/^\/+/, '')}`.replace(/\/+$/, '') || '/';
}

export function buildOperations(doc: Record<string, unknown>, ctx: Ctx): Operation[] {
  const ops: Operation[] = [];
  const paths = (doc.paths ?? {}) as Record<string, Record<string, unknown>>;
  for (const [path, item] of Object.entries(paths)) {
    const shared = (Array.isArray(item.parameters) ? item.parameters : []) as unknown[];
    for (const method of METHODS) {
      const raw = item[method] as Record<string, unknown> | undefined;
      if (!raw) continue;
      ops.push(buildOperation(doc, ctx, path, method, raw, shared));
    }
  }
  return ops;
}

function buildOperation(
  doc: Record<string, unknown>, ctx: Ctx, path: string, method: HttpMethod,
  raw: Record<string, unknown>, shared: unknown[],
): Operation {
  const params = [...shared, ...((raw.parameters as unknown[]) ?? [])].map((p) => deref(doc, p) as Record<string, unknown>);
  const parameters: Parameter[] = params.filter((p) => p && p.in !== 'body').map((p) => ({
    name: String(p.name), in: p.in as Parameter['in'], required: p.required === true,
    type: (p.type as string | undefined) ?? ((p.schema as JsonSchema | undefined)?.type as string | undefined),
  }));
  const { kind, resource } = classify(path, method);
  const request = ctx.isSwagger ? swaggerBody(params) : oas3Body(doc, raw);
  const requestTarget = schemaTarget(request?.schema);
  let consumes = request?.contentTypes ?? [];
  if (ctx.isSwagger && consumes.length === 0 && request) consumes = asStrings(raw.consumes ?? doc.consumes);
  if (kind === 'patch') {
    ctx.quirks.push({ id: 'patch-media-types', where: `${method.toUpperCase()} ${path}`, detail: `TMF630 media types accepted: ${PATCH_MEDIA_TYPES.join(', ')}` });
    consumes = [...new Set([...PATCH_MEDIA_TYPES, ...consumes])];
  }
  if (kind === 'list') {
    ctx.quirks.push({ id: 'filters-undeclared', where: `GET ${path}`, detail: 'TMF630 attribute filters and sort accepted although not declared' });
  }
  const responses: Record<string, ResponseModel> = {};
  for (const [status, r] of Object.entries((raw.responses ?? {}) as Record<string, unknown>)) {
    responses[status] = ctx.isSwagger ? swaggerResponse(doc, status, r) : oas3Response(doc, status, r);
  }
  return {
    operationId: String(raw.operationId ?? `${method}${path}`),
    method, path, fullPath: joinPath(ctx.basePath, path), kind, resource, parameters,
    requestSchemaName: requestTarget.name, requestSchema: request?.schema, consumes,
    produces: ctx.isSwagger ? asStrings(raw.produces ?? doc.produces) : producesOf(responses, doc, raw),
    responses,
  };
}

export function classify(path: string, method: HttpMethod): { kind: OperationKind; resource?: string } {
  const segs = path.split('/').filter(Boolean);
  if (segs[0] === 'hub') return { kind: segs.length === 1 && method === 'post' ? 'hubRegister' : segs.length === 2 && method === 'delete' ? 'hubUnregister' : 'other' };
  if (segs[0] === 'listener') return { kind: 'listener' };
  if (segs.length === 1) {
    const kind = method === 'get' ? 'list' : method === 'post' ? 'create' : 'other';
    return { kind, resource: segs[0] };
  }
  if (segs.length === 2 && /^\{.+\}$/.test(segs[1]!)) {
    const map: Partial<Record<HttpMethod, OperationKind>> = { get: 'retrieve', patch: 'patch', delete: 'delete', put: 'replace' };
    return { kind: map[method] ?? 'other', resource: segs[0] };
  }
  return { kind: 'other' };
}

function asStrings(v: unknown): string[] {
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
}

function swaggerBody(params: Array<Record<string, unknown>>): { schema?: JsonSchema; contentTypes: string[] } | undefined {
  const body = params.find((p) => p && p.in === 'body');
  return body ? { schema: body.schema as JsonSchema | undefined, contentTypes: [] } : undefined;
}

function oas3Body(doc: Record<string, unknown>, raw: Record<string, unknown>): { schema?: JsonSchema; contentTypes: string[] } | undefined {
  const body = deref(doc, raw.requestBody) as { content?: Record<string, { schema?: JsonSchema }> } | undefined;
  if (!body?.content) return undefined;
  const types = Object.keys(body.content);
  const json = types.find((t) => /json/.test(t)) ?? types[0];
  return { schema: json ? body.content[json]?.schema : undefined, contentTypes: types };
}

function swaggerResponse(doc: Record<string, unknown>, status: string, r: unknown): ResponseModel {
  const resp = deref(doc, r) as { schema?: JsonSchema; headers?: Record<string, unknown> } | undefined;
  const t = schemaTarget(resp?.schema);
  return { status, schemaName: t.name, isArray: t.isArray, schema: resp?.schema, headers: Object.keys(resp?.headers ?? {}) };
}

function oas3Response(doc: Record<string, unknown>, status: string, r: unknown): ResponseModel {
  const resp = deref(doc, r) as { content?: Record<string, { schema?: JsonSchema }>; headers?: Record<string, unknown> } | undefined;
  const types = Object.keys(resp?.content ?? {});
  const json = types.find((t) => /json/.test(t)) ?? types[0];
  const schema = json ? resp?.content?.[json]?.schema : undefined;
  const t = schemaTarget(schema);
  return { status, schemaName: t.name, isArray: t.isArray, schema, headers: Object.keys(resp?.headers ?? {}) };
}

function producesOf(responses: Record<string, ResponseModel>, doc: Record<string, unknown>, raw: Record<string, unknown>): string[] {
  const out = new Set<string>();
  for (const r of Object.values((raw.responses ?? {}) as Record<string, unknown>)) {
    const resp = deref(doc, r) as { content?: Record<string, unknown> } | undefined;
    Object.keys(resp?.content ?? {}).forEach((t) => out.add(t));
  }
  return out.size ? [...out] : Object.keys(responses).length ? ['application/json'] : [];
}
