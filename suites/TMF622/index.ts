/**
 * TMF622 Product Ordering. Profile (TMF622 conformance profile v4.0.0, table "ProductOrder Resource Mandatory
 * Attributes"; TM Forum's kit checks the same in N1): an order answers `orderDate` and `state` besides the
 * document's `productOrderItem`. A cancel request answering `state` is only recommended: the profile's
 * mandatory resources are ProductOrder alone, the kit never calls cancelProductOrder and the document
 * requires only `productOrder`.
 * `state` changes by itself (acknowledged → inProgress → completed), so N3 does not search by it: FLOW1
 * does, once the order has reached a final state. Orders are not patched or deleted in the certification
 * (their life is the state machine): patch and delete are optional.
 * What the generator derives from the document is not repeated here (docs/suites.md): the patch, E3's payloads
 * missing an attribute mandatory in context, the cancel request's minimal payload and its `requires`.
 */
import type { FolderSuiteData } from '../../src/core/case-model.js';
import { NOTE, OFFERING, PARTY } from '../shared.js';
import { orderFlows } from './flows.js';

const PROFILE = { profile: 'TMF622 Product Ordering Conformance Profile', version: '4.0.0', table: 'ProductOrder Resource Mandatory Attributes' };
const KIT = { kit: 'TMF622 CTK ctk/TMF622-ProductOrdering-v4.0.0.testkit.json', request: 'N1 › /ProductOrder (POST), requiredAttributes' };

export const suite: FolderSuiteData = {
  api: 'TMF622',
  features: { patch: false, delete: false, paging: false, notifications: false },
  resources: {
    productOrder: {
      // relatedParty: the kit's payload schema requires it and its requiredAttributes check it comes back
      // (the document does not require it, so the generator leaves it out).
      minimal: { productOrderItem: [{ id: '1', action: 'add' }], relatedParty: [PARTY] },
      // Realistic values (an offering, a characteristic, a channel): the generator's are placeholders.
      rich: {
        '@type': 'ProductOrder',
        externalId: 'tmf-ctk-{{runId}}',
        description: 'tmf-ctk order with every common attribute',
        category: 'residential',
        priority: '1',
        notificationContact: 'jane.buyer@example.com',
        requestedStartDate: '2030-01-02T08:00:00.000Z',
        requestedCompletionDate: '2030-01-10T18:00:00.000Z',
        channel: [{ id: 'tmf-ctk-channel-web', name: 'Online shop', role: 'sales channel', '@referredType': 'SalesChannel' }],
        note: [NOTE],
        relatedParty: [PARTY],
        billingAccount: { id: 'tmf-ctk-ba-1', name: 'Main billing account', '@referredType': 'BillingAccount' },
        productOrderItem: [{
          id: '1', action: 'add', quantity: 1, productOffering: OFFERING,
          product: { isBundle: false, productCharacteristic: [{ name: 'speed', valueType: 'string', value: '1G' }] },
        }],
      },
      // The kit request whose requiredAttributes check id and href: a TM Forum file the document does not name.
      kit: KIT,
      // The profile's href row: "Value in response must be the same as the one set in Location header".
      location: PROFILE,
      // The profile's and the kit's attributes, beyond the document's required list.
      mandatory: [
        { name: 'orderDate', source: 'profile', cite: PROFILE },
        { name: 'state', source: 'profile', cite: PROFILE },
        { name: 'relatedParty', source: 'kit', cite: KIT },
      ],
      // The kit searches `productOrder?orderDate=` (N3) and selects `fields=orderDate` (the generated select
      // follows the first filter). Not `state`: it changes by itself (the state machine), FLOW1 searches by it.
      filters: ['orderDate'],
    },
    cancelProductOrder: {
      // The generator derives the rest: the minimal payload and `requires` (the productOrder the cancel request
      // names, created first as productOrderRef), the filters, `fields=cancellationReason`, E3.
      rich: {
        '@type': 'CancelProductOrder',
        cancellationReason: 'Duplicate order (tmf-ctk)',
        requestedCancellationDate: '2030-01-01T10:00:00.000Z',
        productOrder: { id: '{{productOrderRef.id}}', href: '{{productOrderRef.href}}', '@referredType': 'ProductOrder' },
      },
      // No checkable source requires it (see above): a recommendation, never a failure.
      mandatory: [{ name: 'state', source: 'profile', level: 'advisory' }],
    },
  },
  flows: orderFlows,
};
