/**
 * Our suites check everything the kits check (docs/ctk.md): every attribute the five v4 kits list in
 * `requiredAttributes` for a resource is a binding rule of that resource's native N1 (a failure, not a
 * recommendation), with a citation a reader can check. The lists are read from TM Forum's kits (the kit file
 * each suite cites); the kits themselves are never committed (RAND notice).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { suiteFor } from '../../src/composition.js';
import type { MandatoryAttribute } from '../../src/core/case-model.js';
import { isCitation } from '../../src/core/citation.js';
import { loadApis } from '../../src/document/load.js';
import { buildCases } from '../../src/suite/generate.js';

const NAME_HREF_ID = ['name', 'href', 'id'];
const KIT_REQUIRED: Record<string, Record<string, string[]>> = {
  TMF663: { ShoppingCart: ['href', 'id'] },
  TMF622: { ProductOrder: ['productOrderItem', 'href', 'id', 'orderDate', 'relatedParty', 'state'] },
  TMF666: {
    BillFormat: NAME_HREF_ID, BillingCycleSpecification: NAME_HREF_ID, FinancialAccount: NAME_HREF_ID, BillPresentationMedia: NAME_HREF_ID,
    PartyAccount: [...NAME_HREF_ID, 'relatedParty'], BillingAccount: [...NAME_HREF_ID, 'relatedParty'], SettlementAccount: [...NAME_HREF_ID, 'relatedParty'],
  },
  TMF671: { Promotion: ['href', 'id', 'name'] },
  TMF699: { SalesLead: ['id', 'href', 'creationDate', 'name', 'status', 'statusChangeDate'] },
};

describe('the native N1 binds every attribute the kits\' requiredAttributes name, citing a checkable source', () => {
  for (const api of loadApis(Object.keys(KIT_REQUIRED).join(','))) {
    it(api.id, () => {
      const cases = buildCases(api, {}, suiteFor(api));
      for (const [resource, required] of Object.entries(KIT_REQUIRED[api.id]!)) {
        const n1 = cases.find((c) => c.id === `TC_${resource}_N1`);
        assert.ok(n1, `TC_${resource}_N1 exists`);
        const rules = n1.steps.flatMap((s) => s.checks).filter((u) => u.id === 'mandatory-attributes')
          .flatMap((u) => (u.params?.attributes ?? []) as MandatoryAttribute[]);
        const bound = new Set(rules.filter((r) => r.level !== 'advisory' && isCitation(r.cite)).map((r) => r.name));
        assert.deepEqual(required.filter((a) => !bound.has(a)), [], `${api.id} ${resource}: kit attributes the native N1 does not fail on`);
        const kitCited = rules.filter((r) => r.source === 'kit');
        assert.ok(kitCited.length > 0 && kitCited.every((r) => required.includes(r.name)), `${api.id} ${resource}: a rule cited to the kit is in the kit's list`);
      }
    });
  }
});
