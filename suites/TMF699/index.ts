/**
 * TMF699 Sales. Profile (TM Forum's kit): a sales lead answers `creationDate`, `status` and
 * `statusChangeDate`, set by the server, besides the document's mandatory `name`.
 */
import type { SuiteData } from '../../src/core/case-model.js';
import { EMAIL, kitAttributes, kitCite, NOTE, OFFERING, PARTY, PERIOD } from '../shared.js';

export const suite: SuiteData = {
  api: 'TMF699',
  features: { patch: false, delete: false, paging: false, notifications: false },
  resources: {
    salesLead: {
      minimal: { name: 'tmf-ctk lead {{runId}}' },
      rich: {
        '@type': 'SalesLead',
        name: 'tmf-ctk rich lead {{runId}}',
        description: 'Small business interested in fibre and TV',
        rating: 'hot',
        type: 'business',
        priority: 'high',
        referredDate: '2030-01-05T10:00:00.000Z',
        estimatedRevenue: { unit: 'EUR', value: 1200 },
        category: { id: 'tmf-ctk-cat-1', name: 'Broadband' },
        channel: { id: 'tmf-ctk-channel-web', name: 'Online shop' },
        marketSegment: { id: 'tmf-ctk-seg-1', name: 'SMB' },
        productOffering: OFFERING,
        prospectContact: [EMAIL],
        relatedParty: [PARTY],
        note: [NOTE],
        validFor: PERIOD,
      },
      patch: { description: 'changed by tmf-ctk', rating: 'warm' },
      mandatory: [
        { name: 'name', source: 'document' },
        // The kit's requiredAttributes: id, href, creationDate, name, status, statusChangeDate.
        ...kitAttributes(kitCite('TMF699 v4.0.0', 'ctk/699-Sales-4.0.0.postman_collection.json', '/salesLead'), 'href', 'id', 'creationDate', 'status', 'statusChangeDate'),
      ],
    },
  },
};
