import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ApiModel } from '../document/model.js';
import type { ApiRuntime } from './engine.js';

/**
 * `GET /` lists the APIs served, with links; `<basePath>/api-docs` serves each document with its
 * server set to this mock. The published document is never touched: a deep copy is adjusted, and
 * the result is cached per origin.
 */
export function documentFor(api: ApiModel, origin: string): Record<string, unknown> {
  const doc = structuredClone(api.document);
  const url = new URL(origin);
  if (api.format === 'swagger2') {
    doc.host = url.host;
    doc.basePath = api.basePath;
    doc.schemes = [url.protocol.replace(':', '')];
  } else {
    doc.servers = [{ url: `${origin}${api.basePath}`, description: 'tmf-ctk mock' }];
  }
  return doc;
}

export function registerDocs(app: FastifyInstance, apis: readonly ApiRuntime[], origin: (req: FastifyRequest) => string): void {
  app.get('/', (req, reply) => {
    const o = origin(req);
    const body = {
      name: 'tmf-ctk mock',
      apis: apis.map(({ api }) => ({
        id: api.id,
        title: api.title,
        version: api.version,
        basePath: api.basePath,
        href: `${o}${api.basePath}`,
        apiDocs: `${o}${api.basePath}/api-docs`,
        resources: api.resources.map((r) => ({ name: r.name, href: `${o}${api.basePath}${r.collectionPath}` })),
        hub: api.hub ? `${o}${api.hub.register.fullPath}` : undefined,
      })),
    };
    return reply.header('content-type', 'application/json;charset=utf-8').send(JSON.stringify(body));
  });
  for (const { api } of apis) {
    const cache = new Map<string, string>();
    app.get(`${api.basePath}/api-docs`, (req, reply) => {
      const o = origin(req);
      let text = cache.get(o);
      if (text === undefined) {
        text = JSON.stringify(documentFor(api, o));
        if (cache.size > 16) cache.clear(); // origins come from Host headers: keep the cache bounded
        cache.set(o, text);
      }
      return reply.header('content-type', 'application/json;charset=utf-8').send(text);
    });
  }
}
