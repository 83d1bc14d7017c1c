/**
 * TMF671 Promotion, v4.1.0 (default) and v4.0.0. Differences respected: v4.0.0 requires `name` on the
 * entity itself, v4.1.0 only on create; v4.1.0 adds `attachment` (its rich payload sends one, FLOW1
 * checks it round-trips), v4.0.0 has none; events come from each document (v4.0.0 adds
 * InformationRequiredEvent). `lifecycleStatus` is in the kit's list but neither document requires it:
 * its absence is an advisory.
 */
import type { SuiteData } from '../../src/core/case-model.js';
import { kitAttributes, kitCite, LATER_PERIOD, PERIOD } from '../shared.js';
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

export const suite: SuiteData = {
  api: 'TMF671',
  features: { patch: false, delete: false, paging: false, notifications: false },
  resources: {
    promotion: {
      minimal: { name: 'tmf-ctk promotion {{runId}}' },
      rich: { ...RICH, attachment: [ATTACHMENT] },
      // Not lifecycleStatus: its transitions are the server's business (the documents define none).
      patch: { description: 'changed by tmf-ctk', validFor: LATER_PERIOD },
      mandatory: [
        { name: 'name', source: 'document' },
        // The kit's requiredAttributes: href, id, name.
        ...kitAttributes(kitCite('TMF671 v4.1.0', 'ctk/TMF671-Promotion-v4.1.0.testkit.json', '/Promotion'), 'href', 'id'),
        { name: 'lifecycleStatus', source: 'profile', level: 'advisory' },
      ],
    },
  },
  versions: {
    '4.0.0': { resources: { promotion: { rich: RICH } } },
  },
  flows: promotionFlows,
};
