import { createServer, request, type IncomingHttpHeaders } from 'node:http';
import { createMockServer } from '../../src/composition.js';
import { loadApis } from '../../src/document/load.js';
import type { MockServer } from '../../src/mock/server.js';
import { createValidatingProxy, type ProxyOptions, type ValidatingProxy } from '../../src/proxy/server.js';
import { listenLoopback } from '../helpers/loopback.js';

export const CART = '/tmf-api/shoppingCart/v4/shoppingCart';

export interface Answer { status: number; headers: IncomingHttpHeaders; body: string }

/** One HTTP request with an optional raw body (no client library: what goes on the wire is what we say). */
export function send(base: string, method: string, path: string, body?: string | Buffer, headers: Record<string, string> = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request(`${base}${path}`, { method, headers: { ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...headers } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}

export interface Rig { upstream: string; proxy: ValidatingProxy; url: string; close(): Promise<void> }

/** The mock of TMF663 (or a defect server in front of it) behind the validating proxy. */
export async function rig(o: { defect?: (path: string, answer: Answer) => Answer; proxy?: Partial<ProxyOptions> } = {}): Promise<Rig> {
  const mock: MockServer = createMockServer({ apis: ['TMF663'], log: () => undefined, clockMs: 0 });
  const mockUrl = await mock.listen();
  let upstream = mockUrl;
  let defect: { close(): Promise<void> } | undefined;
  if (o.defect) {
    const mutate = o.defect;
    const srv = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', async () => {
        const headers = { ...req.headers } as Record<string, string>;
        delete headers['content-length'];
        const a = mutate(req.url ?? '/', await send(mockUrl, req.method ?? 'GET', req.url ?? '/', chunks.length ? Buffer.concat(chunks) : undefined, headers));
        const out = { ...a.headers } as Record<string, string>;
        delete out['content-length'];
        delete out['transfer-encoding'];
        res.writeHead(a.status, out).end(a.body);
      });
    });
    const l = await listenLoopback(srv);
    upstream = l.url;
    defect = l;
  }
  const proxy = createValidatingProxy({ upstream, apis: loadApis('TMF663'), ...o.proxy });
  const url = await proxy.listen();
  return { upstream, proxy, url, close: async () => { await proxy.close(); await defect?.close(); await mock.close(); } };
}

export const validCart = JSON.stringify({ cartItem: [{ id: '1', action: 'add', quantity: 1, productOffering: { id: 'po-1', name: 'Fibre 1G' } }] });
