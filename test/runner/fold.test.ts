/**
 * The five certified APIs on the generator (issue #13): a suites/<API>/ folder's resource data is layered over
 * the data generated from the document, field by field (src/composition.ts foldedSuite), and the folders set
 * a field the generator derives only with a reason, listed here.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { foldedSuite, suiteFor, SUITES } from '../../src/composition.js';
import type { FolderResourceData, FolderSuiteData, ResourceData } from '../../src/core/case-model.js';
import { loadApi } from '../../src/document/load.js';
import { DEFAULT_SEED, resourceData } from '../../src/generate/suite.js';

describe('a folder\'s resource data is layered over the generated data', () => {
  const api = loadApi('TMF663');
  const cart = api.resources.find((r) => r.name === 'shoppingCart')!;
  const rich = { '@type': 'ShoppingCart', relatedParty: [{ id: 'p1', name: 'Jane', '@referredType': 'Individual' }] };
  const folder = (resource: FolderResourceData): FolderSuiteData => ({
    api: 'TMF663', features: { patch: true, delete: true, paging: false, notifications: false }, resources: { shoppingCart: resource },
    flows: () => [],
  });

  it('a field the folder leaves out is generated (patch, contextMissing, minimal, filters, select)', () => {
    const got = foldedSuite(api, folder({ rich }), 7).resources.shoppingCart!;
    const generated = resourceData(api, cart, 7, { rich });
    assert.ok(generated.patch && Object.keys(generated.patch).length > 0, 'the document allows a patch');
    assert.deepEqual(got.patch, generated.patch);
    assert.ok(got.contextMissing?.length, 'E3 found by validating');
    assert.deepEqual(got.contextMissing, generated.contextMissing);
    // Derived from the folder's payload: its related party without its id.
    assert.deepEqual(got.contextMissing![0]!.body, { relatedParty: [{ name: 'Jane', '@referredType': 'Individual' }] });
    assert.deepEqual(got.minimal, {});
    assert.deepEqual(got.rich, rich);
    assert.deepEqual(got.mandatory, []);
    assert.equal(got.select, generated.select);
  });

  it('a field the folder sets wins; the suite-level fields stay the folder\'s', () => {
    const patch = { contactMedium: [{ mediumType: 'email', characteristic: { emailAddress: 'a@example.com' } }] };
    const f = folder({ rich, patch, select: 'validFor', contextMissing: [] });
    const got = foldedSuite(api, f, 8);
    assert.deepEqual(got.resources.shoppingCart!.patch, patch);
    assert.equal(got.resources.shoppingCart!.select, 'validFor');
    assert.deepEqual(got.resources.shoppingCart!.contextMissing, []);
    assert.equal(got.flows, f.flows);
    assert.deepEqual(got.features, f.features);
    assert.equal(got.generated, undefined);
  });

  it('same-document references come from the generator: TMF622\'s cancel request creates its productOrder first', () => {
    const suite = suiteFor(loadApi('TMF622'))!;
    const cancel = suite.resources.cancelProductOrder!;
    assert.deepEqual(cancel.requires, [{ resource: 'productOrder', as: 'productOrderRef' }]);
    assert.equal((cancel.minimal.productOrder as { id: string }).id, '{{productOrderRef.id}}');
    assert.deepEqual(suite.resources.productOrder!.filters, ['orderDate'], 'the folder\'s (the kit\'s search)');
  });

  it('generated once per loaded model and seed', () => {
    const a = loadApi('TMF699');
    assert.equal(suiteFor(a), suiteFor(a));
    assert.notEqual(suiteFor(a), suiteFor(a, 2));
  });
});

/** The fields of ResourceData the generator derives from the document (src/generate/suite.ts resourceData). */
const GENERATOR_OWNED = ['minimal', 'rich', 'patch', 'filters', 'select', 'contextMissing', 'requires', 'patchQuery', 'unavailable'] as const;

const RUN_NAME = 'a name per run ({{runId}}): a run\'s records are its own; the generator\'s is fixed';
const REALISTIC = 'realistic values; the generator\'s are placeholders';

/** Every generator-owned field a folder sets, with why the generator cannot know it (the folder's comment says the same). */
const ALLOWED: Record<string, string> = {
  'TMF622 productOrder minimal': 'relatedParty: the kit\'s payload schema requires it, the document does not',
  'TMF622 productOrder rich': REALISTIC,
  'TMF622 productOrder filters': 'the kit searches productOrder?orderDate= (and selects fields=orderDate); state changes by itself',
  'TMF622 cancelProductOrder rich': REALISTIC,
  'TMF663 shoppingCart rich': 'realistic values: an item whose price adds up (FLOW1)',
  'TMF663 shoppingCart patch': 'a generated cart item patch changes the totals and carries no price',
  'TMF663 shoppingCart select': 'the cart has no text attribute: the generator would select id',
  ...Object.fromEntries(['partyAccount', 'billingAccount', 'settlementAccount', 'financialAccount', 'billingCycleSpecification', 'billFormat', 'billPresentationMedia']
    .flatMap((r) => [[`TMF666 ${r} minimal`, RUN_NAME], [`TMF666 ${r} rich`, REALISTIC]])),
  'TMF671 promotion minimal': RUN_NAME,
  'TMF671 promotion rich': REALISTIC,
  'TMF671@4.0.0 promotion rich': 'v4.0.0 has no attachment',
  'TMF699 salesLead minimal': RUN_NAME,
  'TMF699 salesLead rich': REALISTIC,
  'TMF699 salesLead filters': 'the kit searches salesLead?name=, ?creationDate=, ?status=, ?statusChangeDate=',
};

describe('the folders set a generator-owned field only with a reason', () => {
  const set: Array<{ key: string; api: string; resource: string; field: (typeof GENERATOR_OWNED)[number]; value: unknown; given: FolderResourceData }> = [];
  for (const [id, folder] of Object.entries(SUITES)) {
    const layers: Array<[string, Record<string, FolderResourceData>]> = [[id, folder.resources],
      ...Object.entries(folder.versions ?? {}).map(([v, x]): [string, Record<string, FolderResourceData>] => [`${id}@${v}`, x.resources ?? {}])];
    for (const [label, resources] of layers) {
      for (const [resource, data] of Object.entries(resources)) {
        const given = label === id ? data : { ...folder.resources[resource], ...data };
        for (const field of GENERATOR_OWNED) {
          if (Object.hasOwn(data, field)) set.push({ key: `${label} ${resource} ${field}`, api: label.includes('@') ? label : id, resource, field, value: data[field], given });
        }
      }
    }
  }

  it('every generator-owned field a folder sets is in the allow-list, with a reason, and the list has nothing else', () => {
    assert.deepEqual(set.map((s) => s.key).sort(), Object.keys(ALLOWED).sort());
    for (const [k, why] of Object.entries(ALLOWED)) assert.ok(why.length > 10, `${k}: a reason`);
  });

  it('a field a folder keeps differs from what the generator would give (else it is redundant)', () => {
    for (const s of set) {
      const api = loadApi(s.api);
      const r = api.resources.find((x) => x.name === s.resource)!;
      const { [s.field]: _kept, ...rest } = s.given;
      const generated = resourceData(api, r, DEFAULT_SEED, rest as Partial<ResourceData>);
      assert.notDeepEqual(generated[s.field], s.value, `${s.key}: the generator gives the same`);
    }
  });
});
