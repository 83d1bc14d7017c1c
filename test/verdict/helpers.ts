import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RunResult } from '../../src/core/results.js';
import { listenLoopback } from '../helpers/loopback.js';

/** A temporary directory removed after the test. */
export async function tempDir(t: { after(fn: () => Promise<void>): void }): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'tmf-ctk-verdict-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

/** Writes a config file into `dir` and returns its path. */
export async function writeConfig(dir: string, config: unknown, prefix = ''): Promise<string> {
  const file = join(dir, 'config.json');
  await writeFile(file, prefix + JSON.stringify(config));
  return file;
}

export async function readResults(dir: string): Promise<RunResult> {
  return JSON.parse(await readFile(join(dir, 'results.json'), 'utf8')) as RunResult;
}

/**
 * Not a TMF API at all, like `python3 -m http.server`: a directory listing page on GET /, a file or
 * an HTML 404 on other GETs, 501 on every other method.
 */
export async function startFileServer(t: { after(fn: () => Promise<void>): void }): Promise<string> {
  const srv = createServer((req, res) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(501, { 'content-type': 'text/html' }).end('<html><body>Unsupported method</body></html>');
    } else if (req.url === '/' || req.url === '/index.html') {
      res.writeHead(200, { 'content-type': 'text/html' }).end('<html><body><a href="notes.txt">notes.txt</a></body></html>');
    } else if (req.url === '/notes.txt') {
      res.writeHead(200, { 'content-type': 'text/plain' }).end('hello');
    } else {
      res.writeHead(404, { 'content-type': 'text/html' }).end('<html><body>File not found</body></html>');
    }
  });
  const { url, close } = await listenLoopback(srv);
  t.after(close);
  return url;
}
