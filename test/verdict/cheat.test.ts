/**
 * Acceptance: a verdict that cannot be bent. The party tested writes the config; nothing in it may turn a
 * server that is not a TMF API into CONFORMANT, or exit 0.
 */
import assert from 'node:assert/strict';
import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { runCli } from '../helpers/cli.js';
import { readResults, startFileServer, tempDir, writeConfig } from './helpers.js';

const CORE_CHECKS = ['status-code-conformance', 'no-server-error', 'content-type-json', 'json-body', 'response-schema', 'error-shape'];
const ALL_BUT_ERRORS = ['create', 'retrieve', 'list', 'fields', 'filter', 'patch', 'delete', 'paging', 'notifications', 'schema', 'flows'];
const CHEAT = { disableChecks: CORE_CHECKS, skipFeatures: ALL_BUT_ERRORS, eventTimeoutMs: 200, quietMs: 50 };

test('the cheat config against a server that is no TMF API is not CONFORMANT and does not exit 0, in any report', async (t) => {
  const target = await startFileServer(t);
  const dir = await tempDir(t);
  const config = await writeConfig(dir, CHEAT);
  const out = join(dir, 'reports');
  const run = await runCli(['run', '--target', target, '--api', 'TMF663', '--config', config, '--out', out, '--reporter', 'console,json,junit,html']);
  assert.notEqual(run.code, 0, run.out + run.err);
  assert.notEqual(run.code, 3, 'not even "with exclusions": no mandatory case passed');
  assert.doesNotMatch(run.out, /: CONFORMANT/);
  assert.match(run.out, /TMF663 .*: NOT CONFORMANT \(0 of \d+ applicable mandatory cases passed; \d+ excluded by the config/);

  const results = await readResults(out);
  assert.equal(results.summary.verdict, 'not conformant');
  assert.equal(results.apis[0]!.summary.verdict, 'not conformant');
  assert.equal(results.apis[0]!.summary.mandatory.passed, 0);
  assert.ok(results.apis[0]!.cases.every((c) => c.status !== 'pass'), 'no case passes with its checks disabled');

  const junit = await readFile(join(out, 'junit.xml'), 'utf8');
  assert.match(junit, /<property name="verdict" value="not conformant"\/>/);
  const html = await readFile(join(out, 'index.html'), 'utf8');
  assert.match(html, /data-verdict="not-conformant"/);
  const page = (await readdir(out)).find((f) => f.endsWith('-HTMLReport.html'))!;
  const report = await readFile(join(out, page), 'utf8');
  assert.match(report, /data-verdict="not-conformant"/);
  assert.match(report, /Excluded by the configuration/);
  assert.match(report, /status-code-conformance/);
});

test('a case whose every check is disabled is excluded, never passed', async (t) => {
  const target = await startFileServer(t);
  const dir = await tempDir(t);
  const config = await writeConfig(dir, { ...CHEAT, disableChecks: [...CORE_CHECKS.map((check) => ({ check, reason: 'we do not do that' }))] });
  const out = join(dir, 'reports');
  const run = await runCli(['run', '--target', target, '--api', 'TMF663', '--config', config, '--out', out, '--reporter', 'json']);
  assert.equal(run.code, 1, run.err);
  const e1 = (await readResults(out)).apis[0]!.cases.find((c) => c.id.endsWith('_E1'))!;
  assert.equal(e1.status, 'excluded');
  assert.equal(e1.exclusion?.by, 'disableChecks');
  assert.equal(e1.exclusion?.reason, 'we do not do that');
});
