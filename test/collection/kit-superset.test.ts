/**
 * "Conformant here" implies "passes there": against the TMF663 fixture server (test/fixtures/targets, a second
 * implementation) with one defect at a time, whenever a kit-style collection (the fixture kit, whose checks are
 * those TM Forum's TMF663 kit makes: status, requiredAttributes, search by href and by id, 404) fails, the
 * native TMF663 suite fails a mandatory case too. Without a defect both pass.
 */
import assert from 'node:assert/strict';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { runKit } from '../../src/collection/index.ts';
import { runConformance } from '../../src/composition.ts';
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
    { defect: 'missing-mandatory', kit: /TC_ShoppingCart_N1: Instance has all mandatory attributes/, native: /TC_ShoppingCart_N1: .*misses href \(kit: /ms },
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
