/** The CLI's rough edges, each as a user meets it. */
import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { join } from 'node:path';
import { test } from 'node:test';
import { listenLoopback } from '../helpers/loopback.js';
import { runCli } from '../helpers/cli.js';
import { tempDir } from './helpers.js';

async function countingServer(t: { after(fn: () => Promise<void>): void }): Promise<{ url: string; count: () => number }> {
  let n = 0;
  const { url, close } = await listenLoopback(createServer((_req, res) => { n += 1; res.writeHead(404).end(); }));
  t.after(close);
  return { url, count: () => n };
}

test('option errors in our words: --timeout -5, --timeout abc, --port 70000', async () => {
  for (const value of ['-5', '0', 'abc', '1.5']) {
    const r = await runCli(['run', '--target', 'http://127.0.0.1:1', '--api', 'TMF663', '--timeout', value]);
    assert.equal(r.code, 2);
    assert.match(r.err, new RegExp(`^error \\[USAGE\\]: --timeout needs a number of milliseconds from 1 to 600000, got "${value.replace('.', '\\.')}"$`, 'm'), r.err);
    assert.match(r.err, /^hint: for example --timeout 10000$/m);
  }
  const port = await runCli(['mock', '--port', '70000']);
  assert.equal(port.code, 2);
  assert.match(port.err, /--port needs a port number from 0 to 65535, got "70000"/);
});

test('an --out that cannot be written fails before any request, once, in plain words', async (t) => {
  const dir = await tempDir(t);
  const file = join(dir, 'a-file');
  await writeFile(file, 'x');
  const server = await countingServer(t);
  for (const [out, why] of [[file, 'it is a file, not a folder'], [join(file, 'sub'), 'a part of the path is a file, not a folder']] as const) {
    const r = await runCli(['run', '--target', server.url, '--api', 'TMF663', '--out', out]);
    assert.equal(r.code, 2);
    assert.equal(r.err.match(/^error \[/gm)?.length, 1, r.err);
    assert.ok(r.err.includes(`error [OUTPUT_UNWRITABLE]: --out ${out}: reports cannot be written there (${why})`), r.err);
    assert.equal(r.out, '');
  }
  assert.equal(server.count(), 0, 'nothing was sent');
  const report = await runCli(['report', '--from', dir, '--out', file]);
  assert.equal(report.code, 2);
});

test('a vendor payload that its _Create schema refuses is CONFIG_INVALID with the JSON pointer, nothing sent', async (t) => {
  const dir = await tempDir(t);
  const server = await countingServer(t);
  const config = join(dir, 'config.json');
  await writeFile(config, JSON.stringify({ apis: { TMF663: { payloads: { shoppingCart: {
    minimal: { name: 'cart {{runId}}', cartItem: 'two items' },
    rich: { name: '{{runId}}', cartItem: [{ quantity: 'many' }] },
  } } } } }));
  const r = await runCli(['run', '--target', server.url, '--api', 'TMF663', '--config', config, '--out', dir, '--reporter', 'json']);
  assert.equal(r.code, 2, r.out + r.err);
  assert.match(r.err, /^error \[CONFIG_INVALID\]: config: \/apis\/TMF663\/payloads\/shoppingCart\/minimal\/cartItem: must be array \(ShoppingCart_Create, rule type\)/m);
  assert.match(r.err, /\/apis\/TMF663\/payloads\/shoppingCart\/rich\/cartItem\/0\/quantity: must be integer/);
  assert.equal(server.count(), 0, 'nothing was sent');
});

test('specs fetch offline: SPEC_DOWNLOAD on stderr with the cause (refused, DNS, TLS) and the way out', async (t) => {
  const dir = await tempDir(t);
  const env = { ...process.env, NO_COLOR: '1', TMF_CTK_CACHE: join(dir, 'cache') };
  const plain = await countingServer(t);
  const { url: dead, close } = await listenLoopback(createServer());
  await close();
  const cases: Array<[string, RegExp]> = [
    [dead, /connection refused \(ECONNREFUSED\)/],
    ['http://specs.tmf-ctk.invalid', /DNS: the name specs\.tmf-ctk\.invalid cannot be resolved/],
    [plain.url.replace('http:', 'https:'), /TLS: /],
  ];
  for (const [mirror, cause] of cases) {
    const r = await runCli(['specs', 'fetch', '--api', 'TMF663', '--force', '--mirror', mirror], { env });
    assert.equal(r.code, 2, r.out + r.err);
    assert.match(r.err, /^error \[SPEC_DOWNLOAD\]: 1 of 1 documents could not be downloaded; TMF663 v4\.0\.0: download from .* failed: /m);
    assert.match(r.err, cause, r.err);
    assert.match(r.err, /^hint: .*--specs DIR \(or set TMF_CTK_SPECS=DIR\).*--mirror URL/m);
  }
});

test('apis --quirks groups by quirk with counts and examples, and takes --api', async () => {
  const r = await runCli(['apis', '--quirks', '--api', 'TMF663']);
  assert.equal(r.code, 0, r.err);
  assert.doesNotMatch(r.out, /^TMF622/m, '--api narrows the list');
  const total = Number(/^ {2}quirks {6}(\d+) in \d+ kinds$/m.exec(r.out)?.[1]);
  const groups = [...r.out.matchAll(/^ {4}([a-z0-9-]+) \((\d+)\)$/gm)].map((m) => [m[1]!, Number(m[2])] as const);
  assert.ok(groups.length > 1);
  assert.equal(groups.reduce((n, [, c]) => n + c, 0), total, 'the counts add up');
  assert.equal(new Set(groups.map(([id]) => id)).size, groups.length, 'each quirk once');
  assert.ok(groups.every(([, c], i) => i === 0 || c <= groups[i - 1]![1]), 'most frequent first');
  const json = JSON.parse((await runCli(['apis', '--json', '--api', 'TMF663'])).out) as Array<{ quirkCounts: Record<string, number> }>;
  assert.deepEqual(Object.fromEntries(groups), json[0]!.quirkCounts);
});
