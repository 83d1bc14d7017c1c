/**
 * `tmf-ctk run --collection FILE --environment FILE`: an external collection through newman into the same
 * reporters and exit codes as a native run.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { RunResult } from '../../src/core/results.ts';
import { runCli } from '../helpers/cli.ts';
import { tempDir } from '../reporters/helpers.ts';
import { startFixtureServer, type FixtureServer } from './fixture-server.ts';

const fixtures = fileURLToPath(new URL('./fixtures/', import.meta.url));
let server: FixtureServer;
before(async () => { server = await startFixtureServer(); });
after(() => server.close());

test('run --collection writes the reports of a newman run and exits 1 on its failed case', async (t) => {
  const out = await tempDir(t);
  const r = await runCli(['run', '--collection', join(fixtures, 'widgets.postman_collection.json'),
    '--environment', join(fixtures, 'widgets.postman_environment.json'), '--target', server.url,
    '--out', out, '--reporter', 'json,junit', '--company', 'ACME']);
  assert.equal(r.code, 1, r.out + r.err);
  // "ping" has a request but no test: a folder that ran no check never passes.
  assert.match(r.out, /^1 passed, 1 failed, 2 skipped$/m);
  const result = JSON.parse(readFileSync(join(out, 'results.json'), 'utf8')) as RunResult;
  assert.equal(result.company, 'ACME');
  assert.deepEqual(result.apis[0]!.cases.map((c) => c.status), ['pass', 'fail', 'skip', 'skip']);
  assert.match(readFileSync(join(out, 'junit.xml'), 'utf8'), /<testcase [^>]*name="TC_Widget_E1/);
});

test('run --collection refuses native-only options; --environment needs --collection', async (t) => {
  const withApi = await runCli(['run', '--collection', 'x.json', '--api', 'TMF663', '--target', server.url]);
  assert.equal(withApi.code, 2);
  assert.match(withApi.err, /--api, --all, --spec, --config and --strict do not apply/);
  const envOnly = await runCli(['run', '--environment', 'e.json', '--target', server.url, '--all']);
  assert.equal(envOnly.code, 2);
  const missing = await runCli(['run', '--collection', join(fixtures, 'nope.json'), '--out', await tempDir(t)]);
  assert.equal(missing.code, 2);
  assert.match(missing.err, /INPUT_READ/);
});
