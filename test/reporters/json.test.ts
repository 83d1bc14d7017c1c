import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { createReporters, loadRunResult, ReporterMux } from '../../src/reporters/index.js';
import { sampleRun } from '../fixtures/reporters/sample-run.js';
import { tempDir } from './helpers.js';

test('results.json is the whole RunResult, pretty-printed, and loads back identical', async (t) => {
  const dir = await tempDir(t);
  const run = sampleRun();
  const { files, errors } = await new ReporterMux(createReporters(['json'], { outDir: join(dir, 'nested', 'out') })).end(run);
  assert.deepEqual(errors, []);
  assert.deepEqual(files, [join(dir, 'nested', 'out', 'results.json')]);
  const text = await readFile(files[0]!, 'utf8');
  assert.match(text, /^\{\n {2}"schemaVersion": 2,/);
  assert.deepEqual(JSON.parse(text), run);
  assert.deepEqual(await loadRunResult(files[0]!), run);
});
