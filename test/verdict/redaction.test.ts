/**
 * One list of sensitive headers for every output (issue 12): a target's Set-Cookie (and the Authorization a
 * target sends with a notification) never reaches results.json, JUnit, HTML or the console in clear, in
 * native and Postman runs alike. The checks still see what was received.
 */
import assert from 'node:assert/strict';
import { readFile, readdir } from 'node:fs/promises';
import { createServer } from 'node:http';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { runCollection } from '../../src/collection/index.js';
import { runConformance } from '../../src/composition.js';
import { redactExchange } from '../../src/core/redact.js';
import { renderReports } from '../../src/reporters/index.js';
import { listenLoopback } from '../helpers/loopback.js';
import { tempDir } from './helpers.js';

const SECRET = 'session=s3cr3t-cookie-value';

/** Answers everything with a TMF 404 Error and a session cookie. */
async function startCookieServer(t: { after(fn: () => Promise<void>): void }): Promise<string> {
  const srv = createServer((_req, res) => {
    res.writeHead(404, { 'content-type': 'application/json', 'set-cookie': [`${SECRET}; Path=/`, 'other=also-secret'] })
      .end('{"code":"404","reason":"Not found"}');
  });
  const { url, close } = await listenLoopback(srv);
  t.after(close);
  return url;
}

async function everyOutput(dir: string): Promise<string> {
  const files = await readdir(dir);
  return (await Promise.all(files.map((f) => readFile(join(dir, f), 'utf8')))).join('\n');
}

test("a target's Set-Cookie is redacted in results.json, JUnit, HTML and the console (native run)", async (t) => {
  const target = await startCookieServer(t);
  const dir = await tempDir(t);
  const result = await runConformance({ target, apis: ['TMF671'], timeoutMs: 5000, config: { eventTimeoutMs: 50, quietMs: 20, flowTimeoutMs: 200 } });
  const responses = result.apis.flatMap((a) => a.cases).flatMap((c) => c.exchanges).filter((e) => e.response);
  assert.ok(responses.length > 0, 'exchanges were recorded');
  for (const e of responses) assert.equal(e.response!.headers['set-cookie'], '[redacted]', e.step);
  let printed = '';
  const stream = new Writable({ write(chunk: Buffer, _enc, done) { printed += chunk.toString(); done(); } });
  await renderReports(result, ['json', 'junit', 'html', 'console'], { outDir: dir, stream, color: false });
  const all = `${await everyOutput(dir)}\n${printed}\n${JSON.stringify(result)}`;
  assert.ok(!all.includes('s3cr3t') && !all.includes('also-secret'), 'no cookie value in any output');
});

test("a target's Set-Cookie is redacted in a Postman run's results too", async (t) => {
  const target = await startCookieServer(t);
  const fixtures = fileURLToPath(new URL('../collection/fixtures/', import.meta.url));
  const r = await runCollection({ collection: join(fixtures, 'widgets.postman_collection.json'), environment: join(fixtures, 'widgets.postman_environment.json'), target });
  const responses = r.apis.flatMap((a) => a.cases).flatMap((c) => c.exchanges).filter((e) => e.response);
  assert.ok(responses.length > 0, 'exchanges were recorded');
  assert.ok(!JSON.stringify(r).includes('s3cr3t'), 'no cookie value in the result');
  for (const e of responses) assert.match(e.response!.headers['set-cookie'] ?? '', /^\[redacted\]/, e.step);
});

test('redactExchange: both sides, every header of the list, the rest untouched', () => {
  const ex = redactExchange({
    step: 'notification', startedAt: '',
    request: { method: 'POST', url: 'http://l/listener', headers: { authorization: 'Bearer target-token', 'x-trace': 'a' } },
    response: { status: 201, headers: { 'Set-Cookie': 'k=v', 'content-type': 'application/json' }, durationMs: 1 },
  });
  assert.deepEqual(ex.request.headers, { authorization: '[redacted]', 'x-trace': 'a' });
  assert.deepEqual(ex.response!.headers, { 'Set-Cookie': '[redacted]', 'content-type': 'application/json' });
});
