/**
 * A tiny widget API on fastify for the collection tests (not a TMF API): create, retrieve, a route that
 * never answers (timeouts), and a record of the headers each request carried.
 */
import Fastify from 'fastify';
import type { AddressInfo } from 'node:net';

export interface FixtureServer {
  url: string;
  /** Headers of every request received, in order. */
  seen: Array<{ method: string; url: string; headers: Record<string, unknown> }>;
  close(): Promise<void>;
}

export async function startFixtureServer(): Promise<FixtureServer> {
  const app = Fastify({ logger: false });
  const widgets = new Map<string, Record<string, unknown>>();
  const seen: FixtureServer['seen'] = [];
  app.addHook('onRequest', async (req) => { seen.push({ method: req.method, url: req.url, headers: req.headers }); });
  app.post('/widgets', async (req, reply) => {
    const id = String(widgets.size + 1);
    const widget = { ...(req.body as Record<string, unknown>), id, href: `/widgets/${id}` };
    widgets.set(id, widget);
    return reply.code(201).send(widget);
  });
  app.get('/widgets/:id', async (req, reply) => {
    const w = widgets.get((req.params as { id: string }).id);
    return w ? w : reply.code(404).send({ code: '404', reason: 'Not Found' });
  });
  app.get('/hang', () => new Promise(() => undefined));
  await app.listen({ host: '127.0.0.1', port: 0 });
  const { port } = app.server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`, seen,
    // A hanging request keeps its socket: close it too.
    close: async () => { app.server.closeAllConnections(); await app.close(); },
  };
}
