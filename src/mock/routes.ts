import { randomUUID } from 'node:crypto';
import { METHODS as HTTP_METHODS } from 'node:http';
import type { FastifyInstance, FastifyReply, FastifyRequest, RouteHandlerMethod } from 'fastify';
import type { ApiModel, Operation } from '../document/model.js';
import { flatten } from '../document/schema-walk.js';
import { selectFields } from '../tmf/fields.js';
import { pagingHeaders } from '../tmf/paging.js';
import { parseCollectionQuery } from '../tmf/query.js';
import { requireObject, requirePatchFlavour, requirePlainJson } from './body.js';
import { FilterTimeout } from './bounded-filter.js';
import { assertValid, type ApiRuntime, type MockEngine, type ResourceRuntime } from './engine.js';
import { MockHttpError } from './errors.js';
import type { Store } from './store.js';

/**
 * Routes generated from the operation model: each declared operation of each selected API under its
 * published base path, 405 for the other methods of a declared path. Handlers are thin: parse,
 * call the engine, serialize (cached text where the resource is unchanged).
 */
export interface ReceivedEvent {
  apiId: string;
  path: string;
  body: Record<string, unknown>;
}

export interface RouteDeps {
  engine: MockEngine;
  store: Store;
  pagingStatus: 200 | 206;
  origin: (req: FastifyRequest) => string;
  /** The tenant's prefix of collection names ('' without tenants), set by the tenant hook. */
  scopeOf: (req: FastifyRequest) => string;
  /** Events POSTed to the listener paths of the document (bounded, newest last). */
  received: ReceivedEvent[];
}

const MAX_RECEIVED = 1000;

type Handler = (req: FastifyRequest, reply: FastifyReply) => Promise<FastifyReply>;

function send(reply: FastifyReply, mediaType: string, status: number, text: string): FastifyReply {
  return reply.code(status).header('content-type', mediaType).send(text);
}

function idOf(req: FastifyRequest): string {
  return (req.params as { id: string }).id;
}

/** A body was sent (or is needed): check the media type only when the client declared one. */
function hasContentType(req: FastifyRequest): boolean {
  return req.headers['content-type'] !== undefined;
}

/** A client's regex filter may backtrack for hours: the store stops it (bounded-filter.ts), this is the 400. */
async function withinBudget<T>(query: Promise<T>): Promise<T> {
  try {
    return await query;
  } catch (e) {
    if (e instanceof FilterTimeout) throw new MockHttpError('INVALID_QUERY', e.message);
    throw e;
  }
}

function listHandler(res: ResourceRuntime, deps: RouteDeps): Handler {
  const mediaType = res.owner.api.mediaType;
  return async (req, reply) => {
    const collection = deps.scopeOf(req) + res.collection;
    const origin = deps.origin(req);
    if (req.url.indexOf('?') === -1) {
      const all = await deps.store.list(collection);
      reply.header('X-Total-Count', String(all.length)).header('X-Result-Count', String(all.length));
      return send(reply, mediaType, 200, res.representer.listText(all, origin));
    }
    const q = parseCollectionQuery(req.query as Record<string, string | string[]>);
    // `href` is computed on the way out: a filter on it is matched against the resource as this client sees it.
    const page = await withinBudget(deps.store.query(collection, { ...q, view: (r) => res.representer.represent(r, origin) }));
    const status = page.items.length < page.total ? deps.pagingStatus : 200;
    reply.headers(pagingHeaders(page.total, page.items.length));
    const fields = q.fields;
    const text = fields
      ? JSON.stringify(page.items.map((r) => selectFields(res.representer.represent(r, origin), fields)))
      : res.representer.listText(page.items, origin);
    return send(reply, mediaType, status, text);
  };
}

function retrieveHandler(res: ResourceRuntime, deps: RouteDeps): Handler {
  const mediaType = res.owner.api.mediaType;
  return async (req, reply) => {
    const origin = deps.origin(req);
    const raw = req.url.indexOf('?') === -1 ? undefined : (req.query as Record<string, string | string[]>).fields;
    if (raw === undefined) return send(reply, mediaType, 200, await deps.engine.getText(res, deps.scopeOf(req), idOf(req), origin));
    const r = await deps.engine.get(res, deps.scopeOf(req), idOf(req));
    // Only `fields` applies to one resource; other parameters are ignored, never an error.
    const fields = parseCollectionQuery({ fields: raw }).fields ?? [];
    return send(reply, mediaType, 200, JSON.stringify(selectFields(res.representer.represent(r, origin), fields)));
  };
}

function createHandler(res: ResourceRuntime, deps: RouteDeps): Handler {
  const mediaType = res.owner.api.mediaType;
  return async (req, reply) => {
    if (hasContentType(req)) requirePlainJson(req);
    const origin = deps.origin(req);
    const created = await deps.engine.create(res, deps.scopeOf(req), req.body, origin);
    reply.header('location', res.representer.href(origin, created.id));
    return send(reply, mediaType, 201, res.representer.text(created, origin));
  };
}

function patchHandler(res: ResourceRuntime, deps: RouteDeps): Handler {
  const mediaType = res.owner.api.mediaType;
  return async (req, reply) => {
    if (req.body === undefined && !hasContentType(req)) throw new MockHttpError('INVALID_BODY', `PATCH ${res.model.name} needs a body`);
    const flavour = requirePatchFlavour(req);
    const origin = deps.origin(req);
    const patched = await deps.engine.patch(res, deps.scopeOf(req), idOf(req), flavour, req.body, origin);
    return send(reply, mediaType, 200, res.representer.text(patched, origin));
  };
}

