/**
 * TMF663 Shopping Cart. The document makes no attribute mandatory (an empty cart may be created, items
 * added later), so E2 does not apply and the profile is id and href. Patch and delete are part of the
 * cart's life (items change, carts are abandoned): mandatory. FLOW1: totals follow price × quantity.
 */
import type { FolderSuiteData } from '../../src/core/case-model.js';
import { EMAIL, OFFERING, PARTY, PERIOD } from '../shared.js';
import { cartFlows, item } from './flows.js';

export const suite: FolderSuiteData = {
  api: 'TMF663',
  features: { patch: true, delete: true, paging: false, notifications: false },
  resources: {
    shoppingCart: {
      minimal: {},
      rich: {
        '@type': 'ShoppingCart',
        validFor: PERIOD,
        contactMedium: [EMAIL],
        relatedParty: [PARTY],
        cartItem: [item('1', 2, 30, OFFERING)],
      },
      // ShoppingCart_Update allows cartItem, contactMedium and relatedParty only.
      patch: { contactMedium: [{ ...EMAIL, characteristic: { emailAddress: 'jane.changed@example.com', contactType: 'work' } }] },
      kit: { kit: 'TMF663 CTK ctk/CTK-Shopping_Cart-4.0.0.postman_collection.json', request: 'N1 › /ShoppingCart (POST), requiredAttributes' },
      mandatory: [],
      select: 'validFor',
    },
  },
  flows: cartFlows,
};
