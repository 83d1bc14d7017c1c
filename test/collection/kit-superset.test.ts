/**
 * "Conformant here" implies "passes there": against the TMF663 fixture server (test/fixtures/targets, a second
 * implementation) with one defect at a time, whenever a kit-style collection (the fixture kit, whose checks are
 * those TM Forum's TMF663 kit makes: status, requiredAttributes, search by href and by id, 404) fails, the
 * native TMF663 suite fails a mandatory case too. Without a defect both pass. The same for TMF622 in front of
 * the mock: a proxy drops one attribute the TMF622 kit's requiredAttributes name, and a kit-style collection
 * (the kit's N1 checks, written here) and the native suite both fail.
 */
import assert from 'node:assert/strict';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { runCollection, runKit, type PostmanCollection } from '../../src/collection/index.ts';
import { createMockServer, runConformance } from '../../src/composition.ts';
import { startHrefDroppingProxy } from './defect-proxy.ts';
import { startTmf663, type Defect } from '../fixtures/targets/tmf663.ts';

const KIT = fileURLToPath(new URL('../fixtures/ctk/TMF663-Mini-kit', import.meta.url));
const COLLECTION = 'ctk/Mini-Cart-4.0.0.postman_collection.json';
const quick = { eventTimeoutMs: 1000, quietMs: 100 };
let dir: string;
let kit: string;

/** The fixture kit without its one assertion no server can pass (the error wording it made up). */
before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'tmf-ctk-kit-'));
  kit = join(dir, 'TMF663-Mini-kit');
  await cp(KIT, kit, { recursive: true });
  const collection = JSON.parse(await readFile(join(kit, COLLECTION), 'utf8'));
  for (const folder of collection.item) {
    for (const item of folder.item) {
      for (const e of item.event ?? []) e.script.exec = e.script.exec.filter((l: string) => !l.includes('kit wording'));
    }
  }
  await writeFile(join(kit, COLLECTION), JSON.stringify(collection));
});

after(() => rm(dir, { recursive: true, force: true }));

async function both(defects: Defect[]): Promise<{ kitFailures: string[]; nativeFailures: string[] }> {
  const target = await startTmf663(defects);
  try {
    const k = await runKit({ kit, target: target.url, timeoutMs: 2000 });
    const n = await runConformance({ target: target.url, apis: ['TMF663'], timeoutMs: 2000, config: quick });
    return {
      kitFailures: k.apis[0]!.cases.flatMap((c) => c.checks.filter((x) => x.status === 'fail').map((x) => `${c.id}: ${x.check}`)),
      nativeFailures: n.apis[0]!.cases.filter((c) => c.status === 'fail' && c.mandatory).map((c) => `${c.id}: ${c.reason}`),
    };
  } finally {
    await target.close();
  }
}

describe('the native suite fails wherever the kit-style collection fails', () => {
  it('no defect: both pass', async () => {
    assert.deepEqual(await both([]), { kitFailures: [], nativeFailures: [] });
  });

  const DEFECTS: Array<{ defect: Defect; kit: RegExp; native: RegExp }> = [
    { defect: 'ignore-href-filter', kit: /TC_ShoppingCart_N2: The cart is found by href/, native: /TC_ShoppingCart_N3: search by href: list-contains/ },
    { defect: 'missing-mandatory', kit: /TC_ShoppingCart_N1: Instance has all mandatory attributes/, native: /TC_ShoppingCart_N1: .*misses href \(kit\)/ms },
    { defect: 'wrong-status', kit: /TC_ShoppingCart_E1: Status code is 404/, native: /TC_ShoppingCart_E1: .*expected 404, got 400/ },
    { defect: 'ignore-filter', kit: /TC_ShoppingCart_N2: The cart is found by href/, native: /TC_ShoppingCart_N3: .*filter-applied/ },
    { defect: 'schema-invalid', kit: /TC_ShoppingCart_N1: validFor is the configured one/, native: /TC_ShoppingCart_N2: .*response-schema/ },
  ];
  for (const d of DEFECTS) {
    it(d.defect, async () => {
      const { kitFailures, nativeFailures } = await both([d.defect]);
      assert.ok(kitFailures.some((f) => d.kit.test(f)), `the kit-style collection fails: ${kitFailures.join('; ')}`);
      assert.ok(nativeFailures.some((f) => d.native.test(f)), `the native suite fails too: ${nativeFailures.join('; ')}`);
    });
  }
});

