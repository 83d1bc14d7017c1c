import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { CtkError } from '../errors.js';
import { requireDependency, resolveDependency } from '../dependency.js';
import { loadApi } from '../document/load.js';
import type { ApiEntry, ApiModel } from '../document/model.js';

/**
 * `--engine prism`: Stoplight Prism's stateless, example-based mock of one API. Prism ignores the
 * Swagger `basePath`, so it is given a copy of the document (in a temporary directory, never the
 * repository) whose paths carry the base path and which declares none: URLs are then the same as
 * the native mock's, with no proxy in between.
 */
export interface PrismOptions {
  api: ApiEntry | string;
  host?: string;
  /** 0 picks a free port. */
  port?: number;
  specsDir?: string;
  env?: NodeJS.ProcessEnv;
  startTimeoutMs?: number;
}

export interface PrismMock {
  url: string;
  api: ApiModel;
  /** Resolves if Prism exits by itself. */
  exited: Promise<void>;
  close(): Promise<void>;
}

/** The document with every path prefixed by the base path, and no base path / server path left. */
export function prismDocument(api: ApiModel): Record<string, unknown> {
  const doc = structuredClone(api.document);
  const paths = (doc.paths ?? {}) as Record<string, unknown>;
  doc.paths = Object.fromEntries(Object.entries(paths).map(([p, item]) => [`${api.basePath}${p}`, item]));
  delete doc.basePath;
  delete doc.host;
  if (api.format === 'openapi3') doc.servers = [{ url: '/' }];
  return doc;
}

function prismBin(): string {
  const pkgPath = resolveDependency('@stoplight/prism-cli/package.json', 'mock --engine prism');
  const bin = requireDependency<{ bin: Record<string, string> }>(pkgPath, 'mock --engine prism').bin.prism!;
  return join(dirname(pkgPath), bin);
}

export function freePort(host: string): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, host, () => {
      const { port } = srv.address() as AddressInfo;
      srv.close(() => resolvePort(port));
    });
  });
}

/** Waits for Prism's "listening" line; collects the tail of its output for error messages. */
function ready(child: ChildProcess, timeoutMs: number): Promise<void> {
  const tail: string[] = [];
  return new Promise((done, fail) => {
    const timer = setTimeout(() => fail(new CtkError('INTERNAL', `Prism did not start within ${timeoutMs} ms:\n${tail.join('')}`)), timeoutMs);
    const onData = (chunk: Buffer) => {
      const text = chunk.toString('utf8');
      tail.push(text);
      if (tail.length > 20) tail.shift();
      if (/Prism is listening on/.test(text)) {
        clearTimeout(timer);
        done();
      }
    };
    // Keep reading for Prism's whole life: an unread pipe would fill and stall it.
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      fail(new CtkError('INTERNAL', `Prism exited (code ${code}) before listening:\n${tail.join('')}`));
    });
  });
}

interface Launched { child: ChildProcess; exited: Promise<void>; stop(): Promise<void> }

function launch(bin: string, host: string, port: number, file: string): Launched {
  const child = spawn(process.execPath, [bin, 'mock', '-h', host, '-p', String(port), file], { stdio: ['ignore', 'pipe', 'pipe'] });
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    const killer = setTimeout(() => child.kill('SIGKILL'), 3000);
    await exited;
    clearTimeout(killer);
  };
  return { child, exited, stop };
}

export async function startPrismMock(o: PrismOptions): Promise<PrismMock> {
  const bin = prismBin(); // before anything is created: a missing Prism leaves nothing behind
  const api = loadApi(o.api, { specsDir: o.specsDir, env: o.env });
  const host = o.host ?? '127.0.0.1';
  const dir = await mkdtemp(join(tmpdir(), 'tmf-ctk-prism-'));
  const file = join(dir, `${api.id}-${api.version}.json`);
  await writeFile(file, JSON.stringify(prismDocument(api)));
  // A free port is found before Prism binds it: another process may take it in between. With port 0, try again.
  for (let attempt = 1; ; attempt++) {
    const port = o.port ? o.port : await freePort(host);
    const p = launch(bin, host, port, file);
    const cleanup = async () => {
      await p.stop();
      await rm(dir, { recursive: true, force: true });
    };
    try {
      await ready(p.child, o.startTimeoutMs ?? 60_000);
    } catch (e) {
      await p.stop();
      if (!o.port && attempt < 3 && /EADDRINUSE/.test((e as Error).message)) continue;
      await rm(dir, { recursive: true, force: true });
      throw e;
    }
    const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
    let closing: Promise<void> | undefined;
    return { url, api, exited: p.exited, close: () => (closing ??= cleanup()) };
  }
}