function deleteHandler(res: ResourceRuntime, deps: RouteDeps): Handler {
  return async (req, reply) => {
    await deps.engine.remove(res, deps.scopeOf(req), idOf(req), deps.origin(req));
    return reply.code(204).send();
  };
}

function hubHandlers(rt: ApiRuntime, deps: RouteDeps, op: Operation): Handler | undefined {
  const mediaType = rt.api.mediaType;
  if (op.kind === 'hubUnregister') {
    return async (req, reply) => {
      await rt.hub.unregister(deps.scopeOf(req), idOf(req));
      return reply.code(204).send();
    };
  }
  return async (req, reply) => {
    if (hasContentType(req)) requirePlainJson(req);
    const body = requireObject(req.body, 'POST hub');
    if (op.requestSchemaName) assertValid(rt.schemas, op.requestSchemaName, body, 'subscription');
    const sub = await rt.hub.register(deps.scopeOf(req), body);
    reply.header('location', `${deps.origin(req)}${rt.api.basePath}/hub/${sub.id}`);
    return send(reply, mediaType, 201, JSON.stringify(typed(rt.api, op.responses['201']?.schemaName, sub)));
  };
}

/** An answer whose declared schema has `@type` (v5 `Hub` is Extensible, which requires it) names that schema. */
function typed<T extends object>(api: ApiModel, schemaName: string | undefined, value: T): T | (T & { '@type': string }) {
  if (!schemaName || !Object.hasOwn(flatten(api.definitions, schemaName).properties, '@type')) return value;
  return { '@type': schemaName, ...value };
}

/** The document's listener paths: the mock can be the target of notifications too (e.g. from another mock). */
function listenerHandler(rt: ApiRuntime, deps: RouteDeps, op: Operation): Handler {
  return async (req, reply) => {
    if (hasContentType(req)) requirePlainJson(req);
    const body = requireObject(req.body, `POST ${op.path}`);
    if (op.requestSchemaName) assertValid(rt.schemas, op.requestSchemaName, body, 'event');
    deps.received.push({ apiId: rt.api.id, path: op.path, body });
    if (deps.received.length > MAX_RECEIVED) deps.received.splice(0, deps.received.length - MAX_RECEIVED);
    // v5 documents declare 204 for a listener; v4 ones 201 with an EventSubscription.
    if (!op.responses['201'] && op.responses['204']) return reply.code(204).send();
    const id = typeof body.eventId === 'string' ? body.eventId : randomUUID();
    return send(reply, rt.api.mediaType, 201, JSON.stringify({ id, callback: `${deps.origin(req)}${op.fullPath}` }));
  };
}

function handlerFor(rt: ApiRuntime, deps: RouteDeps, op: Operation): Handler | undefined {
  if (op.kind === 'hubRegister' || op.kind === 'hubUnregister') return hubHandlers(rt, deps, op);
  if (op.kind === 'listener') return listenerHandler(rt, deps, op);
  const res = op.resource ? rt.resources.get(op.resource) : undefined;
  if (!res) return undefined;
  switch (op.kind) {
    case 'list': return listHandler(res, deps);
    case 'retrieve': return retrieveHandler(res, deps);
    case 'create': return createHandler(res, deps);
    case 'patch': return res.model.updateSchemaName ? patchHandler(res, deps) : undefined;
    case 'delete': return deleteHandler(res, deps);
    default: return undefined; // PUT and other operations: not served (405)
  }
}

/** `/shoppingCart/{id}` → `/shoppingCart/:id` */
export function routePath(fullPath: string): string {
  return fullPath.replace(/\{([^}]+)\}/g, ':$1');
}

/**
 * Every method Node's parser reads (TRACE, QUERY, PROPFIND…), so that on a declared path each one the
 * document does not serve answers 405 with Allow rather than 404. CONNECT never reaches a route.
 */
function routableMethods(scope: FastifyInstance): string[] {
  for (const m of HTTP_METHODS) {
    if (m !== 'CONNECT' && !scope.supportedMethods.includes(m)) scope.addHttpMethod(m);
  }
  return HTTP_METHODS.filter((m) => m !== 'CONNECT');
}

/** 405 before anything else runs: no body parsing (a QUERY without Content-Type would be a 400, a text body a 415). */
function methodNotAllowed(scope: FastifyInstance, url: string, served: string[]): void {
  const allow = served.includes('GET') ? [...served, 'HEAD'] : served;
  const refuse = (): never => {
    throw new MockHttpError('METHOD_NOT_ALLOWED', `method not allowed here; allowed: ${allow.join(', ')}`, { headers: { allow: allow.join(', ') } });
  };
  scope.route({ method: routableMethods(scope).filter((m) => !allow.includes(m)), url, onRequest: refuse, handler: refuse });
}

export function registerApiRoutes(scope: FastifyInstance, rt: ApiRuntime, deps: RouteDeps): void {
  const served = new Map<string, string[]>();
  for (const op of rt.api.operations) {
    const handler = handlerFor(rt, deps, op);
    if (!handler) continue;
    const url = routePath(op.fullPath);
    scope.route({ method: op.method.toUpperCase(), url, handler: handler as RouteHandlerMethod, config: { op } });
    served.set(url, [...(served.get(url) ?? []), op.method.toUpperCase()]);
  }
  for (const [url, methods] of served) methodNotAllowed(scope, url, methods);
}
