import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createServer, request, type Agent, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { loadApi } from '../../src/document/load.js';
import { createPayload } from '../mock/helpers.js';
import { listenLoopback } from '../helpers/loopback.js';

/**
 * Shared by the reliability tests: timed HTTP calls over real loopback sockets, percentiles, the
 * memory of a child process, and resources whose last acknowledged write can be read back.
 */
export interface Reply {
  status: number;
  headers: Headers;
  text: string;
  json: unknown;
  ms: number;
}

/** One request with fetch (undici, keep-alive by default: 50 clients reuse their sockets). */
export async function http(url: string, method = 'GET', body?: unknown, contentType = 'application/json', timeoutMs = 10_000): Promise<Reply> {
  const t0 = performance.now();
  const payload = body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body);
  const res = await fetch(url, {
    method, body: payload,
    headers: payload === undefined ? {} : { 'content-type': contentType },
    signal: AbortSignal.timeout(timeoutMs),
  });
  const text = await res.text();
  let json: unknown;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  return { status: res.status, headers: res.headers, text, json, ms: performance.now() - t0 };
}

export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

/** Resident set size of a process in MiB, from /proc (Linux; undefined elsewhere). */
export function rssMiB(pid: number): number | undefined {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : undefined;
  } catch {
    return undefined;
  }
}

/** CPU seconds (user + system) a process has used, from /proc (Linux; undefined elsewhere). */
export function cpuSeconds(pid: number): number | undefined {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').replace(/^.*\) /s, '').split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100; // utime, stime in clock ticks (USER_HZ = 100 on Linux)
  } catch {
    return undefined;
  }
}

/** A resource a load client writes: how to create it, and a patch whose value can be read back. */
export interface Kind {
  api: string;
  path: string;
  create: Record<string, unknown>;
  patch(value: number): unknown;
  read(resource: Record<string, unknown>): unknown;
}

const byDescription = (apiId: string, resource: string): Kind => {
  const api = loadApi(apiId);
  const res = api.resources.find((r) => r.name === resource)!;
  return {
    api: apiId, path: `${api.basePath}${res.collectionPath}`, create: createPayload(api, res),
    patch: (value) => ({ description: `v${value}` }),
    read: (r) => r.description,
  };
};

/** Five resources of four APIs. TMF663 carts have no patchable description: the first item's quantity is the marker. */
export function loadKinds(): Kind[] {
  const carts = loadApi('TMF663');
  return [
    {
      api: 'TMF663', path: `${carts.basePath}/shoppingCart`, create: { cartItem: [{ id: '1', quantity: 1 }] },
      patch: (value) => ({ cartItem: [{ id: '1', quantity: value }] }),
      read: (r) => (r.cartItem as Array<{ quantity?: number }> | undefined)?.[0]?.quantity,
    },
    byDescription('TMF622', 'productOrder'),
    byDescription('TMF699', 'salesLead'),
    byDescription('TMF671', 'promotion'),
    byDescription('TMF666', 'partyAccount'),
  ];
}

/** The value `kind.read` yields after `kind.patch(value)` was applied. */
export function expected(kind: Kind, value: number): unknown {
  return kind.api === 'TMF663' ? value : `v${value}`;
}

/** An HTTP listener on 127.0.0.1 whose behaviour a test changes; counts every request it receives. */
export interface Listener {
  url: string;
  hits: number;
  /** 'ok' answers 201, 'fail' 503, 'stall' never answers. */
  mode: 'ok' | 'fail' | 'stall';
  close(): Promise<void>;
}

export async function listener(mode: Listener['mode'] = 'ok'): Promise<Listener> {
  const l = { hits: 0, mode } as Listener;
  const srv: Server = createServer((req, res) => {
    l.hits++;
    req.resume();
    req.on('end', () => {
      if (l.mode === 'ok') res.writeHead(201).end();
      else if (l.mode === 'fail') res.writeHead(503).end();
      // 'stall': keep the socket open without an answer; close() destroys it.
    });
  });
  Object.assign(l, await listenLoopback(srv));
  return l;
}

/** A loopback port nothing listens on (bound, then released). */
export async function closedPort(): Promise<number> {
  const srv = createServer();
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  const { port } = srv.address() as AddressInfo;
  await new Promise<void>((r) => srv.close(() => r()));
  return port;
}

/** A TMF Error body (code, reason, message, status, @type Error) with the answer's status. */
export function assertTmfError(r: { status: number; json: unknown; text: string }, what: string): void {
  assert.ok(r.status >= 400 && r.status < 500, `${what}: expected a 4xx, got ${r.status} ${r.text.slice(0, 200)}`);
  const body = r.json as Record<string, unknown> | undefined;
  assert.equal(body?.['@type'], 'Error', `${what}: ${r.text.slice(0, 200)}`);
  for (const k of ['code', 'reason', 'message']) assert.equal(typeof body?.[k], 'string', `${what}: ${k} in ${r.text.slice(0, 200)}`);
  assert.equal(body?.status, String(r.status), `${what}: status in body`);
}

export interface RawCase {
  name: string;
  method: string;
  /** Path and query, sent as they are (fetch would normalize `..` and refuse some methods). */
  path: string;
  body?: string | Buffer;
  contentType?: string;
}

/** One request with node:http: any method, unnormalized path, body bytes as they are. */
export function rawRequest(base: string, c: RawCase, agent?: Agent, timeoutMs = 10_000): Promise<{ status: number; text: string; json: unknown; headers: IncomingHttpHeaders }> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string | number> = {};
    if (c.body !== undefined) headers['content-length'] = Buffer.byteLength(c.body);
    if (c.contentType) headers['content-type'] = c.contentType;
    const req = request(`${base}${c.path}`, { method: c.method, agent, headers, timeout: timeoutMs }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (d: Buffer) => chunks.push(d));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString();
        let json: unknown;
        try {
          json = JSON.parse(text);
        } catch {
          json = undefined;
        }
        resolve({ status: res.statusCode ?? 0, text, json, headers: res.headers });
      });
    });
    req.on('timeout', () => req.destroy(new Error(`${c.name}: no answer within ${timeoutMs} ms`)));
    req.on('error', reject);
    req.end(c.body);
  });
}
