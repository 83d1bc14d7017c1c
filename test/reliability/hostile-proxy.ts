import { createServer, request, type IncomingHttpHeaders, type Server } from 'node:http';
import { listenLoopback } from '../helpers/loopback.js';

/**
 * A target that is the project's mock behind a proxy which rewrites some answers: the conformant
 * behaviour comes from the mock, the hostility from `rewrite`. Loopback only.
 */
export interface Answer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

export type Rewrite = (req: { method: string; path: string }, answer: Answer) => Answer;

export interface Proxy {
  url: string;
  close(): Promise<void>;
}

function forward(upstream: URL, method: string, path: string, headers: IncomingHttpHeaders, body: Buffer): Promise<Answer> {
  return new Promise((resolve, reject) => {
    // The Host header goes through, so the mock's hrefs name the proxy.
    const req = request({ host: upstream.hostname, port: upstream.port, method, path, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const h: Record<string, string> = {};
        for (const [k, v] of Object.entries(res.headers)) if (typeof v === 'string' && k !== 'content-length' && k !== 'connection' && k !== 'keep-alive') h[k] = v;
        resolve({ status: res.statusCode ?? 502, headers: h, body: Buffer.concat(chunks).toString() });
      });
    });
    req.on('error', reject);
    req.end(body);
  });
}

export async function startProxy(upstream: string, rewrite: Rewrite): Promise<Proxy> {
  const up = new URL(upstream);
  const srv: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const method = req.method ?? 'GET';
      const path = req.url ?? '/';
      forward(up, method, path, req.headers, Buffer.concat(chunks))
        .then((a) => rewrite({ method, path }, a))
        .then((a) => res.writeHead(a.status, a.headers).end(a.body))
        .catch(() => res.writeHead(502).end());
    });
  });
  return listenLoopback(srv);
}
