/**
 * TMF663 Shopping Cart. The document makes no attribute mandatory (an empty cart may be created, items
 * added later), so E2 does not apply and the profile is id and href. Patch and delete are part of the
 * cart's life (items change, carts are abandoned): mandatory. FLOW1: totals follow price × quantity.
 * What the generator derives from the document is not repeated here (docs/suites.md): the minimal payload
 * (empty: nothing is required), the filters (the kit searches by id and href, which every suite does), E3's
 * payload missing an attribute mandatory in context.
 */
import type { FolderSuiteData } from '../../src/core/case-model.js';
import { EMAIL, OFFERING, PARTY, PERIOD } from '../shared.js';
import { cartFlows, item } from './flows.js';

export const suite: FolderSuiteData = {
  api: 'TMF663',
  features: { patch: true, delete: true, paging: false, notifications: false },
  resources: {
    shoppingCart: {
      // Realistic values: an item with a price whose totals add up (FLOW1's rule), a contact, a period.
      rich: {
        '@type': 'ShoppingCart',
        validFor: PERIOD,
        contactMedium: [EMAIL],
        relatedParty: [PARTY],
        cartItem: [item('1', 2, 30, OFFERING)],
      },
      // ShoppingCart_Update allows cartItem, contactMedium and relatedParty only. Not the generated cartItem
      // patch: a cart item changes the cart's totals (FLOW1 judges them) and carries no price of its own there.
      patch: { contactMedium: [{ ...EMAIL, characteristic: { emailAddress: 'jane.changed@example.com', contactType: 'work' } }] },
      // The kit request whose requiredAttributes check id and href: a TM Forum file the document does not name.
      kit: { kit: 'TMF663 CTK ctk/CTK-Shopping_Cart-4.0.0.postman_collection.json', request: 'N1 › /ShoppingCart (POST), requiredAttributes' },
      // N4/N5 select an attribute the created cart has (the rich payload's period): the selected attribute is
      // seen kept and the others dropped. The generator selects a text attribute and the cart has none (`id`).
      select: 'validFor',
    },
  },
  flows: cartFlows,
};