/** The TMF622 kit's N1 checks (status, requiredAttributes), in a collection of tmf-ctk's own. */
const REQUIRED_622 = ['productOrderItem', 'href', 'id', 'orderDate', 'relatedParty', 'state'];
const order622: PostmanCollection = {
  info: { name: 'kit-style TMF622', schema: 'https://schema.getpostman.com/json/collection/v2.1.0/collection.json' },
  item: [{
    name: 'TC_ProductOrder_N1 create and retrieve',
    item: [
      { name: 'create', request: { method: 'POST', url: '{{Product_Ordering}}productOrder', header: [{ key: 'Content-Type', value: 'application/json' }],
        body: { mode: 'raw', raw: JSON.stringify({ productOrderItem: [{ id: '1', action: 'add' }], relatedParty: [{ id: '456', '@referredType': 'Individual' }] }) } },
      event: [{ listen: 'test', script: { exec: [
        "pm.test('Status code is 201', function () { pm.response.to.have.status(201); });",
        'var instance = pm.response.json();',
        `pm.test('Instance has all mandatory attributes', function () { pm.expect(Object.keys(instance)).to.include.members(${JSON.stringify(REQUIRED_622)}); });`,
        "pm.globals.set('IDPO01', instance.id);",
      ] } }] },
      { name: 'retrieve', request: { method: 'GET', url: '{{Product_Ordering}}productOrder/{{IDPO01}}' },
        event: [{ listen: 'test', script: { exec: [
          "pm.test('Status code is 200', function () { pm.response.to.have.status(200); });",
          `pm.test('Instance has all mandatory attributes', function () { pm.expect(Object.keys(pm.response.json())).to.include.members(${JSON.stringify(REQUIRED_622)}); });`,
        ] } }] },
    ],
  }],
};

describe('TMF622: the native suite requires what the kit requires', () => {
  const mock = createMockServer({ log: () => undefined, clockMs: 20 });
  let url: string;
  before(async () => { url = await mock.listen(); });
  after(() => mock.close());

  async function both622(target: string): Promise<{ kitFailures: string[]; nativeFailures: string[] }> {
    const k = await runCollection({ collection: order622, envVars: { Product_Ordering: `${target}/tmf-api/productOrderingManagement/v4/` }, baseUrlVariable: 'Product_Ordering' });
    const n = await runConformance({ target, apis: ['TMF622'], timeoutMs: 5000, config: quick });
    return {
      kitFailures: k.apis[0]!.cases.flatMap((c) => c.checks.filter((x) => x.status === 'fail').map((x) => `${x.check}: ${x.reason}`)),
      nativeFailures: n.apis[0]!.cases.filter((c) => c.status === 'fail' && c.mandatory).map((c) => `${c.id}: ${c.reason}`),
    };
  }

  it('no defect: both pass', async () => {
    assert.deepEqual(await both622(url), { kitFailures: [], nativeFailures: [] });
  });

  for (const attribute of ['relatedParty', 'orderDate']) {
    it(`${attribute} dropped from every answer: both fail, the native suite citing the kit`, async (t) => {
      const proxy = await startHrefDroppingProxy(url, attribute);
      t.after(() => proxy.close());
      const { kitFailures, nativeFailures } = await both622(proxy.url);
      assert.ok(kitFailures.some((f) => f.startsWith('Instance has all mandatory attributes')), kitFailures.join('; '));
      const n1 = nativeFailures.find((f) => f.startsWith('TC_ProductOrder_N1:'));
      assert.match(n1 ?? nativeFailures.join('; '), new RegExp(`misses ${attribute} \\((kit|profile)\\)`));
    });
  }
});
