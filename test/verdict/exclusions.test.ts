import assert from 'node:assert/strict';
import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { createMockServer } from '../../src/composition.js';
import type { MockServer } from '../../src/mock/server.js';
import { runCli } from '../helpers/cli.js';
import { readResults, tempDir, writeConfig } from './helpers.js';

const quick = { eventTimeoutMs: 300, quietMs: 50 };

describe('an excluded mandatory case against a conformant server', () => {
  let mock: MockServer;
  let url: string;
  before(async () => {
    mock = await createMockServer({ apis: ['TMF663'], clockMs: 50, log: () => undefined });
    url = await mock.listen();
  });
  after(() => mock.close());

  it('is CONFORMANT WITH EXCLUSIONS everywhere, exit 3, the case and the reason in the header', async (t) => {
    const dir = await tempDir(t);
    const config = await writeConfig(dir, { ...quick, apis: { TMF663: { skipCases: [{ case: 'TC_ShoppingCart_PATCH1', reason: 'PATCH is not exposed in release 2' }] } } });
    const out = join(dir, 'out');
    const run = await runCli(['run', '--target', url, '--api', 'TMF663', '--config', config, '--out', out, '--reporter', 'console,json,junit,html']);
    assert.equal(run.code, 3, run.out + run.err);
    assert.match(run.out, /TMF663 .*: CONFORMANT WITH EXCLUSIONS \(7 of 8 applicable mandatory cases passed; 1 excluded by the config/);
    assert.match(run.out, /excluded: TC_ShoppingCart_PATCH1 by skipCases TC_ShoppingCart_PATCH1: PATCH is not exposed in release 2/);
    const results = await readResults(out);
    assert.equal(results.summary.verdict, 'conformant with exclusions');
    assert.equal(results.apis[0]!.summary.conformant, false);
    const patch = results.apis[0]!.cases.find((c) => c.id === 'TC_ShoppingCart_PATCH1')!;
    assert.deepEqual({ status: patch.status, exclusion: patch.exclusion },
      { status: 'excluded', exclusion: { by: 'skipCases', names: ['TC_ShoppingCart_PATCH1'], reason: 'PATCH is not exposed in release 2' } });
    assert.match(await readFile(join(out, 'junit.xml'), 'utf8'), /<property name="verdict" value="conformant with exclusions"\/>/);
    const page = (await readdir(out)).find((f) => f.endsWith('-HTMLReport.html'))!;
    const html = await readFile(join(out, page), 'utf8');
    assert.match(html, /data-verdict="conformant-with-exclusions"/);
    assert.match(html, /<td class="mono">TC_ShoppingCart_PATCH1<\/td><td>Mandatory<\/td><td><span class="mono">skipCases<\/span> TC_ShoppingCart_PATCH1<\/td><td>PATCH is not exposed in release 2<\/td>/);
    const index = await readFile(join(out, 'index.html'), 'utf8');
    assert.match(index, /data-verdict="conformant-with-exclusions"/);
    // The mandatory counts are one sentence in the console, JUnit, the index table and the report's header.
    const sentence = /: CONFORMANT WITH EXCLUSIONS \(([^)]*)\)/.exec(run.out)![1]!;
    assert.match(sentence, /^7 of 8 applicable mandatory cases passed; 1 excluded by the config; 1 not applicable$/);
    assert.ok((await readFile(join(out, 'junit.xml'), 'utf8')).includes(`<property name="verdictDetail" value="${sentence}"/>`), 'JUnit');
    assert.ok(index.includes(`<td data-testid="api-mandatory">${sentence}</td>`), 'index table');
    assert.ok(html.includes(`${sentence}.`), 'report header');
  });

  it('exits 1 under --no-exclusions', async (t) => {
    const dir = await tempDir(t);
    const config = await writeConfig(dir, { ...quick, apis: { TMF663: { skipCases: ['TC_ShoppingCart_PATCH1'] } } });
    const run = await runCli(['run', '--target', url, '--api', 'TMF663', '--config', config, '--out', join(dir, 'out'), '--reporter', 'json', '--no-exclusions']);
    assert.equal(run.code, 1, run.err);
  });

  it('a disabled check a mandatory case relies on is an exclusion too', async (t) => {
    const dir = await tempDir(t);
    const config = await writeConfig(dir, { ...quick, apis: { TMF663: { disableChecks: [{ check: 'fields-selection', reason: 'fields= is not supported' }] } } });
    const out = join(dir, 'out');
    const run = await runCli(['run', '--target', url, '--api', 'TMF663', '--config', config, '--out', out, '--reporter', 'json']);
    assert.equal(run.code, 3, run.err);
    const n4 = (await readResults(out)).apis[0]!.cases.find((c) => c.id === 'TC_ShoppingCart_N4')!;
    assert.equal(n4.status, 'excluded');
    assert.deepEqual(n4.exclusion, { by: 'disableChecks', names: ['fields-selection'], reason: 'fields= is not supported' });
  });

  it('without exclusions: CONFORMANT, exit 0, not applicable counted apart', async (t) => {
    const dir = await tempDir(t);
    const out = join(dir, 'out');
    const run = await runCli(['run', '--target', url, '--api', 'TMF663', '--config', await writeConfig(dir, quick), '--out', out, '--reporter', 'console,json']);
    assert.equal(run.code, 0, run.out + run.err);
    const m = (await readResults(out)).apis[0]!.summary.mandatory;
    const applicable = m.passed + m.failed + m.skipped + m.excluded + m.notRun;
    const line = `${m.passed} of ${applicable} applicable mandatory cases passed${m.notApplicable ? `; ${m.notApplicable} not applicable` : ''})`;
    assert.ok(run.out.includes(`: CONFORMANT (${line}`), run.out);
  });
});

describe('a mandatory case that fails and also relies on a disabled check', () => {
  it('is a failure on the console, never listed as excluded', async (t) => {
    const mock = await createMockServer({ apis: ['TMF622'], clockMs: 0, log: () => undefined });
    const url = await mock.listen();
    t.after(() => mock.close());
    const dir = await tempDir(t);
    // The order payload without relatedParty: the kit requires it back, so N1 fails whatever is disabled.
    const config = await writeConfig(dir, { ...quick, disableChecks: [{ check: 'href-resolvable', reason: 'no public hrefs' }],
      apis: { TMF622: { payloads: { productOrder: { minimal: { productOrderItem: [{ id: '1', action: 'add', productOffering: { id: 'po-fibre-1g' } }] } } } } } });
    const run = await runCli(['run', '--target', url, '--api', 'TMF622', '--config', config, '--out', join(dir, 'out'), '--reporter', 'console,json']);
    assert.equal(run.code, 1, run.out + run.err);
    const n1 = (await readResults(join(dir, 'out'))).apis[0]!.cases.find((c) => c.id === 'TC_ProductOrder_N1')!;
    assert.equal(n1.status, 'fail');
    assert.equal(n1.exclusion?.by, 'disableChecks');
    assert.match(run.out, /TC_ProductOrder_N1 failed; it also relies on disableChecks href-resolvable: no public hrefs/);
    assert.doesNotMatch(run.out, /excluded: TC_ProductOrder_N1/);
  });
});

