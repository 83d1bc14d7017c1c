/**
 * Forwarding one request to the upstream, unchanged but for hop-by-hop headers, with the bodies teed
 * into bounded buffers for judging. The request body streams; the answer is held up to the validation
 * cap so the violation count can go into its headers, and streams through unjudged beyond it.
 */
import { Agent as HttpAgent, request as httpRequest, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';

/** Kept-alive upstream connections: a new TCP connection per request would cost more than judging. */
const AGENTS = { http: new HttpAgent({ keepAlive: true, maxSockets: 256 }), https: new HttpsAgent({ keepAlive: true, maxSockets: 256 }) };

/** RFC 9110 §7.6.1: these describe one connection, not the message; a proxy does not forward them. */
const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'proxy-authenticate', 'proxy-authorization', 'proxy-connection', 'te', 'trailer', 'transfer-encoding', 'upgrade']);

export function endToEndHeaders(headers: IncomingHttpHeaders): Record<string, string | string[]> {
  const listed = new Set(String(headers.connection ?? '').split(',').map((s) => s.trim().toLowerCase()).filter(Boolean));
  const out: Record<string, string | string[]> = {};
  for (const [k, v] of Object.entries(headers)) {
    if (v === undefined || HOP_BY_HOP.has(k) || listed.has(k)) continue;
    out[k] = v;
  }
  return out;
}

export const flat = (headers: Record<string, string | string[]>): Record<string, string> =>
  Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(', ') : v]));

/** Collects chunks up to `cap` bytes; beyond it, remembers only that it overflowed. */
export class Tee {
  readonly chunks: Buffer[] = [];
  size = 0;
  overflow = false;
  constructor(readonly cap: number) {}
  /** Keeps the chunk that crosses the cap too (a forwarded answer needs every byte), then nothing more. */
  push(chunk: Buffer): void {
    if (this.overflow) return;
    this.chunks.push(chunk);
    this.size += chunk.length;
    if (this.size > this.cap) this.overflow = true;
  }
  text(): string {
    return Buffer.concat(this.chunks).toString('utf8');
  }
}

export interface Upstream {
  url: URL;
  timeoutMs: number;
  /** `--header`s added to every forwarded request (credentials for the upstream). */
  headers: Record<string, string>;
}

/** Sends the client's request upstream, streaming its body; resolves with the upstream's answer (not yet read). */
export function sendUpstream(req: IncomingMessage, up: Upstream, requestTee: Tee): Promise<IncomingMessage> {
  const target = new URL(`${up.url.pathname.replace(/\/+$/, '')}${req.url ?? '/'}`, up.url.origin);
  const headers = { ...endToEndHeaders(req.headers), ...up.headers, host: up.url.host };
  const send = target.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const agent = target.protocol === 'https:' ? AGENTS.https : AGENTS.http;
    const out = send(target, { method: req.method, headers, timeout: up.timeoutMs, agent }, resolve);
    out.on('timeout', () => out.destroy(new Error(`no answer within ${up.timeoutMs} ms`)));
    out.on('error', reject);
    req.on('data', (chunk: Buffer) => requestTee.push(chunk));
    req.on('error', (e) => out.destroy(e));
    req.pipe(out);
  });
}

/** Reads the answer up to the cap. `rest` is set when it goes on beyond the cap (to be piped through). */
export function readAnswer(res: IncomingMessage, tee: Tee): Promise<{ complete: boolean }> {
  return new Promise((resolve, reject) => {
    const onData = (chunk: Buffer): void => {
      tee.push(chunk);
      if (tee.overflow) {
        res.off('data', onData);
        res.pause();
        resolve({ complete: false });
      }
    };
    res.on('data', onData);
    res.once('end', () => resolve({ complete: true }));
    res.once('error', reject);
  });
}

/** Writes the answer back as it came, plus only the violations header when asked. */
export function writeAnswer(client: ServerResponse, res: IncomingMessage, tee: Tee, complete: boolean, extra: Record<string, string>): void {
  const headers: Record<string, string | string[]> = { ...endToEndHeaders(res.headers), ...extra };
  // A chunked answer held whole goes back with its length. The upstream's own Content-Length stays as it came: a
  // HEAD answer declares the length of a body it does not carry, and a 204 or 304 must not gain one (RFC 9110 §8.6).
  if (complete && headers['content-length'] === undefined && tee.size > 0) headers['content-length'] = String(tee.size);
  client.writeHead(res.statusCode ?? 502, res.statusMessage, headers);
  // One write for a held answer: headers and body leave in as few packets as the kernel allows.
  if (complete) return void client.end(tee.chunks.length === 1 ? tee.chunks[0] : Buffer.concat(tee.chunks));
  for (const c of tee.chunks) client.write(c);
  res.pipe(client);
  res.resume();
}

/** Streams an answer back unread (traffic outside every known API). */
export function passThrough(client: ServerResponse, res: IncomingMessage): void {
  client.writeHead(res.statusCode ?? 502, res.statusMessage, endToEndHeaders(res.headers));
  res.once('error', () => client.destroy());
  res.pipe(client);
}
