/**
 * A generic JSON store with no TMF logic: POST keeps any JSON body under a new id, GET lists or reads,
 * PATCH merges, DELETE removes. No validation, no TMF Error bodies, no fields, filters or paging. The
 * generated suite must call it non-conformant, naming what fails.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { listenLoopback } from '../helpers/loopback.js';

export interface PlainStore {
  url: string;
  close(): Promise<void>;
}

function body(req: IncomingMessage): Promise<string> {
  return new Promise((done) => {
    let text = '';
    req.on('data', (c: Buffer) => (text += c.toString()));
    req.on('end', () => done(text));
  });
}

function send(res: ServerResponse, status: number, value?: unknown): void {
  res.writeHead(status, value === undefined ? {} : { 'content-type': 'application/json' });
  res.end(value === undefined ? undefined : JSON.stringify(value));
}

async function handle(items: Map<string, Record<string, unknown>>, basePath: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const path = new URL(req.url ?? '/', 'http://x').pathname;
  if (!path.startsWith(`${basePath}/`)) return send(res, 404, { message: 'not found' });
  const [collection, id] = path.slice(basePath.length + 1).split('/');
  const key = `${collection}/${id}`;
  const text = await body(req);
  let json: Record<string, unknown> = {};
  try {
    json = text ? (JSON.parse(text) as Record<string, unknown>) : {};
  } catch {
    json = {};
  }
  if (req.method === 'POST' && !id) {
    const created = { ...json, id: randomUUID() };
    items.set(`${collection}/${created.id}`, created);
    return send(res, 201, created);
  }
  if (req.method === 'GET' && !id) return send(res, 200, [...items].filter(([k]) => k.startsWith(`${collection}/`)).map(([, v]) => v));
  const found = items.get(key);
  if (!found) return send(res, 404, { message: 'not found' });
  if (req.method === 'GET') return send(res, 200, found);
  if (req.method === 'PATCH') {
    items.set(key, { ...found, ...json });
    return send(res, 200, items.get(key));
  }
  if (req.method === 'DELETE') {
    items.delete(key);
    return send(res, 204);
  }
  return send(res, 405, { message: 'method not allowed' });
}

export async function startPlainStore(basePath: string): Promise<PlainStore> {
  const items = new Map<string, Record<string, unknown>>();
  return listenLoopback(createServer((req, res) => void handle(items, basePath, req, res)));
}
