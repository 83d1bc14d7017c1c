/**
 * runCollection on an external collection (a tiny fixture kit, not a TM Forum file): folders become cases,
 * pm.test assertions become checks, a failing assertion fails its case with the assertion's message, and the
 * result renders with the json and junit reporters. A target that is down or hangs yields failed cases.
 */
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { runCollection } from '../../src/collection/index.ts';
import { exportApi } from '../../src/composition.ts';
import { renderReports } from '../../src/reporters/index.ts';
import type { RunEvent } from '../../src/core/results.ts';
import { tempDir } from '../reporters/helpers.ts';
import { startFixtureServer, type FixtureServer } from './fixture-server.ts';

const fixtures = fileURLToPath(new URL('./fixtures/', import.meta.url));
const collection = join(fixtures, 'widgets.postman_collection.json');
const environment = join(fixtures, 'widgets.postman_environment.json');
let server: FixtureServer;

before(async () => { server = await startFixtureServer(); });
after(() => server.close());

test('folders are cases, assertions are checks, and the counts are right', async () => {
  const events: RunEvent['type'][] = [];
  const r = await runCollection({ collection, environment, target: server.url, onEvent: (e) => events.push(e.type) });
  const api = r.apis[0]!;
  assert.equal(api.id, 'Widget kit v1.2.0');
  assert.equal(api.version, '1.2.0');
  assert.equal(api.baseUrl, server.url);
  assert.deepEqual(api.cases.map((c) => [c.id, c.status]), [
    // "ping" sends a request but tests nothing: a case that ran no check never passes.
    ['TC_Widget_N1', 'pass'], ['TC_Widget_E1', 'fail'], ['ping', 'skip'], ['TC_Widget_N9', 'skip'],
  ]);
  assert.deepEqual(r.summary.cases, { passed: 1, failed: 1, skipped: 2, notRun: 0, notApplicable: 0, excluded: 0 });
  assert.deepEqual(r.summary.checks, { passed: 5, failed: 1, skipped: 0, notRun: 0, notApplicable: 0, excluded: 0 });
  assert.equal(r.summary.requests, 4);
  assert.equal(r.summary.verdict, 'not conformant');
  const n1 = api.cases[0]!;
  assert.deepEqual(n1.checks.map((c) => [c.check, c.status, c.exchange]), [
    ['Status code is 201', 'pass', 0], ['Body has an id', 'pass', 0], ['Status code is 200', 'pass', 1], ['Name is echoed', 'pass', 1],
  ]);
  assert.equal(n1.exchanges[0]!.request.body, '{"name": "blue widget"}', 'the environment file set widgetName');
  assert.equal(n1.exchanges[1]!.response!.status, 200);
  assert.match(n1.exchanges[1]!.response!.body!, /blue widget/);
  assert.equal(events[0], 'runStart');
  assert.equal(events.at(-1), 'runEnd');
  assert.equal(events.filter((t) => t === 'caseEnd').length, 4);
});

test('a failing assertion fails its case with the assertion message as reason', async () => {
  const r = await runCollection({ collection, environment, target: server.url, api: { id: 'WIDGET', title: 'Widgets' } });
  const e1 = r.apis[0]!.cases.find((c) => c.id === 'TC_Widget_E1')!;
  const failed = e1.checks.find((c) => c.status === 'fail')!;
  assert.equal(failed.check, 'Error has a message');
  assert.equal(failed.reason, 'the TMF Error message: expected undefined to be a string');
  assert.equal(e1.reason, 'retrieve unknown id: Error has a message: the TMF Error message: expected undefined to be a string');
  assert.equal(r.apis[0]!.id, 'WIDGET');
  assert.equal(e1.api, 'WIDGET');
});

test('the result renders with the json and junit reporters', async (t) => {
  const dir = await tempDir(t);
  const r = await runCollection({ collection, environment, target: server.url, company: 'ACME' });
  const outcome = await renderReports(r, ['json', 'junit'], { outDir: dir });
  assert.deepEqual(outcome.errors, []);
  const saved = JSON.parse(await readFile(join(dir, 'results.json'), 'utf8'));
  assert.deepEqual(saved.summary.cases, { passed: 1, failed: 1, skipped: 2, notRun: 0, notApplicable: 0, excluded: 0 });
  const junit = await readFile(join(dir, 'junit.xml'), 'utf8');
  assert.match(junit, /<testcase [^>]*name="TC_Widget_E1 unknown widget"/);
  assert.match(junit, /<failure message="retrieve unknown id: Error has a message: the TMF Error message: expected undefined to be a string" type="Error has a message">/);
  // A mandatory case that ran no check keeps the API from conformant: a JUnit failure, not a skip.
  assert.match(junit, /<failure message="no check ran: newman sent no request of this folder" type="no-check-ran"/);
});

