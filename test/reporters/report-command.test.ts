import assert from 'node:assert/strict';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import type { CliIO } from '../../src/cli/io.js';
import { main } from '../../src/cli/main.js';
import { sampleRun } from '../fixtures/reporters/sample-run.js';
import { tempDir } from './helpers.js';

function captureIO(cwd: string, env: NodeJS.ProcessEnv = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIO = { out: (t) => void out.push(t), err: (t) => void err.push(t), stdin: async () => '', env, cwd };
  return { io, out: () => out.join('\n'), err: () => err.join('\n') };
}

async function savedRun(t: Parameters<typeof tempDir>[0]) {
  const dir = await tempDir(t);
  await mkdir(join(dir, 'run'));
  await writeFile(join(dir, 'run', 'results.json'), JSON.stringify(sampleRun()));
  return dir;
}

test('report --from renders HTML beside results.json by default', async (t) => {
  const dir = await savedRun(t);
  const c = captureIO(dir);
  assert.equal(await main(['report', '--from', 'run/results.json'], c.io), 0, c.err());
  assert.deepEqual((await readdir(join(dir, 'run'))).sort(), [
    'ACME-Telco-Inc-TMF622-v4.0.0-HTMLReport.html', 'ACME-Telco-Inc-TMF663-v4.0.0-HTMLReport.html', 'index.html', 'results.json',
  ]);
  assert.match(c.out(), /^wrote .*ACME-Telco-Inc-TMF663-v4\.0\.0-HTMLReport\.html$/m);
});

test('--reporter, --out, --company and --product choose what is written, where and for whom', async (t) => {
  const dir = await savedRun(t);
  const c = captureIO(dir, { NO_COLOR: '1' });
  const code = await main(['report', '--from', 'run/results.json', '--reporter', 'junit,json', '--reporter', 'html,console',
    '--out', 'again', '--company', 'Globex', '--product', 'Order Hub 1.2'], c.io);
  assert.equal(code, 0, c.err());
  const files = (await readdir(join(dir, 'again'))).sort();
  assert.deepEqual(files, ['Globex-TMF622-v4.0.0-HTMLReport.html', 'Globex-TMF663-v4.0.0-HTMLReport.html', 'index.html', 'junit.xml', 'results.json']);
  const saved = JSON.parse(await readFile(join(dir, 'again', 'results.json'), 'utf8'));
  assert.equal(saved.company, 'Globex');
  assert.equal(saved.product, 'Order Hub 1.2');
  assert.match(await readFile(join(dir, 'again', 'Globex-TMF663-v4.0.0-HTMLReport.html'), 'utf8'), /Order Hub 1\.2/);
  assert.match(c.out(), /^4 passed, 3 failed, 2 skipped$/m);
  assert.doesNotMatch(c.out(), /\u001b/);
});

test('a missing results.json is INPUT_READ, exit 2', async (t) => {
  const dir = await tempDir(t);
  const c = captureIO(dir);
  assert.equal(await main(['report', '--from', 'nope/results.json'], c.io), 2);
  assert.match(c.err(), /^error \[INPUT_READ\]: cannot read .*nope\/results\.json/);
});

test('malformed JSON, or JSON that is not a run, is INPUT_JSON, exit 2', async (t) => {
  const dir = await tempDir(t);
  await writeFile(join(dir, 'broken.json'), '{"schemaVersion": 1,');
  const edited = sampleRun();
  (edited.apis[0]!.cases[0] as { status: string }).status = 'maybe';
  await writeFile(join(dir, 'other.json'), JSON.stringify(edited));
  for (const [file, message] of [['broken.json', /is not valid JSON/], ['other.json', /not a tmf-ctk results\.json: apis\[0\]\.cases\[0\]\.status is "maybe"/]] as const) {
    const c = captureIO(dir);
    assert.equal(await main(['report', '--from', file], c.io), 2);
    assert.match(c.err(), /^error \[INPUT_JSON\]/);
    assert.match(c.err(), message);
  }
  assert.deepEqual((await readdir(dir)).sort(), ['broken.json', 'other.json'], 'nothing written');
});

test('usage errors: no --from, an unknown reporter; --help exits 0', async (t) => {
  const dir = await savedRun(t);
  let c = captureIO(dir);
  assert.equal(await main(['report'], c.io), 2);
  assert.match(c.err(), /error \[USAGE\]: report needs --from/);
  c = captureIO(dir);
  assert.equal(await main(['report', '--from', 'run/results.json', '--reporter', 'pdf'], c.io), 2);
  assert.match(c.err(), /error \[USAGE\]: unknown reporter "pdf"\nhint: reporters are console, json, junit, html/);
  c = captureIO(dir);
  assert.equal(await main(['report', '--help'], c.io), 0);
  assert.match(c.out(), /Usage: tmf-ctk report --from/);
});

test('a reporter that cannot write is REPORT_FAILED, exit 2, and the others are still written', async (t) => {
  const dir = await savedRun(t);
  await mkdir(join(dir, 'run', 'index.html')); // a directory where the html reporter must write a file
  const c = captureIO(dir);
  assert.equal(await main(['report', '--from', 'run/results.json', '--reporter', 'html,junit'], c.io), 2);
  assert.match(c.err(), /^error \[REPORT_FAILED\]: html reporter: onEnd: /m);
  assert.match(c.out(), /^wrote .*junit\.xml$/m);
  assert.deepEqual((await readdir(join(dir, 'run'))).filter((f) => f.endsWith('.tmp')), [], 'no temporary file left behind');
});
