/** Values several suites share: a party, a period, a note. Payload strings carry `{{runId}}` so each run's data is its own. */
export const PARTY = { id: 'tmf-ctk-party-1', name: 'Jane Buyer', role: 'customer', '@referredType': 'Individual' };
export const PERIOD = { startDateTime: '2030-01-01T00:00:00.000Z', endDateTime: '2030-12-31T23:59:59.000Z' };
export const NOTE = { text: 'Created by tmf-ctk {{runId}}', author: 'tmf-ctk', date: '2030-01-01T09:00:00.000Z' };
export const EMAIL = { mediumType: 'email', preferred: true, characteristic: { emailAddress: 'jane.buyer@example.com', contactType: 'personal' } };
export const OFFERING = { id: 'tmf-ctk-po-1', name: 'Fibre 1 Gbit/s', '@referredType': 'ProductOffering' };
