/**
 * The exported collection's shape: one folder per case in suite order, steps then cleanup, notes for what
 * Postman cannot run, the API's definitions embedded once, a deterministic file; and the export command.
 */
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { NOTIFICATIONS_NOTE, type PostmanCollection, type PostmanItem } from '../../src/collection/index.ts';
import { LOADER } from '../../src/collection/items.ts';
import type { SandboxSuite } from '../../src/collection/suite-json.ts';
import { casesFor, exportApi } from '../../src/composition.ts';
import { loadApi } from '../../src/document/load.ts';
import { runCli } from '../helpers/cli.ts';
import { tempDir } from '../reporters/helpers.ts';

const variable = (c: PostmanCollection, key: string) => c.variable?.find((v) => v.key === key)?.value;
const preScript = (item: PostmanItem) => [item.event?.find((e) => e.listen === 'prerequest')?.script.exec ?? []].flat();

test('one folder per case in suite order: steps, then cleanup, or one note', async () => {
  const api = loadApi('TMF663');
  const cases = casesFor(api, {});
  const c = await exportApi('TMF663', { target: 'http://vendor.example:8443/' });
  assert.equal(c.info.schema, 'https://schema.getpostman.com/json/collection/v2.1.0/collection.json');
  assert.equal(variable(c, 'baseUrl'), 'http://vendor.example:8443/tmf-api/shoppingCart/v4');
  assert.deepEqual(c.item.map((f) => f.id), cases.map((k) => k.id));
  for (const [i, folder] of c.item.entries()) {
    const k = cases[i]!;
    assert.equal(folder.name, `${k.id} ${k.title}${k.mandatory ? '' : ' [optional]'}`);
    const items = folder.item!;
    if (k.notApplicable || k.id.includes('NOTIF')) {
      assert.deepEqual(items.map((it) => it.id), [`${k.id}#note`]);
      continue;
    }
    assert.deepEqual(items.map((it) => it.name), [...k.steps, ...k.cleanup].map((s) => s.name));
    assert.deepEqual(items.map((it) => it.id!.endsWith(':cleanup')), [...k.steps.map(() => false), ...k.cleanup.map(() => true)]);
    for (const [j, it] of items.entries()) {
      const pre = preScript(it);
      assert.deepEqual(pre.slice(0, LOADER.length), LOADER);
      assert.ok(pre[LOADER.length]!.startsWith(`tmfCtk.pre(pm, "${k.id}", ${j}, {`), pre[LOADER.length]);
    }
  }
  const first = c.item[0]!.item![0]!;
  assert.deepEqual(first.request, {
    method: 'POST', url: '{{baseUrl}}/shoppingCart',
    header: [{ key: 'accept', value: 'application/json' }, { key: 'content-type', value: 'application/json' }],
    body: { mode: 'raw', raw: JSON.stringify(cases[0]!.steps[0]!.request!.body, null, 2), options: { raw: { language: 'json' } } },
  });
  assert.equal((c.item[0]!.item![1]!.request as { url: string }).url, '{{baseUrl}}/shoppingCart/{{created.id}}');
});

test('the suite variable embeds the definitions once and says why notes are not run', async () => {
  const api = loadApi('TMF663');
  const c = await exportApi('TMF663');
  const suite = JSON.parse(String(variable(c, 'ctk.suite'))) as SandboxSuite;
  assert.deepEqual(suite.definitions, api.definitions);
  assert.equal(suite.build, variable(c, 'ctk.build'));
  assert.equal(suite.cases.find((k) => k.id === 'TC_ShoppingCart_NOTIF1')?.skip, NOTIFICATIONS_NOTE);
  assert.match(suite.cases.find((k) => k.id === 'TC_ShoppingCart_E2')?.skip ?? '', /^not applicable: /);
  assert.equal(variable(c, 'baseUrl'), 'http://localhost:8080/tmf-api/shoppingCart/v4');
  assert.match(String(variable(c, 'ctk.lib')), /tmfCtkLibrary;$/);
  const text = JSON.stringify(c);
  assert.equal(text.split('\\"ShoppingCart_Create\\":').length, 2, 'definitions appear once (inside ctk.suite)');
});

test('exports are deterministic and apply the config', async () => {
  assert.equal(JSON.stringify(await exportApi('TMF663')), JSON.stringify(await exportApi('TMF663')));
  const c = await exportApi('TMF663', {
    config: { apis: { TMF663: { skipCases: ['TC_ShoppingCart_N2'], skipFeatures: ['paging'], basePath: '/cart/v4', payloads: { shoppingCart: { minimal: { name: 'vendor cart' } } } } } },
  });
  const note = (id: string) => c.item.find((f) => f.id === id)!.item![0]!.name;
  assert.equal(note('TC_ShoppingCart_N2'), 'not run in Postman: excluded by the config (skipCases): no reason given in the config');
  assert.equal(note('TC_ShoppingCart_PAGING1'), 'not run in Postman: excluded by the config (skipFeatures paging): no reason given in the config');
  assert.equal(variable(c, 'baseUrl'), 'http://localhost:8080/cart/v4');
  const body = (c.item[0]!.item![0]!.request as { body: { raw: string } }).body.raw;
  assert.deepEqual(JSON.parse(body), { name: 'vendor cart' });
});

test('tmf-ctk export writes a file newman reads, and refuses what it cannot export', async (t) => {
  const dir = await tempDir(t);
  const ok = await runCli(['export', '--api', 'TMF671', '--out', join(dir, 'sub', 'tmf671.json'), '--target', 'http://127.0.0.1:9']);
  assert.equal(ok.code, 0, ok.err);
  assert.match(ok.out, /wrote .*tmf671\.json: \d+ cases, \d+ requests, \d+ notes/);
  const written = JSON.parse(await readFile(join(dir, 'sub', 'tmf671.json'), 'utf8')) as PostmanCollection;
  assert.equal(variable(written, 'baseUrl'), 'http://127.0.0.1:9/tmf-api/promotionManagement/v4');
  assert.equal((await runCli(['export', '--api', 'TMF999'])).code, 2);
  assert.equal((await runCli(['export', '--api', 'TMF663,TMF622'])).code, 2);
  assert.equal((await runCli(['export', '--api', 'TMF663@5.0.0'])).code, 0, 'v5: the suite generated from the document');
  assert.equal((await runCli(['export', '--api', 'TMF663', '--target', 'localhost'])).code, 2);
  const help = await runCli(['export', '--help']);
  assert.equal(help.code, 0);
  assert.match(help.out, /newman run FILE --env-var baseUrl=/);
});
