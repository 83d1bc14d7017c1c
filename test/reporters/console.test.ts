import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { RunEvent, RunResult } from '../../src/core/results.js';
import { createReporters, ReporterMux, verdictLine } from '../../src/reporters/index.js';
import { sampleRun } from '../fixtures/reporters/sample-run.js';
import { captureStream } from './helpers.js';

/** The events a live run would emit for a result, in order. */
function eventsOf(run: RunResult): RunEvent[] {
  const events: RunEvent[] = [{ type: 'runStart', target: run.target, startedAt: run.startedAt, apis: run.apis.map((a) => ({ id: a.id, version: a.version, cases: a.cases.length })) }];
  for (const api of run.apis) {
    events.push({ type: 'apiStart', api: api.id, version: api.version, baseUrl: api.baseUrl });
    for (const c of api.cases) {
      events.push({ type: 'caseStart', api: api.id, caseId: c.id, title: c.title, mandatory: c.mandatory });
      events.push({ type: 'caseEnd', api: api.id, result: c });
    }
    events.push({ type: 'apiEnd', api: api.id, result: api });
  }
  events.push({ type: 'runEnd', result: run });
  return events;
}

async function consoleOutput(options: { color?: boolean; quiet?: boolean; live?: boolean }): Promise<string> {
  const run = sampleRun();
  const out = captureStream();
  const mux = new ReporterMux(createReporters(['console'], { outDir: '.', stream: out.stream, color: options.color, quiet: options.quiet }));
  if (options.live !== false) for (const e of eventsOf(run)) mux.emit(e);
  const { errors } = await mux.end(run);
  assert.deepEqual(errors, []);
  return out.text();
}

test('prints "N passed, N failed, N skipped" alone on a line, then one verdict line per API', async () => {
  const lines = (await consoleOutput({ color: false })).trimEnd().split('\n');
  assert.deepEqual(lines.slice(-3), [
    '4 passed, 3 failed, 2 skipped',
    'TMF663 Shopping Cart Management v4.0.0: NOT CONFORMANT (1 of 3 applicable mandatory cases failed; 2 passed; 1 optional failed)',
    'TMF622 Product Ordering Management v4.0.0: CONFORMANT (2 of 2 applicable mandatory cases passed; 1 optional failed)',
  ]);
});

test('a not applicable mandatory case is named in the verdict, and not counted as applicable', () => {
  const run = sampleRun();
  const api = run.apis[1]!;
  api.summary.mandatory = { passed: 8, failed: 0, skipped: 0, notRun: 0, notApplicable: 1, excluded: 0 };
  assert.match(verdictLine(api), /: CONFORMANT \(8 of 8 applicable mandatory cases passed; 1 not applicable/);
});

test('no skipped part when nothing was skipped', async () => {
  const run = sampleRun();
  run.summary.cases = { passed: 5, failed: 0, skipped: 0, notRun: 0, notApplicable: 0, excluded: 0 };
  const out = captureStream();
  await new ReporterMux(createReporters(['console'], { outDir: '.', stream: out.stream })).end(run);
  assert.match(out.text(), /^5 passed, 0 failed$/m);
});

test('one line per case on a terminal, with the reason of failures and skips', async () => {
  const text = await consoleOutput({ color: false });
  assert.match(text, /^TMF663 v4\.0\.0 → http:\/\/127\.0\.0\.1:8080\/tmf-api\/shoppingCart\/v4$/m);
  assert.match(text, /^ {2}PASS TC_ShoppingCart_N1 create with minimum required information \(\d+ ms\)$/m);
  assert.match(text, /^ {2}FAIL TC_ShoppingCart_N2 retrieve by id/m);
  assert.match(text, /response-schema: 1 schema error in ShoppingCart/);
  assert.match(text, /^ {2}SKIP TC_ShoppingCart_O2 notifications on state change \[optional\]/m);
});

test('no ANSI escape at all without colour, even from hostile target text', async () => {
  const text = await consoleOutput({ color: false });
  assert.doesNotMatch(text, /\u001b/);
  assert.doesNotMatch(text, /[\u0000-\u0008\u000B\u000C\u000E-\u001F]/);
});

test('colour when asked', async () => {
  assert.match(await consoleOutput({ color: true }), /\u001b\[31mFAIL\u001b\[0m/);
});

test('quiet (CI) prints only the failing cases and the summary', async () => {
  const text = await consoleOutput({ color: false, quiet: true });
  assert.doesNotMatch(text, /PASS|SKIP|→/);
  assert.equal(text.match(/^TMF\d+ FAIL /gm)?.length, 3);
  assert.match(text, /^4 passed, 3 failed, 2 skipped$/m);
});

test('re-rendering a saved run (no events) still lists the cases', async () => {
  const text = await consoleOutput({ color: false, live: false });
  assert.match(text, /^ {2}FAIL TC_ShoppingCart_N2 retrieve by id/m);
  assert.equal(text.match(/^ {2}(PASS|FAIL|SKIP) /gm)?.length, 9);
});