test('--header values reach the target and are recorded redacted', async () => {
  const r = await runCollection({ collection, environment, target: server.url, headers: { Authorization: 'Bearer s3cret', 'X-Tenant': 'acme' } });
  const sent = server.seen.at(-1)!;
  assert.equal(sent.headers.authorization, 'Bearer s3cret');
  assert.equal(sent.headers['x-tenant'], 'acme');
  const recorded = r.apis[0]!.cases[0]!.exchanges[0]!.request.headers;
  assert.equal(recorded.authorization, '[redacted]');
  assert.equal(recorded['x-tenant'], '[redacted]');
  assert.doesNotMatch(JSON.stringify(r), /s3cret/);
});

test('an exported collection sends ctk.headers from an environment and records them redacted', async () => {
  const collection = await exportApi('TMF663', { cases: ['TC_ShoppingCart_N1'] });
  const environment = { values: [{ key: 'ctk.headers', value: 'Authorization: Bearer t0ken\nX-Tenant: acme', enabled: true }] };
  const r = await runCollection({ collection, environment, target: server.url });
  const sent = server.seen.find((s) => s.url === '/tmf-api/shoppingCart/v4/shoppingCart')!;
  assert.equal(sent.headers.authorization, 'Bearer t0ken');
  assert.equal(sent.headers['x-tenant'], 'acme');
  const c = r.apis[0]!.cases[0]!;
  assert.equal(c.status, 'fail', 'the widget server is no shopping cart API');
  assert.equal(c.exchanges[0]!.request.headers['x-tenant'], '[redacted]');
  assert.doesNotMatch(JSON.stringify(r), /t0ken/);
});

test('a target that is down yields not-run cases and TARGET_UNREACHABLE, not a crash', async () => {
  const r = await runCollection({ collection, environment, target: 'http://127.0.0.1:1', timeoutMs: 2000 });
  const api = r.apis[0]!;
  assert.deepEqual(api.cases.map((c) => c.status), ['not-run', 'not-run', 'not-run', 'skip']);
  assert.match(api.cases[0]!.reason!, /^not run: the target is unreachable \(create: connection refused \(ECONNREFUSED\) by 127\.0\.0\.1:1\)$/);
  assert.equal(api.cases[0]!.checks[0]!.check, 'response-received');
  assert.equal(r.error?.code, 'TARGET_UNREACHABLE');
  assert.equal(r.summary.verdict, 'error');
  assert.equal(api.summary.verdict, 'error', 'the API says ERROR like the run');
});

test('an exported collection against a target that is down: every case is not run, none failed', async () => {
  const r = await runCollection({ collection: await exportApi('TMF699'), target: 'http://127.0.0.1:1' });
  const cases = r.apis[0]!.cases;
  assert.ok(cases.every((c) => c.status === 'not-run'), 'never reached: not run, not FAIL');
  assert.match(cases[0]!.reason!, /^not run: the target is unreachable \(create: connection refused \(ECONNREFUSED\) by 127\.0\.0\.1:1\)$/);
  for (const c of cases.slice(1)) assert.equal(c.reason, 'not run: the target is unreachable (connection refused (ECONNREFUSED) by 127.0.0.1:1)');
  assert.equal(r.summary.requests, 1, 'nothing sent after the first refusal');
  assert.equal(r.error?.code, 'TARGET_UNREACHABLE');
});

test('a request that hangs fails after the timeout', async () => {
  const hang = {
    info: { name: 'hang', schema: 'https://schema.getpostman.com/json/collection/v2.1.0/collection.json' },
    item: [{ name: 'TC_Hang_N1 slow', item: [{ name: 'hang', request: { method: 'GET', url: '{{baseUrl}}/hang' } }] }],
  };
  const t0 = performance.now();
  const r = await runCollection({ collection: hang, target: server.url, timeoutMs: 300 });
  assert.ok(performance.now() - t0 < 5000);
  const c = r.apis[0]!.cases[0]!;
  assert.equal(c.status, 'fail');
  assert.equal(c.reason, 'hang: timeout after 300 ms (no response)');
});

test('files that are not collections are usage errors', async () => {
  await assert.rejects(runCollection({ collection: join(fixtures, 'missing.json') }), { code: 'INPUT_READ' });
  await assert.rejects(runCollection({ collection: environment }), { code: 'USAGE', message: /is not a Postman collection/ });
});
