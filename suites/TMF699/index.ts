/**
 * TMF699 Sales. TM Forum's kit (N1): a sales lead answers `name`, `creationDate`, `status` and
 * `statusChangeDate` (the last three set by the server); the v4.0.0 document itself requires nothing.
 * What the generator derives from the document is not repeated here (docs/suites.md): the patch, the
 * attribute selected with `fields=` (the first filter, `name`), E3's payload.
 */
import type { FolderSuiteData } from '../../src/core/case-model.js';
import { EMAIL, NOTE, OFFERING, PARTY, PERIOD } from '../shared.js';

const KIT = { kit: 'TMF699 CTK ctk/699-Sales-4.0.0.postman_collection.json', request: 'N1 › /salesLead (POST), requiredAttributes' };

export const suite: FolderSuiteData = {
  api: 'TMF699',
  features: { patch: false, delete: false, paging: false, notifications: false },
  resources: {
    salesLead: {
      // A name per run (`{{runId}}`): a run's records are its own, and N3 finds this run's by name.
      minimal: { name: 'tmf-ctk lead {{runId}}' },
      // Realistic values: a business lead for an offering, with its revenue, contact and segment.
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
      // The kit request whose requiredAttributes check id and href: a TM Forum file the document does not name.
      kit: KIT,
      // The kit's requiredAttributes (the document requires nothing on the entity).
      mandatory: [
        { name: 'name', source: 'kit', cite: KIT },
        { name: 'creationDate', source: 'kit', cite: KIT },
        { name: 'status', source: 'kit', cite: KIT },
        { name: 'statusChangeDate', source: 'kit', cite: KIT },
      ],
      // The kit searches `salesLead?name=`, `?creationDate=`, `?status=` and `?statusChangeDate=` (N3); the
      // generator would search by the minimal payload's `name` alone (the others are set by the server).
      filters: ['name', 'creationDate', 'status', 'statusChangeDate'],
    },
  },
};
