import Fastify, { type FastifyInstance, type FastifyRequest } from 'fastify';
import type { AddressInfo } from 'node:net';
import { CtkError } from '../errors.js';
import { schemasFor } from '../schema/schema-set.js';
import { loadApi } from '../document/load.js';
import type { ApiModel } from '../document/model.js';
import { defaultEntries } from '../document/registry.js';
import { behaviourOf, contentKey } from './behaviour-kit.js';
import { installBodyParsing } from './body.js';
import { registerDocs } from './docs.js';
import { MockEngine, resourceRuntime, type ApiRuntime } from './engine.js';
import { clientErrorHandler, frameworkError, installErrorHandling } from './errors.js';
import { installFaults } from './faults.js';
import { Hub } from './hub.js';
import { Notifier, type DeliveryStats } from './notifier.js';
import { resolveOptions, type MockServerOptions } from './options.js';
import { originOf } from './representation.js';
import { installResponseCheck, type ResponseViolation } from './response-check.js';
import { registerApiRoutes, type ReceivedEvent, type RouteDeps } from './routes.js';
import { EventDispatcher } from './dispatch.js';
import { openStore } from './open-store.js';
import { registerReset, Spaces } from './spaces.js';
import { tenancyOf } from './tenancy.js';
import type { Store } from './store.js';

export type { MockServerOptions } from './options.js';

export interface MockServer {
  /** The fastify instance: `app.inject()` exercises the mock without a socket. */
  app: FastifyInstance;
  apis: readonly ApiModel[];
  store: Store;
  /** Starts listening; resolves to the base URL (`http://127.0.0.1:PORT`). */
  listen(): Promise<string>;
  /** Stops listening, stops clocks and deliveries, flushes and closes the store. Idempotent. */
  close(): Promise<void>;
  /** The base URL once listening. */
  readonly url: string | undefined;
  notifications: { idle(): Promise<void>; stats(): DeliveryStats };
  /** Responses that did not validate against the spec (only with `checkResponses`). */
  violations: ResponseViolation[];
  /** Events POSTed to the document's listener paths of this mock. */
  received: ReceivedEvent[];
}

function loadModels(o: MockServerOptions): ApiModel[] {
  const selectors = o.apis ?? defaultEntries().map((e) => `${e.id}@${e.version}`);
  const apis = selectors.map((a) => (typeof a === 'string' ? loadApi(a, { specsDir: o.specsDir, env: o.env }) : a));
  const seen = new Map<string, ApiModel>();
  for (const api of apis) {
    const other = seen.get(api.basePath);
    if (other) {
      throw new CtkError('USAGE', `${other.id} ${other.version} and ${api.id} ${api.version} share the base path ${api.basePath}`, { hint: 'serve one version per mock' });
    }
    seen.set(api.basePath, api);
  }
  return apis;
}

/** One line per request, once answered: time, client, method, URL (controls removed), status, duration. */
function installAccessLog(app: FastifyInstance, log: (line: string) => void): void {
  app.addHook('onResponse', (req, reply, done) => {
    const url = req.url.replace(/[\u0000-\u001f\u007f-\u009f]/g, '').slice(0, 500);
    log(`${new Date().toISOString()} ${req.ip} ${req.method} ${url} ${reply.statusCode} ${Math.round(reply.elapsedTime)} ms`);
    done();
  });
}

