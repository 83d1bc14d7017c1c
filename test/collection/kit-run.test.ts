/**
 * `run --ctk`: a kit in the layout of TM Forum's v4 kits (test/fixtures/ctk/TMF663-Mini-kit, tmf-ctk's own,
 * not a TM Forum file) runs as its index.js would: config.json's headers replace every request's, the
 * payload goes where index.js puts it after its schema (named in another case) accepts it, the base URL
 * variable is set from --target; what the kit gets wrong is an advisory. As a folder and as a zip; the counts
 * equal plain newman's on the kit's collection prepared by hand as index.js does.
 */
import assert from 'node:assert/strict';
import { cp, readFile, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import AdmZip from 'adm-zip';
import { runKit } from '../../src/collection/index.ts';
import { createMockServer } from '../../src/composition.ts';
import type { MockServer } from '../../src/mock/server.ts';
import type { RunResult } from '../../src/core/results.ts';
import { runCli } from '../helpers/cli.ts';
import { tempDir } from '../reporters/helpers.ts';

const KIT = fileURLToPath(new URL('../fixtures/ctk/TMF663-Mini-kit', import.meta.url));
let mock: MockServer;
let url: string;

before(async () => {
  mock = createMockServer({ log: () => undefined });
  url = await mock.listen();
});
after(() => mock.close());

const checkCounts = (r: RunResult) => {
  const checks = r.apis.flatMap((a) => a.cases.flatMap((c) => c.checks));
  return { total: checks.length, failed: checks.filter((c) => c.status === 'fail').length };
};

async function zipOf(t: Parameters<typeof tempDir>[0], folder: string): Promise<string> {
  const zip = new AdmZip();
  zip.addLocalFolder(folder, 'TMF663-Mini-kit');
  const file = join(await tempDir(t), 'TMF663-Mini-kit.zip');
  zip.writeZip(file);
  return file;
}

test('a kit folder runs as its index.js would: headers replaced, payload injected, cases from the kit\'s names', async () => {
  const r = await runKit({ kit: KIT, target: url, headers: { 'X-Api-Key': 'secret' } });
  const api = r.apis[0]!;
  assert.deepEqual([api.id, api.version, api.baseUrl], ['TMF663', '4.0.0', `${url}/tmf-api/shoppingCart/v4/`]);
  assert.deepEqual(api.cases.map((c) => [c.id, c.status, c.suite]), [
    ['TC_ShoppingCart_N1', 'pass', 'TM Forum CTK TMF663-Mini-kit'],
    ['TC_ShoppingCart_N2', 'pass', 'TM Forum CTK TMF663-Mini-kit'],
    ['TC_ShoppingCart_E1', 'fail', 'TM Forum CTK TMF663-Mini-kit'],
  ]);
  const create = api.cases[0]!.exchanges[0]!;
  assert.equal(create.request.body, '{"validFor":{"startDateTime":"2026-01-01T00:00:00Z"}}', 'the payload index.js puts into N1\'s first request');
  assert.equal(create.request.headers['x-kit-header'], 'from-config');
  assert.equal(create.request.headers.accept, 'application/json', 'config.json\'s Accept, not the collection\'s text/plain');
  assert.equal(create.request.headers['x-stale'], undefined, 'the collection\'s own headers are replaced');
  assert.equal(create.request.headers['x-api-key'], '[redacted]', '--header is sent, never recorded in clear');
  assert.equal(api.cases[1]!.exchanges[0]!.response!.status, 200);
  assert.deepEqual(api.cases[1]!.checks.map((c) => c.status), ['pass', 'pass', 'pass'], 'the mock finds the cart by its href');
  assert.equal(api.cases[2]!.reason, "/ShoppingCart/404ID: Error reason is the kit wording: expected 'Not Found' to deeply equal 'No such cart (kit wording)'");
  assert.equal(r.summary.verdict, 'not conformant');
});

test('what the kit gets wrong is an advisory on the case: schema name case, payload with no place, blind assertion, unset variable', async () => {
  const r = await runKit({ kit: KIT, target: url });
  const [n1, n2, e1] = r.apis[0]!.cases;
  const tags = (advisories: string[]) => advisories.map((a) => /^\[([a-z-]+)\]/.exec(a)?.[1]);
  assert.deepEqual(tags(n1!.advisories), ['kit-payload-name', 'kit-schema-name', 'kit-assertion-cannot-fail']);
  assert.match(n1!.advisories[0]!, /"CartItem" in config\.json has no place to go/);
  assert.match(n1!.advisories[1]!, /asks for ctk\/schemas\/shoppingCart\.schema\.json, the kit ships ctk\/schemas\/ShoppingCart\.schema\.json/);
  assert.match(n1!.advisories[2]!, /1 assertion of "\/ShoppingCart" compares with == .*pm\.expect\(instance\['href'\]\)/);
  assert.deepEqual(tags(n2!.advisories), ['kit-variable-unset']);
  assert.match(n2!.advisories[0]!, /\{\{CHANNELSC01\}\}/);
  assert.deepEqual(e1!.advisories, []);
  assert.equal(n1!.status, 'pass', 'advisories never fail a case');
});

test('a kit zip (files under one top-level folder) gives the same cases and checks as the folder', async (t) => {
  const folder = await runKit({ kit: KIT, target: url });
  const zipped = await runKit({ kit: await zipOf(t, KIT), target: url });
  const shape = (r: RunResult) => r.apis[0]!.cases.map((c) => ({ id: c.id, status: c.status, checks: c.checks.map((k) => `${k.check}:${k.status}`), advisories: c.advisories.length }));
  assert.deepEqual(shape(zipped), shape(folder));
  assert.equal(zipped.apis[0]!.cases[0]!.suite, 'TM Forum CTK TMF663-Mini-kit.zip');
});

/** What the fixture's index.js does, by hand (independent of kit-prepare.ts), then plain newman. */
async function plainNewman(baseUrl: string): Promise<{ total: number; failed: number }> {
  const read = async (p: string) => JSON.parse(await readFile(join(KIT, p), 'utf8'));
  const config = await read('config.json');
  const collection = await read('ctk/Mini-Cart-4.0.0.postman_collection.json');
  const environment = await read('ctk/MINIENV.postman_environment.json');
  const headers = Object.entries(config.headers).map(([key, value]) => ({ key, value }));
  for (const folder of collection.item) for (const item of folder.item) item.request.header = headers;
  collection.item[0].item[0].request.body.raw = JSON.stringify(config.payloads.shoppingCart.POST.payload);
  for (const v of environment.values) if (v.key === 'Shopping_Cart') v.value = baseUrl;
  const newman = createRequire(import.meta.url)('newman');
  return new Promise((resolve, reject) => {
    newman.run({ collection, environment, reporters: [] }, (err: Error | null, summary: { run: { stats: { assertions: { total: number; failed: number } } } }) => {
      if (err) reject(err);
      else resolve({ total: summary.run.stats.assertions.total, failed: summary.run.stats.assertions.failed });
    });
  });
}

test('acceptance: as many assertions and failed assertions as plain newman on the kit with its payloads', async () => {
  const plain = await plainNewman(`${url}/tmf-api/shoppingCart/v4/`);
  const ours = checkCounts(await runKit({ kit: KIT, target: url }));
  assert.deepEqual(ours, plain);
  assert.deepEqual(plain, { total: 11, failed: 1 });
});

test('a payload the kit\'s schema refuses is CONFIG_INVALID (exit 2) with the schema error', async (t) => {
  const dir = join(await tempDir(t), 'TMF663-Mini-kit');
  await cp(KIT, dir, { recursive: true });
  const config = JSON.parse(await readFile(join(dir, 'config.json'), 'utf8'));
  config.payloads.shoppingCart.POST.payload = { validFor: { startDateTime: 20260101 } };
  await writeFile(join(dir, 'config.json'), JSON.stringify(config));
  const r = await runCli(['run', '--ctk', dir, '--target', url, '--reporter', 'json', '--out', await tempDir(t)]);
  assert.equal(r.code, 2, r.err);
  assert.match(r.err, /error \[CONFIG_INVALID\]: TMF663-Mini-kit: config\.json \/payloads\/shoppingCart\/POST\/payload does not match ctk\/schemas\/ShoppingCart\.schema\.json: \/validFor\/startDateTime \[type\] expected string/);
});

test('run --ctk: every reporter, the HTML report names the kit as the suite, exit 1 when a kit assertion fails', async (t) => {
  const out = await tempDir(t);
  const r = await runCli(['run', '--ctk', KIT, '--target', url, '--out', out, '--reporter', 'console,json,junit,html']);
  assert.equal(r.code, 1, r.err);
  assert.match(r.out, /FAIL TC_ShoppingCart_E1/);
  const html = await readFile(join(out, 'tmf-ctk-TMF663-v4.0.0-HTMLReport.html'), 'utf8');
  assert.match(html, /Suite: TM Forum CTK TMF663-Mini-kit/);
  assert.match(html, /validFor/, 'bodies are in the report');
  assert.match(await readFile(join(out, 'junit.xml'), 'utf8'), /TC_ShoppingCart_E1 .*\[TM Forum CTK TMF663-Mini-kit\]/);
});

test('run --api TMF663 --ctk KIT: one report per API with both sections; the kit\'s failure fails the API', async (t) => {
  const out = await tempDir(t);
  const r = await runCli(['run', '--api', 'TMF663', '--ctk', KIT, '--target', url, '--out', out, '--reporter', 'json,html']);
  assert.equal(r.code, 1, r.err);
  const result = JSON.parse(await readFile(join(out, 'results.json'), 'utf8')) as RunResult;
  assert.equal(result.apis.length, 1);
  const api = result.apis[0]!;
  const native = api.cases.filter((c) => !c.suite);
  const kit = api.cases.filter((c) => c.suite === 'TM Forum CTK TMF663-Mini-kit');
  assert.ok(native.length > 10 && native.every((c) => c.status !== 'fail' || !c.mandatory), 'the native suite passes on the mock');
  assert.equal(kit.length, 3);
  assert.equal(api.summary.conformant, false);
  assert.equal(result.summary.verdict, 'not conformant');
  const html = await readFile(join(out, 'tmf-ctk-TMF663-v4.0.0-HTMLReport.html'), 'utf8');
  assert.ok(html.indexOf('Suite: tmf-ctk conformance suite') > 0 && html.indexOf('Suite: TM Forum CTK TMF663-Mini-kit') > 0);
});

test('the base URL: config.json\'s url without --target; a --target already ending with the base path is used as it is', async (t) => {
  const dir = join(await tempDir(t), 'TMF663-Mini-kit');
  await cp(KIT, dir, { recursive: true });
  const config = JSON.parse(await readFile(join(dir, 'config.json'), 'utf8'));
  config.url = `${url}/tmf-api/shoppingCart/v4/`;
  await writeFile(join(dir, 'config.json'), JSON.stringify(config));
  const notices: string[] = [];
  const fromConfig = await runKit({ kit: dir, onNotice: (m) => notices.push(m) });
  assert.equal(fromConfig.apis[0]!.baseUrl, config.url);
  assert.match(notices[0]!, /\{\{Shopping_Cart\}\} = http:\/\/127\.0\.0\.1:\d+\/tmf-api\/shoppingCart\/v4\/$/);
  const given = await runKit({ kit: KIT, target: `${url}/tmf-api/shoppingCart/v4` });
  assert.equal(given.apis[0]!.baseUrl, `${url}/tmf-api/shoppingCart/v4/`, 'the base path is not appended twice');
  for (const r of [fromConfig, given]) assert.deepEqual(r.apis[0]!.cases.map((c) => c.status), ['pass', 'pass', 'fail'], 'the requests reach the mock');
});

test('run --all --ctk KIT --ctk KIT2: every API natively, the kits merged into their API\'s report; one failing kit fails only that API', async (t) => {
  const second = join(await tempDir(t), 'TMF663-Mini-kit-copy');
  await cp(KIT, second, { recursive: true });
  const out = await tempDir(t);
  const r = await runCli(['run', '--all', '--ctk', KIT, '--ctk', second, '--target', url, '--out', out, '--reporter', 'json,junit,html']);
  assert.equal(r.code, 1, r.err);
  const result = JSON.parse(await readFile(join(out, 'results.json'), 'utf8')) as RunResult;
  assert.deepEqual(result.apis.map((a) => a.id).sort(), ['TMF622', 'TMF663', 'TMF666', 'TMF671', 'TMF699']);
  const cart = result.apis.find((a) => a.id === 'TMF663')!;
  assert.deepEqual([...new Set(cart.cases.map((c) => c.suite ?? 'native'))].sort(),
    ['TM Forum CTK TMF663-Mini-kit', 'TM Forum CTK TMF663-Mini-kit-copy', 'native']);
  assert.equal(cart.summary.conformant, false);
  for (const a of result.apis.filter((x) => x.id !== 'TMF663')) assert.equal(a.summary.conformant, true, a.id);
  assert.deepEqual([...new Set(result.configuration?.collections?.map((c) => c.kit))].sort(), ['TMF663-Mini-kit', 'TMF663-Mini-kit-copy'], 'both kits are evidence');
  const pages = (await import('node:fs/promises')).readdir(out);
  assert.equal((await pages).filter((f) => f.endsWith('-HTMLReport.html')).length, 5);
});
