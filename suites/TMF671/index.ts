/**
 * TMF671 Promotion, v4.1.0 (default) and v4.0.0. Differences respected: v4.0.0 requires `name` on the
 * entity itself, v4.1.0 only on create; v4.1.0 adds `attachment` (its rich payload sends one, FLOW1
 * checks it round-trips), v4.0.0 has none; events come from each document (v4.0.0 adds
 * InformationRequiredEvent). `lifecycleStatus` is in the kit's list but neither document requires it:
 * its absence is an advisory.
 * What the generator derives from the document is not repeated here (docs/suites.md): the patch (of each
 * version's Promotion_Update), the filter and the attribute selected with `fields=` (`name`, as the kit
 * searches and selects), E3's payload.
 */
import type { FolderSuiteData } from '../../src/core/case-model.js';
import { PERIOD } from '../shared.js';
import { promotionFlows } from './flows.js';

const PATTERN = {
  name: '10 % off the first year', description: 'Discount for new fibre customers', priority: 1, validFor: PERIOD,
  criteriaGroupLogicalRelationship: 'AND',
  criteriaGroup: [{ groupName: 'new customers', criteriaLogicalRelationship: 'AND', criteria: [{ criteriaParameter: 'customerType', criteriaOperator: '=', criteriaValue: 'new' }] }],
  action: [{ actionType: 'discount', actionValue: '10' }],
};

const RICH = {
  '@type': 'Promotion',
  name: 'tmf-ctk promotion {{runId}}',
  description: 'First year 10 % off fibre',
  lifecycleStatus: 'active',
  promotionType: 'discount',
  validFor: PERIOD,
  pattern: [PATTERN],
};

export const ATTACHMENT = { name: 'Terms', description: 'Terms and conditions', mimeType: 'application/pdf', url: 'https://example.com/tmf-ctk/terms.pdf', attachmentType: 'termsAndConditions' };

const KIT = { kit: 'TMF671 CTK ctk/TMF671-Promotion-v4.1.0.testkit.json', request: 'N1 › /Promotion (POST), requiredAttributes' };

export const suite: FolderSuiteData = {
  api: 'TMF671',
  features: { patch: false, delete: false, paging: false, notifications: false },
  resources: {
    promotion: {
      // A name per run (`{{runId}}`): a run's records are its own, and N3 finds this run's by name.
      minimal: { name: 'tmf-ctk promotion {{runId}}' },
      // Realistic values: a discount pattern with criteria and an action; v4.1.0 adds an attachment (FLOW1 reads it).
      rich: { ...RICH, attachment: [ATTACHMENT] },
      // The kit request whose requiredAttributes check id and href: a TM Forum file the document does not name.
      kit: KIT,
      // v4.0.0's document requires name; v4.1.0's does not, the kit (v4.1.0) does. lifecycleStatus: in the
      // kit's list, required by neither document (a recommendation).
      mandatory: [
        { name: 'name', source: 'kit', cite: KIT },
        { name: 'lifecycleStatus', source: 'profile', level: 'advisory' },
      ],
    },
  },
  // v4.0.0 has no attachment.
  versions: {
    '4.0.0': { resources: { promotion: { rich: RICH } } },
  },
  flows: promotionFlows,
};
