/** A run that could not complete: the same ERROR everywhere, cases "not run", and a stderr message whatever the reporters. */
import assert from 'node:assert/strict';
import { readFile, readdir } from 'node:fs/promises';
import { createServer } from 'node:http';
import { join } from 'node:path';
import { test } from 'node:test';
import { listenLoopback } from '../helpers/loopback.js';
import { runCli } from '../helpers/cli.js';
import { readResults, tempDir } from './helpers.js';

async function deadPort(): Promise<string> {
  const { url, close } = await listenLoopback(createServer());
  await close();
  return url;
}

for (const reporter of ['console', 'json', 'junit', 'html']) {
  test(`unreachable target with --reporter ${reporter}: exit 2 and error [TARGET_UNREACHABLE] on stderr, once`, async (t) => {
    const dir = await tempDir(t);
    const run = await runCli(['run', '--target', await deadPort(), '--api', 'TMF663', '--out', dir, '--reporter', reporter]);
    assert.equal(run.code, 2);
    assert.equal(run.err.match(/^error \[TARGET_UNREACHABLE\]: /gm)?.length, 1, run.err);
    assert.match(run.err, /^hint: /m);
    assert.doesNotMatch(run.out, /error \[/);
  });
}

test('unreachable: ERROR in results.json, the JUnit suite, the index and every API report; cases not run', async (t) => {
  const dir = await tempDir(t);
  const run = await runCli(['run', '--target', await deadPort(), '--api', 'TMF663,TMF622', '--out', dir, '--reporter', 'console,json,junit,html']);
  assert.equal(run.code, 2);
  const results = await readResults(dir);
  assert.equal(results.summary.verdict, 'error');
  for (const api of results.apis) {
    assert.equal(api.summary.verdict, 'error', api.id);
    assert.equal(api.error?.code, 'TARGET_UNREACHABLE');
    assert.ok(api.cases.filter((c) => c.status === 'not-run').length >= api.cases.length - 3, api.id);
    assert.match(run.out, new RegExp(`${api.id} .*: ERROR \\(`));
  }
  assert.match(run.out, /NOT RUN TC_/);
  const junit = await readFile(join(dir, 'junit.xml'), 'utf8');
  assert.equal(junit.match(/<property name="verdict" value="error"\/>/g)?.length, 2);
  assert.match(junit, /<error message="not run: /);
  const pages = (await readdir(dir)).filter((f) => f.endsWith('.html'));
  assert.equal(pages.length, 3);
  for (const p of pages) assert.match(await readFile(join(dir, p), 'utf8'), /data-testid="verdict" data-verdict="error"/, p);
});

test('breaker open mid-run: RUN_INCOMPLETE, the API says ERROR and the rest is not run (not FAIL)', async (t) => {
  let answered = 0;
  const srv = createServer((req, res) => {
    // The first two requests are answered (the target is reached), then every connection is cut.
    if (answered++ < 2) return void res.writeHead(400, { 'content-type': 'application/json' }).end('{"code":"400","reason":"no"}');
    req.socket.destroy();
  });
  const { url, close } = await listenLoopback(srv);
  t.after(close);
  const dir = await tempDir(t);
  const run = await runCli(['run', '--target', url, '--api', 'TMF663', '--out', dir, '--reporter', 'json']);
  assert.equal(run.code, 2, run.out + run.err);
  assert.match(run.err, /^error \[RUN_INCOMPLETE\]: TMF663: 3 requests in a row failed below HTTP/m);
  const results = await readResults(dir);
  assert.equal(results.summary.verdict, 'error');
  assert.equal(results.apis[0]!.summary.verdict, 'error');
  const notRun = results.apis[0]!.cases.filter((c) => c.status === 'not-run');
  assert.ok(notRun.length > 0);
  for (const c of notRun) assert.match(c.reason ?? '', /^not run: /);
  assert.ok(results.apis[0]!.cases.every((c) => c.status !== 'fail' || !/^not run/.test(c.reason ?? '')));
});

test('report --from an older saved run whose never-sent cases were FAIL "not run: …" says ERROR on every page', async (t) => {
  const dir = await tempDir(t);
  const { sampleRun } = await import('../fixtures/reporters/sample-run.js');
  const old = sampleRun();
  const api = old.apis[0]!;
  api.cases = api.cases.map((c, i) => (i === 0 ? c : { ...c, status: 'fail' as const, reason: 'not run: the target is unreachable (ECONNREFUSED)', checks: [], exchanges: [] }));
  old.error = { code: 'TARGET_UNREACHABLE', message: 'cannot be reached' };
  const { writeFile } = await import('node:fs/promises');
  // Written by an older tmf-ctk: schemaVersion 1, whose states were pass, fail and skip only.
  await writeFile(join(dir, 'results.json'), JSON.stringify({ ...old, schemaVersion: 1 }));
  const r = await runCli(['report', '--from', dir, '--reporter', 'html,json', '--out', join(dir, 'again')]);
  assert.equal(r.code, 0, r.err);
  const again = await readResults(join(dir, 'again'));
  assert.equal(again.schemaVersion, 2);
  assert.equal(again.summary.verdict, 'error');
  assert.equal(again.apis[0]!.summary.verdict, 'error');
  const page = (await readdir(join(dir, 'again'))).find((f) => f.includes(`-${api.id}-`))!;
  assert.match(await readFile(join(dir, 'again', page), 'utf8'), /data-testid="verdict" data-verdict="error"/);
});
