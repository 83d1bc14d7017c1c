import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { createReporters, htmlReportFileName, ReporterMux } from '../../src/reporters/index.js';
import { apiReportView } from '../../src/reporters/html/view-model.js';
import type { RunResult } from '../../src/core/results.js';
import { sampleRun, XSS } from '../fixtures/reporters/sample-run.js';
import { tempDir } from './helpers.js';

async function renderHtml(t: Parameters<typeof tempDir>[0], run: RunResult = sampleRun(), company?: string) {
  const dir = await tempDir(t);
  const { files, errors } = await new ReporterMux(createReporters(['html'], { outDir: dir, company })).end(run);
  assert.deepEqual(errors, []);
  const read = (name: string) => readFile(join(dir, name), 'utf8');
  return { dir, files, read };
}

/** Handlebars' escaping, to say what an escaped payload looks like. */
const escaped = (s: string) => s.replace(/[&<>"'`=]/g, (c) => `&${({ '&': 'amp;', '<': 'lt;', '>': 'gt;', '"': 'quot;', "'": '#x27;', '`': '#x60;', '=': '#x3D;' })[c]}`);
const unescaped = (s: string) => s.replace(/&#x27;/g, "'").replace(/&#x3D;/g, '=');

const testid = (html: string, id: string) => new RegExp(`data-testid="${id}"[^>]*>([^<]*)<`).exec(html)?.[1];

test('one report per API named <COMPANY>-<API>-v<version>-HTMLReport.html, plus index.html', async (t) => {
  const { dir, files } = await renderHtml(t);
  const names = ['ACME-Telco-Inc-TMF663-v4.0.0-HTMLReport.html', 'ACME-Telco-Inc-TMF622-v4.0.0-HTMLReport.html', 'index.html'];
  assert.deepEqual(files, names.map((n) => join(dir, n)));
  assert.deepEqual((await readdir(dir)).sort(), [...names].sort());
});

test('company defaults to tmf-ctk; a hostile company cannot leave the output directory', async (t) => {
  const run = sampleRun();
  delete run.company;
  assert.equal(htmlReportFileName(undefined, run.apis[0]!), 'tmf-ctk-TMF663-v4.0.0-HTMLReport.html');
  const { dir } = await renderHtml(t, run, '../../etc/pass wd');
  assert.ok((await readdir(dir)).includes('etc-pass-wd-TMF663-v4.0.0-HTMLReport.html'));
});

test('target payloads are shown as text, never as markup', async (t) => {
  const { read } = await renderHtml(t);
  for (const name of ['ACME-Telco-Inc-TMF663-v4.0.0-HTMLReport.html', 'index.html']) {
    const html = await read(name);
    assert.doesNotMatch(html, /<script>window\.__xss/);
    assert.doesNotMatch(html, /<img src=x/i);
    assert.doesNotMatch(html, /onerror="window/);
  }
  const html = await read('ACME-Telco-Inc-TMF663-v4.0.0-HTMLReport.html');
  assert.ok(html.includes(escaped(XSS.closeScript)), 'reason escaped');
  assert.ok(html.includes(escaped(XSS.attribute)), 'header escaped');
  assert.ok(html.includes(escaped(XSS.script)), 'body escaped');
  assert.ok(!html.includes(XSS.attribute));
  assert.equal(html.match(/<script/g)?.length, 1, 'only our own script');
  assert.doesNotMatch(html, /[\u0000-\u0008\u000B\u000C\u000E-\u001F]/);
});

test('a strict CSP allows exactly the inline script, by its sha256', async (t) => {
  const { read } = await renderHtml(t);
  const html = await read('ACME-Telco-Inc-TMF663-v4.0.0-HTMLReport.html');
  const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html)?.[1];
  assert.ok(csp, 'CSP meta tag');
  const script = /<script>([\s\S]*?)<\/script>/.exec(html)![1]!;
  const hash = createHash('sha256').update(script, 'utf8').digest('base64');
  assert.equal(unescaped(csp), `default-src 'none'; style-src 'unsafe-inline'; img-src data:; script-src 'sha256-${hash}'; base-uri 'none'; form-action 'none'`);
  assert.ok(html.indexOf('Content-Security-Policy') < html.indexOf('<style>'), 'CSP comes before any style or script');
  const index = await read('index.html');
  assert.match(index, /script-src &#x27;none&#x27;/);
  assert.doesNotMatch(index, /<script/);
});

test('self-contained: no external stylesheet, script, image or font', async (t) => {
  const { read } = await renderHtml(t);
  for (const name of ['ACME-Telco-Inc-TMF663-v4.0.0-HTMLReport.html', 'index.html']) {
    const html = await read(name);
    assert.doesNotMatch(html, /<link rel="stylesheet"|<script src|<img |url\(|@import/);
    for (const [, href] of html.matchAll(/href="([^"]*)"/g)) assert.match(href!, /^(#case-\d+|index\.html|data:,|[\w.-]+-HTMLReport\.html)$/);
  }
});

test('summary numbers carry data-testid and equal the run', async (t) => {
  const run = sampleRun();
  const { read } = await renderHtml(t, run);
  const html = await read('ACME-Telco-Inc-TMF663-v4.0.0-HTMLReport.html');
  const s = run.apis[0]!.summary;
  for (const group of ['cases', 'mandatory', 'optional', 'checks'] as const) {
    assert.equal(testid(html, `${group}-passed`), String(s[group].passed), `${group}-passed`);
    assert.equal(testid(html, `${group}-failed`), String(s[group].failed), `${group}-failed`);
    assert.equal(testid(html, `${group}-skipped`), String(s[group].skipped), `${group}-skipped`);
  }
  assert.equal(testid(html, 'requests'), String(s.requests));
  assert.match(html, /data-verdict="not-conformant"/);
  for (const text of ['ACME Telco, Inc.', 'ACME Commerce Hub', 'tmf-ctk 0.1.0', '25 Nov 2026, 17:12 UTC', 'http://127.0.0.1:8080']) assert.ok(html.includes(text), text);
});

test('failed cases come first; schema failures show pointer and rule; credentials are redacted', async (t) => {
  const { read } = await renderHtml(t);
  const html = await read('ACME-Telco-Inc-TMF663-v4.0.0-HTMLReport.html');
  const order = [...html.matchAll(/<details class="case status-(\w+)"/g)].map((m) => m[1]);
  assert.deepEqual(order, ['fail', 'fail', 'pass', 'pass', 'skip']);
  assert.match(html, /<tr data-testid="schema-error"><td class="mono">\/cartItem\/0\/quantity<\/td><td class="mono">type<\/td>/);
  assert.doesNotMatch(html, /secret-token-123/);
  assert.match(html, /\[redacted\]/);
  assert.match(html, /@media print/);
});

test('the view model is plain data: mandatory failures first, bodies pretty-printed', () => {
  const run = sampleRun();
  const view = apiReportView(run, run.apis[0]!, {});
  assert.equal(view.meta.company, 'tmf-ctk');
  assert.deepEqual(view.cases.map((c) => c.id).slice(0, 2), ['TC_ShoppingCart_N2', 'TC_ShoppingCart_O1']);
  const body = view.cases[0]!.exchanges[0]!.response!.body!;
  assert.equal(body.json, true);
  assert.match(body.text, /^\{\n {2}"id": "42",/);
  assert.deepEqual(JSON.parse(JSON.stringify(view)), view);
});

test('an API note (a target already ending with the base path) is shown, escaped, and a failed check names its citation', async (t) => {
  const run = sampleRun();
  run.apis[0]!.notes = [`the target ends with the base path ${XSS.script}`];
  const failing = run.apis[0]!.cases.flatMap((c) => c.checks).find((k) => k.status === 'fail')!;
  Object.assign(failing, { source: 'profile', cite: 'TMF622 Product Ordering Conformance Profile 4.0.0, table "ProductOrder Resource Mandatory Attributes"' });
  const { files, read } = await renderHtml(t, run);
  const html = await read(files[0]!.split('/').pop()!);
  assert.ok(html.includes(`Note: the target ends with the base path ${escaped(XSS.script)}`), 'note rendered and escaped');
  assert.ok(!html.includes(XSS.script));
  assert.ok(html.includes(escaped('profile — TMF622 Product Ordering Conformance Profile 4.0.0, table "ProductOrder Resource Mandatory Attributes"')));
});