function baseUrl(host: string, port: number): string {
  return `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
}

/** The stateful, spec-driven mock server of the selected APIs, on one port under their base paths. */
export function createMockServer(options: MockServerOptions = {}): MockServer {
  const o = resolveOptions(options);
  const apis = loadModels(o);
  // Before the store: a bad tenants file must not leave a database opened.
  const tenancy = tenancyOf(o);
  const store = o.store ?? openStore(o.dataFile);
  let url: string | undefined;
  const defaultOrigin = (): string => url ?? 'http://localhost';
  const origin = (req: FastifyRequest): string => originOf(req, defaultOrigin());

  const runtimes: ApiRuntime[] = [];
  const notifier = new Notifier(async (d) => (await store.get(d.hub, d.subscriptionId)) !== undefined, { ...o.delivery, ...(o.accessLog ? { onFailure: (line: string) => o.log(`mock: ${line}`) } : {}) });
  const hubs = new Map<string, Hub>();
  const dispatcher = new EventDispatcher(store, hubs, o);
  const engine = new MockEngine(store, {
    clockMs: o.clockMs, origin: defaultOrigin, onEvent: o.onEvent, dispatch: (events) => dispatcher.dispatch(events),
    onTaskError: (e) => o.log(`mock: a scheduled state change failed: ${(e as Error).message}`),
  });
  for (const api of apis) {
    const hub = new Hub(api, store, notifier, o.allowCallbackHosts);
    hubs.set(api.id, hub);
    const rt: ApiRuntime = { api, schemas: schemasFor(api), hub, resources: new Map() };
    const key = contentKey(o.content, api.id, api.version);
    for (const model of api.resources) rt.resources.set(model.name, resourceRuntime(rt, model, behaviourOf(o.content, key, model.name)));
    runtimes.push(rt);
  }
  const spaces = new Spaces(runtimes, store, engine, o);

  const mediaType = apis[0]?.mediaType ?? 'application/json;charset=utf-8';
  const app = Fastify({
    logger: false,
    bodyLimit: o.bodyLimit,
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: 256 },
    frameworkErrors: frameworkError(mediaType),
    clientErrorHandler: clientErrorHandler(mediaType),
  });
  if (o.accessLog) installAccessLog(app, o.log);
  installBodyParsing(app);
  installErrorHandling(app, mediaType, (err, req) => o.log(`mock: internal error on ${req.method} ${req.url}: ${(err as Error)?.stack ?? String(err)}`));
  const violations: ResponseViolation[] = [];
  if (o.checkResponses) installResponseCheck(app, apis, violations);
  registerDocs(app, runtimes, origin);
  const received: ReceivedEvent[] = [];
  const deps: RouteDeps = { engine, store, pagingStatus: o.pagingStatus, origin, received, scopeOf: (req) => tenancy.scopeOf(req) };
  // Fastify waits for this before listening or answering inject(): the store is ready, seeded and its clocks resumed.
  void app.register(async () => {
    await spaces.open(tenancy.knownScopes());
    await dispatcher.start();
  });
  // API routes in their own scope so fault and latency hooks never touch `/` or the documents.
  void app.register(async (scope) => {
    tenancy.install(scope, mediaType, (s) => spaces.ensure(s));
    installFaults(scope, { latencyMs: o.latencyMs, faultRate: o.faultRate, mediaType, random: o.random });
    for (const rt of runtimes) registerApiRoutes(scope, rt, deps);
    if (o.allowReset) registerReset(scope, tenancy, spaces);
  });
  // Start now (seeding, clocks), not at the first request; an error surfaces in listen() or inject().
  app.ready().then(undefined, () => undefined);

  let closing: Promise<void> | undefined;
  return {
    app, apis, store, violations, received,
    get url() {
      return url;
    },
    notifications: { idle: () => notifier.idle(), stats: () => notifier.stats() },
    async listen() {
      try {
        await app.listen({ host: o.host, port: o.port });
      } catch (cause) {
        const code = (cause as NodeJS.ErrnoException).code;
        if (code === 'EADDRINUSE') throw new CtkError('USAGE', `port ${o.port} on ${o.host} is in use`, { cause, hint: 'choose another --port, or --port 0 for a free one' });
        if (code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND') throw new CtkError('USAGE', `cannot listen on ${o.host}`, { cause, hint: 'use an address of this machine, e.g. 127.0.0.1' });
        throw cause;
      }
      url = baseUrl(o.host, (app.server.address() as AddressInfo).port);
      return url;
    },
    close() {
      closing ??= (async () => {
        engine.close();
        try {
          await app.close();
        } finally {
          notifier.close();
          await dispatcher.close();
          await store.close();
        }
      })();
      return closing;
    },
  };
}
