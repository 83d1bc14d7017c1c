import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { test } from 'node:test';
import { validateXML } from 'xmllint-wasm';
import { createReporters, ReporterMux, renderJunit } from '../../src/reporters/index.js';
import { junitCounts } from '../../src/reporters/junit.js';
import { sampleRun } from '../fixtures/reporters/sample-run.js';
import { tempDir } from './helpers.js';

const xsd = await readFile(new URL('../fixtures/reporters/junit.xsd', import.meta.url), 'utf8');

async function validate(xml: string) {
  return validateXML({ xml: [{ fileName: 'junit.xml', contents: xml }], schema: [xsd] });
}

/** The <testsuite> elements with their attributes and body, for counting (our own output, so a regex will do). */
function suites(xml: string) {
  return [...xml.matchAll(/<testsuite ([^>]*)>([\s\S]*?)<\/testsuite>/g)].map(([, attrs, body]) => ({
    attr: (name: string) => new RegExp(` ?${name}="([^"]*)"`).exec(` ${attrs}`)?.[1],
    count: (element: string) => (body!.match(new RegExp(`<${element}[ />]`, 'g')) ?? []).length,
  }));
}

test('junit.xml validates against the JUnit schema (Ant/Windyroad + Jenkins)', async () => {
  const result = await validate(renderJunit(sampleRun()));
  assert.equal(result.valid, true, result.errors.map((e) => e.rawMessage).join('\n'));
});

test('the schema is not a rubber stamp: a document missing required parts is rejected', async () => {
  const broken = renderJunit(sampleRun()).replace(/ hostname="[^"]*"/, '').replace('<system-err/>', '');
  const result = await validate(broken);
  assert.equal(result.valid, false);
  assert.match(result.errors.map((e) => e.message).join('\n'), /hostname/);
});

test('one testsuite per API, one testcase per case, counts agree with the elements and the run', () => {
  const run = sampleRun();
  const found = suites(renderJunit(run));
  assert.equal(found.length, run.apis.length);
  run.apis.forEach((api, i) => {
    const s = found[i]!;
    const expected = junitCounts(api);
    assert.equal(s.attr('name'), `${api.id} ${api.title} v${api.version}`);
    assert.equal(Number(s.attr('tests')), api.cases.length);
    assert.equal(s.count('testcase'), api.cases.length);
    assert.equal(Number(s.attr('failures')), s.count('failure'));
    assert.equal(Number(s.attr('skipped')), s.count('skipped'));
    // Mandatory failures are failures; optional failures and skips are skipped (see junit.ts).
    assert.equal(expected.failures, api.cases.filter((c) => c.mandatory && c.status === 'fail').length);
    assert.equal(expected.failures + expected.skipped, api.summary.cases.failed + api.summary.cases.skipped);
  });
});

test('a failing case names its check as the type, with reason, pointer and rule', () => {
  const xml = renderJunit(sampleRun());
  const tc = /<testcase name="TC_ShoppingCart_N2 retrieve by id" classname="TMF663.shoppingCart"[^>]*>([\s\S]*?)<\/testcase>/.exec(xml);
  assert.ok(tc, 'testcase with name and classname');
  assert.match(tc[1]!, /<failure message="response-schema: 1 schema error in ShoppingCart [^"]*" type="response-schema">/);
  assert.match(tc[1]!, /at \/cartItem\/0\/quantity: type: must be integer/);
  assert.match(tc[1]!, /<system-out>1\. retrieve: GET http:\/\/127\.0\.0\.1:8080\S+ -&gt; 200/);
});

test('an optional failing case is skipped with a message saying it failed, marked [optional]', () => {
  const xml = renderJunit(sampleRun());
  assert.match(xml, /<testcase name="TC_ShoppingCart_O1 delete a cart \[optional\]"[^>]*><skipped message="optional case failed \(does not affect the verdict\): status-code-conformance: expected 204, got 500/);
});

test('target data is escaped and characters illegal in XML are dropped', () => {
  const xml = renderJunit(sampleRun());
  assert.doesNotMatch(xml, /<script>|<img /);
  assert.match(xml, /&lt;\/script&gt;&lt;script&gt;window\.__xss=2/);
  assert.match(xml, /&quot;&gt;&lt;img src=x onerror=&quot;window\.__xss=3&quot;&gt;/);
  assert.doesNotMatch(xml, /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDFFF]/);
});

test('the junit reporter writes junit.xml through the multiplexer', async (t) => {
  const dir = await tempDir(t);
  const { files, errors } = await new ReporterMux(createReporters(['junit'], { outDir: dir })).end(sampleRun());
  assert.deepEqual(errors, []);
  assert.equal(files.length, 1);
  assert.match(files[0]!, /junit\.xml$/);
  assert.equal((await validate(await readFile(files[0]!, 'utf8'))).valid, true);
});
