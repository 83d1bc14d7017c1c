/**
 * Reading a kit: index.js's recipe from its text in the layout variants of TM Forum's v4 kits (config read or
 * required, schemas under ctk/ or the kit root, repeated payload blocks), kit files from zips (one top folder
 * or none, entries leaving the kit ignored), and the advisories of a TMF699-like kit whose config names its
 * payload in another case than index.js. The texts here are tmf-ctk's own, written in the kits' shape.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import AdmZip from 'adm-zip';
import { openKit, prepareKit, type KitFiles } from '../../src/collection/index.ts';
import { cannotFail } from '../../src/collection/kit-lint.ts';
import { payloadSlots, readRecipe } from '../../src/collection/kit-recipe.ts';
import { isCtkError } from '../../src/errors.ts';
import { tempDir } from '../reporters/helpers.ts';

const SALES_INDEX = `
const fs = require('fs');
config = require('../config.json')
var pmCollection = require('./Sales-4.0.0.postman_collection.json');
Object.keys(config['payloads']).forEach(resource => {
    var schema = require('../schemas/'+resource+'.schema.json');
    if (resource == "SalesLead") {
        pmCollection['item'][0]['item'][0]['request']['body']['raw'] = JSON.stringify(config['payloads'][resource]['POST']['payload'])
    }
});
function exportEnvironment(){
    var environmentFile = "SALES_ENV.postman_environment.json";
    envJson.values.forEach(element => { if (element.key == "Sales_API"){ element.value = config['url']; } });
}`;

const COLLECTION = {
  info: { name: 'CTK-Sales-4.0.0', schema: 'https://schema.getpostman.com/json/collection/v2.1.0/collection.json' },
  item: [{ name: 'N1', item: [{ name: '/salesLead', request: { method: 'POST', url: '{{Sales_API}}salesLead', header: [], body: { mode: 'raw', raw: '{"name":"own body"}' } } }] }],
};

function memoryKit(name: string, files: Record<string, string>): KitFiles {
  return { name, paths: Object.keys(files).sort(), read: (p) => files[p], sha256: () => undefined };
}

const salesKit = (config: unknown) => memoryKit('TMF699-Sales-4.0.0.zip', {
  'config.json': JSON.stringify(config),
  'ctk/index.js': SALES_INDEX,
  'ctk/Sales-4.0.0.postman_collection.json': JSON.stringify(COLLECTION),
  'ctk/SALES_ENV.postman_environment.json': JSON.stringify({ values: [{ key: 'Sales_API', value: 'http://x/', enabled: true }] }),
  'schemas/SalesLead.schema.json': JSON.stringify({ $schema: 'http://json-schema.org/draft-04/schema#', type: 'object', required: ['name'] }),
});

test('the recipe of a TMF699-like index.js: config required from the kit root, schemas at the root, base URL variable', () => {
  const r = readRecipe(salesKit({}));
  assert.deepEqual(r, {
    indexFile: 'ctk/index.js', configFile: 'config.json', collectionFile: 'ctk/Sales-4.0.0.postman_collection.json',
    environmentFile: 'ctk/SALES_ENV.postman_environment.json', baseUrlVariable: 'Sales_API',
    schema: { dir: 'schemas', suffix: '.schema.json' }, slots: [{ resource: 'SalesLead', items: [0, 0] }],
  });
});

test('payload slots: every block, a repeated one once, === and single quotes too', () => {
  const index = `
    if (resource == "BillFormat") { pmCollection['item'][0]['item'][0]['request']['body']['raw'] = x }
    if (resource == "BillingCycleSpecification") { pmCollection['item'][6]['item'][0]['request']['body']['raw'] = x }
    if (resource == "BillingCycleSpecification") { pmCollection['item'][6]['item'][0]['request']['body']['raw'] = x }
    if (resource === 'Promotion') { pmCollection["item"][17]["item"][1]["request"]["body"]["raw"] = x }`;
  assert.deepEqual(payloadSlots(index), [
    { resource: 'BillFormat', items: [0, 0] }, { resource: 'BillingCycleSpecification', items: [6, 0] }, { resource: 'Promotion', items: [17, 1] },
  ]);
});

test('a payload named in another case than index.js compares: no place to go, the schema found ignoring case; a refused one is CONFIG_INVALID', () => {
  const kit = prepareKit(salesKit({ url: 'http://x/', headers: {}, payloads: { salesLead: { POST: { payload: { name: 'lead' } } } } }));
  const n1 = kit.cases[0]!;
  assert.equal(n1.id, 'TC_SalesLead_N1');
  assert.deepEqual(n1.advisories?.map((a) => /^\[([a-z-]+)\]/.exec(a)?.[1]), ['kit-schema-name', 'kit-payload-name']);
  assert.match(n1.advisories![1]!, /"salesLead" .* has no place to go: ctk\/index\.js puts only a payload named "SalesLead" \(the case differs\)/);
  const request = kit.collection.item[0]!.item![0]!.request as { body: { raw: string } };
  assert.equal(request.body.raw, '{"name":"own body"}', 'as index.js: the collection\'s own body is sent');
  assert.equal(kit.apiId, 'TMF699');
  assert.throws(() => prepareKit(salesKit({ headers: {}, payloads: { salesLead: { POST: { payload: { title: 'no name' } } } } })),
    (e) => isCtkError(e) && e.code === 'CONFIG_INVALID' && /\/name \[required\]/.test(e.message));
});

test('a folder without ctk/index.js is not a kit (INPUT_READ)', () => {
  assert.throws(() => readRecipe(memoryKit('x', { 'config.json': '{}' })), (e) => isCtkError(e) && e.code === 'INPUT_READ' && /no ctk\/index\.js/.test(e.message));
});

test('zips: files at the root or under one top folder; entries leaving the kit and other files are not read', async (t) => {
  const dir = await tempDir(t);
  const rooted = new AdmZip();
  rooted.addFile('config.json', Buffer.from('{}'));
  rooted.addFile('ctk/index.js', Buffer.from('//'));
  rooted.addFile('README.md', Buffer.from('text'));
  rooted.writeZip(join(dir, 'a.zip'));
  assert.deepEqual((await openKit(join(dir, 'a.zip'))).paths, ['config.json', 'ctk/index.js']);
  const nested = new AdmZip();
  nested.addFile('Kit-1/config.json', Buffer.from('{}'));
  nested.addFile('Kit-1/ctk/index.js', Buffer.from('//'));
  nested.addFile('__MACOSX/Kit-1/._config.json', Buffer.from('x'));
  nested.writeZip(join(dir, 'b.zip'));
  const kit = await openKit(join(dir, 'b.zip'));
  assert.deepEqual(kit.paths, ['config.json', 'ctk/index.js']);
  assert.equal(kit.read('config.json'), '{}');
  const evil = new AdmZip();
  evil.addFile('config.json', Buffer.from('{}'));
  evil.addFile('x.json', Buffer.from('{}'));
  evil.getEntries()[1]!.entryName = '../../outside.json';
  evil.writeZip(join(dir, 'c.zip'));
  assert.deepEqual((await openKit(join(dir, 'c.zip'))).paths, ['config.json']);
  await assert.rejects(openKit(join(dir, 'missing.zip')), (e) => isCtkError(e) && e.code === 'INPUT_READ');
});

test('an assertion that cannot fail: pm.expect(a) == b, never a matcher or an expression inside', () => {
  assert.deepEqual(cannotFail(`pm.test('x', function() {pm.expect(instance['href']) == pm.globals.get('HREF');});`), ["pm.expect(instance['href']) == …"]);
  assert.deepEqual(cannotFail('pm.expect(f(a)) !== b'), ['pm.expect(f(a)) !== …']);
  assert.deepEqual(cannotFail('pm.expect(a).to.eql(b); pm.expect(a === b).to.be.true; pm.expect(x)\n.to.equal(1)'), []);
});
