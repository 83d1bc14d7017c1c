/**
 * The notification listener the runner hosts while a run lasts: the target's hub posts events to it.
 * Any POST path is accepted (documents post to `{callback}/listener/<event>`, many servers to the callback
 * itself); bodies are capped; events are matched by eventType (or the path naming it) and resource id.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedEvent {
  path: string;
  headers: Record<string, string>;
  body: string;
  /** Parsed body, when JSON. */
  json?: unknown;
  receivedAt: number;
}

export interface EventMatch {
  eventType: string;
  resourceId: unknown;
  envelopeKey: string;
  payloadKey: string;
}

export interface ListenerOptions {
  host?: string;
  port?: number;
  /** URL the target must call, when it differs from the bound address (a remote target, NAT). */
  publicUrl?: string;
  maxBodyBytes?: number;
}

const MAX_EVENTS = 10_000;

function resourceIdOf(json: unknown, m: EventMatch): unknown {
  if (!json || typeof json !== 'object') return undefined;
  const envelope = (json as Record<string, unknown>)[m.envelopeKey];
  const res = envelope && typeof envelope === 'object' ? (envelope as Record<string, unknown>)[m.payloadKey] : undefined;
  return res && typeof res === 'object' ? (res as Record<string, unknown>).id : undefined;
}

/** Same event type: the body says so, or (no eventType in the body) the path names it. */
function sameType(e: ReceivedEvent, eventType: string): boolean {
  const declared = e.json && typeof e.json === 'object' ? (e.json as Record<string, unknown>).eventType : undefined;
  if (typeof declared === 'string') return declared === eventType;
  return e.path.toLowerCase().endsWith(`/${eventType.toLowerCase()}`);
}

export class Listener {
  readonly events: ReceivedEvent[] = [];
  private readonly waiters = new Set<() => void>();
  private constructor(private readonly server: http.Server, readonly url: string) {}

  static async start(options: ListenerOptions = {}): Promise<Listener> {
    const max = options.maxBodyBytes ?? 1024 * 1024;
    let self: Listener | undefined;
    const server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      let size = 0;
      req.on('data', (c: Buffer) => {
        size += c.length;
        if (size <= max) chunks.push(c);
      });
      req.on('end', () => {
        res.writeHead(size > max ? 413 : 201, { 'content-type': 'application/json' }).end('{}');
        if (req.method === 'POST' && size <= max) self?.record(req, Buffer.concat(chunks).toString('utf8'));
      });
      req.on('error', () => res.destroy());
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
    });
    const addr = server.address() as AddressInfo;
    const host = addr.family === 'IPv6' ? `[${addr.address}]` : addr.address;
    self = new Listener(server, (options.publicUrl ?? `http://${host}:${addr.port}`).replace(/\/+$/, ''));
    return self;
  }

  private record(req: http.IncomingMessage, body: string): void {
    let json: unknown;
    try {
      json = JSON.parse(body);
    } catch {
      json = undefined;
    }
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(req.headers)) if (typeof v === 'string') headers[k] = v;
    if (this.events.length >= MAX_EVENTS) this.events.shift();
    this.events.push({ path: req.url ?? '/', headers, body, json, receivedAt: Date.now() });
    for (const w of this.waiters) w();
  }

  find(m: EventMatch, since = 0): ReceivedEvent | undefined {
    return this.events.find((e) => e.receivedAt >= since && sameType(e, m.eventType) && resourceIdOf(e.json, m) === m.resourceId);
  }

  /** The first matching event received since `since`, waiting up to `timeoutMs`; undefined when none came. */
  async waitFor(m: EventMatch, timeoutMs: number, since = 0): Promise<ReceivedEvent | undefined> {
    const hit = this.find(m, since);
    if (hit) return hit;
    return new Promise((resolve) => {
      const check = () => {
        const e = this.find(m, since);
        if (e) done(e);
      };
      const done = (e: ReceivedEvent | undefined) => {
        clearTimeout(timer);
        this.waiters.delete(check);
        resolve(e);
      };
      const timer = setTimeout(() => done(undefined), timeoutMs);
      this.waiters.add(check);
    });
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
