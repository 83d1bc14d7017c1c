/**
 * The runner's HTTP client. Everything from the target is untrusted: bodies are read up to a cap, the whole
 * exchange (redirects included) has one deadline, redirects are followed only a few hops and only on the
 * target's own origin, and nothing throws: a transport failure becomes `error` with a reason a person can act
 * on (refused, reset mid-body, timeout, DNS, a body shorter than its Content-Length…).
 * node:http rather than fetch: one fresh connection per request (a target that sends bytes past its
 * Content-Length cannot poison the next exchange), and the socket's own errors, not fetch's "terminated".
 */
import http from 'node:http';
import https from 'node:https';
import type { RecordedResponse } from '../core/results.js';

export interface HttpRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  body?: string;
}

export interface ClientOptions {
  timeoutMs: number;
  /** Bytes of a response body kept; beyond, reading stops and the response is marked `truncated`. */
  maxBodyBytes: number;
  maxRedirects: number;
}

export type TransportKind = 'unreachable' | 'timeout' | 'reset' | 'protocol' | 'redirect';

export interface HttpOutcome {
  response?: RecordedResponse;
  error?: string;
  /** Why it failed, for the runner: an unreachable target stops the API's run. */
  kind?: TransportKind;
  redirects: string[];
}

export const DEFAULTS: ClientOptions = { timeoutMs: 10_000, maxBodyBytes: 1024 * 1024, maxRedirects: 3 };

type Hop = { status: number; headers: Record<string, string>; body: string; truncated: boolean } | { error: string; kind: TransportKind };

function flatHeaders(raw: http.IncomingHttpHeaders): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(raw)) if (v !== undefined) out[k] = Array.isArray(v) ? v.join(', ') : v;
  return out;
}

/** A transport error in words, with its code. */
export function describeError(e: NodeJS.ErrnoException, url: URL, phase: 'connect' | 'body', bytes: number): { error: string; kind: TransportKind } {
  const where = `${url.hostname}:${url.port || (url.protocol === 'https:' ? 443 : 80)}`;
  const code = e.code ?? '';
  if (code === 'ECONNREFUSED') return { error: `connection refused (ECONNREFUSED) by ${where}`, kind: 'unreachable' };
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return { error: `DNS lookup failed for ${url.hostname} (${code})`, kind: 'unreachable' };
  if (code === 'EHOSTUNREACH' || code === 'ENETUNREACH') return { error: `${where} cannot be reached (${code})`, kind: 'unreachable' };
  if (code.startsWith('HPE_')) return { error: `invalid HTTP response from ${where}: ${e.message} (${code})`, kind: 'protocol' };
  if (phase === 'body') return { error: `connection reset mid-body after ${bytes} bytes (${code || e.message})`, kind: 'reset' };
  if (code === 'ECONNRESET' || e.message === 'socket hang up') return { error: `connection closed by ${where} before any response (${code || e.message})`, kind: 'reset' };
  return { error: `request to ${where} failed: ${e.message}${code ? ` (${code})` : ''}`, kind: 'protocol' };
}

function readBody(res: http.IncomingMessage, url: URL, max: number, finish: (h: Hop) => void): void {
  const chunks: Buffer[] = [];
  let size = 0;
  const status = res.statusCode ?? 0;
  const headers = flatHeaders(res.headers);
  const declared = res.headers['content-length'] === undefined ? undefined : Number(res.headers['content-length']);
  const text = () => Buffer.concat(chunks).toString('utf8');
  res.on('data', (c: Buffer) => {
    const room = max - size;
    if (c.length > room) {
      chunks.push(c.subarray(0, room));
      size += room;
      finish({ status, headers, body: text(), truncated: true });
      res.destroy();
      return;
    }
    chunks.push(c);
    size += c.length;
  });
  res.on('end', () => {
    if (declared !== undefined && Number.isFinite(declared) && size < declared) {
      finish({ error: `response ended after ${size} of the ${declared} bytes its Content-Length announced`, kind: 'protocol' });
    } else finish({ status, headers, body: text(), truncated: false });
  });
  res.on('error', (e: NodeJS.ErrnoException) => finish(declared !== undefined && size < declared
    ? { error: `connection closed mid-body after ${size} of the ${declared} bytes its Content-Length announced (${e.code ?? e.message})`, kind: 'reset' }
    : describeError(e, url, 'body', size)));
  res.on('close', () => {
    if (!res.complete) finish(declared !== undefined && size < declared
      ? { error: `connection reset mid-body after ${size} of ${declared} bytes`, kind: 'reset' }
      : { error: `connection reset mid-body after ${size} bytes`, kind: 'reset' });
  });
}

function hop(url: URL, req: HttpRequest, body: string | undefined, remainingMs: number, opts: ClientOptions): Promise<Hop> {
  return new Promise((resolve) => {
    let done = false;
    let phase: 'connect' | 'body' = 'connect';
    const finish = (h: Hop) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      resolve(h);
    };
    const headers = { ...req.headers, ...(body !== undefined ? { 'content-length': String(Buffer.byteLength(body)) } : {}) };
    const mod = url.protocol === 'https:' ? https : http;
    const r = mod.request(url, { method: req.method, headers, agent: false });
    const timer = setTimeout(() => {
      finish({ error: `timeout after ${opts.timeoutMs} ms${phase === 'body' ? ' (while reading the body)' : ' (no response)'}`, kind: 'timeout' });
      r.destroy();
    }, Math.max(1, remainingMs));
    r.on('error', (e: NodeJS.ErrnoException) => finish(describeError(e, url, phase, 0)));
    r.on('response', (res) => {
      phase = 'body';
      readBody(res, url, opts.maxBodyBytes, finish);
    });
    r.end(body);
  });
}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);

/** Sends a request; follows same-origin redirects; never throws. */
export async function send(req: HttpRequest, options: Partial<ClientOptions> = {}): Promise<HttpOutcome> {
  const opts = { ...DEFAULTS, ...options };
  const started = performance.now();
  const origin = new URL(req.url).origin;
  const redirects: string[] = [];
  let url = new URL(req.url);
  let method = req.method;
  let body = req.body;
  for (;;) {
    const h = await hop(url, { ...req, method }, body, opts.timeoutMs - (performance.now() - started), opts);
    const durationMs = Math.round(performance.now() - started);
    if ('error' in h) return { error: h.error, kind: h.kind, redirects };
    const location = h.headers.location;
    if (!REDIRECTS.has(h.status) || !location) {
      return { response: { status: h.status, headers: h.headers, body: h.body, ...(h.truncated ? { truncated: true } : {}), durationMs }, redirects };
    }
    let next: URL;
    try {
      next = new URL(location, url);
    } catch {
      return { error: `redirect ${h.status} to an invalid Location "${location.slice(0, 100)}"`, kind: 'redirect', redirects };
    }
    if (next.origin !== origin) return { error: `redirect ${h.status} to another host refused: ${next.href.slice(0, 200)}`, kind: 'redirect', redirects };
    if (redirects.length >= opts.maxRedirects) return { error: `redirect loop: more than ${opts.maxRedirects} redirects (last to ${next.href.slice(0, 200)})`, kind: 'redirect', redirects };
    redirects.push(next.href);
    if (h.status === 303 || ((h.status === 301 || h.status === 302) && method !== 'GET')) {
      method = 'GET';
      body = undefined;
    }
    url = next;
  }
}
