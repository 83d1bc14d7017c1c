import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CtkError } from '../../src/errors.js';
import { createReporters, ReporterMux, REPORTER_NAMES, type Reporter } from '../../src/reporters/index.js';
import type { RunEvent } from '../../src/core/results.js';
import { sampleRun } from '../fixtures/reporters/sample-run.js';
import { captureStream } from './helpers.js';

const apiStart: RunEvent = { type: 'apiStart', api: 'TMF663', version: '4.0.0', baseUrl: 'http://x' };

function recorder(name: string): Reporter & { events: string[] } {
  const events: string[] = [];
  return { name, events, onEvent: (e) => void events.push(e.type), onEnd: () => [`${name}.out`] };
}

test('a reporter throwing in onEvent does not stop the others, and is reported once', async () => {
  const before = recorder('before');
  const after = recorder('after');
  const broken: Reporter = { name: 'broken', onEvent: () => { throw new Error('boom'); }, onEnd: () => ['broken.out'] };
  const mux = new ReporterMux([before, broken, after]);
  mux.emit(apiStart);
  mux.emit(apiStart);
  const { files, errors } = await mux.end(sampleRun());
  assert.deepEqual(before.events, ['apiStart', 'apiStart']);
  assert.deepEqual(after.events, ['apiStart', 'apiStart']);
  // Its onEnd still runs: a broken progress hook should not cost the report.
  assert.deepEqual(files, ['before.out', 'broken.out', 'after.out']);
  assert.deepEqual(errors, [{ reporter: 'broken', message: 'onEvent(apiStart): boom (and 1 more)' }]);
});

test('a reporter throwing (or rejecting) in onEnd does not stop the others', async () => {
  const sync: Reporter = { name: 'sync', onEnd: () => { throw new Error('disk full'); } };
  const async: Reporter = { name: 'async', onEnd: async () => { throw new Error('EACCES'); } };
  const ok = recorder('ok');
  const { files, errors } = await new ReporterMux([sync, ok, async, { name: 'no-hooks' }]).end(sampleRun());
  assert.deepEqual(files, ['ok.out']);
  assert.deepEqual(errors, [
    { reporter: 'sync', message: 'onEnd: disk full' },
    { reporter: 'async', message: 'onEnd: EACCES' },
  ]);
});

test('a real reporter failing (unwritable directory) leaves the other real ones working', async () => {
  const reporters = createReporters(['json', 'console'], { outDir: '/dev/null/not-a-dir', stream: captureStream().stream });
  const { files, errors } = await new ReporterMux(reporters).end(sampleRun());
  assert.deepEqual(files, []);
  assert.equal(errors.length, 1);
  assert.equal(errors[0]!.reporter, 'json');
});

test('createReporters builds the named reporters in order, each once', () => {
  assert.deepEqual(REPORTER_NAMES, ['console', 'json', 'junit', 'html']);
  const names = createReporters(['html', 'json', 'html'], { outDir: '.' }).map((r) => r.name);
  assert.deepEqual(names, ['html', 'json']);
});

test('an unknown reporter is a usage error naming the valid ones', () => {
  assert.throws(() => createReporters(['json', 'pdf'], { outDir: '.' }), (e: unknown) => {
    assert.ok(e instanceof CtkError);
    assert.equal(e.code, 'USAGE');
    assert.match(e.message, /"pdf"/);
    assert.equal(e.hint, 'reporters are console, json, junit, html');
    return true;
  });
});
