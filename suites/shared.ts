import type { MandatoryAttribute } from '../src/core/case-model.js';
/** Values several suites share: a party, a period, a note. Payload strings carry `{{runId}}` so each run's data is its own. */
export const PARTY = { id: 'tmf-ctk-party-1', name: 'Jane Buyer', role: 'customer', '@referredType': 'Individual' };
export const PERIOD = { startDateTime: '2030-01-01T00:00:00.000Z', endDateTime: '2030-12-31T23:59:59.000Z' };
export const LATER_PERIOD = { startDateTime: '2031-01-01T00:00:00.000Z', endDateTime: '2031-06-30T23:59:59.000Z' };
export const NOTE = { text: 'Created by tmf-ctk {{runId}}', author: 'tmf-ctk', date: '2030-01-01T09:00:00.000Z' };
export const EMAIL = { mediumType: 'email', preferred: true, characteristic: { emailAddress: 'jane.buyer@example.com', contactType: 'personal' } };
export const OFFERING = { id: 'tmf-ctk-po-1', name: 'Fibre 1 Gbit/s', '@referredType': 'ProductOffering' };

/**
 * Kit parity: a response attribute one of TM Forum's v4 Conformance Test Kits requires (its test script's
 * `requiredAttributes`), cited as the kit's collection file and the request whose script checks it. The native
 * suites require each attribute the kits require (see docs/ctk.md for the table of what the kits check).
 */
export function kitAttributes(cite: string, ...names: string[]): MandatoryAttribute[] {
  return names.map((name) => ({ name, source: 'kit', cite }));
}

/** `TMF663 v4.0.0 CTK ctk/….postman_collection.json, request "/ShoppingCart" (N1, N2)`. */
export const kitCite = (kit: string, file: string, request: string): string => `${kit} CTK ${file}, request "${request}" (N1, N2: requiredAttributes)`;
