/**
 * TMF666 Account. Party, billing and settlement accounts require `name` and `relatedParty` (document);
 * the financial account and the bill specifications require `name`. E3: a related party must carry
 * its id, @referredType and name (the document's RelatedParty required list).
 */
import type { FolderSuiteData, ResourceData } from '../../src/core/case-model.js';
import { EMAIL, PERIOD, LATER_PERIOD } from '../shared.js';

const PARTY = { id: 'tmf-ctk-party-1', name: 'Jane Buyer', role: 'owner', '@referredType': 'Individual' };

/** The kit's N1 request for a resource (`id`, `href` and the document's required attributes). */
const kit = (type: string, method = 'POST') => ({ kit: 'TMF666 CTK ctk/CTK-Account-4.0.0.postman_collection.json', request: `N1 › /${type} (${method}), requiredAttributes` });

const NAMED = (what: string, type: string, method?: string): Pick<ResourceData, 'minimal' | 'mandatory' | 'kit'> => ({
  minimal: { name: `tmf-ctk ${what} {{runId}}` },
  kit: kit(type, method),
  mandatory: [{ name: 'name', source: 'document' }],
});

function account(kind: string, type: string): ResourceData {
  const name = `tmf-ctk ${kind} {{runId}}`;
  return {
    minimal: { name, relatedParty: [PARTY] },
    kit: kit(type),
    rich: {
      '@type': type,
      name: `tmf-ctk rich ${kind} {{runId}}`,
      description: `A ${kind} with every common attribute`,
      accountType: 'residential',
      state: 'active',
      paymentStatus: 'paid',
      relatedParty: [PARTY],
      creditLimit: { unit: 'EUR', value: 500 },
      contact: [{ contactType: 'primary', contactName: 'Jane Buyer', validFor: PERIOD, contactMedium: [EMAIL] }],
      accountBalance: [{ balanceType: 'receivable', amount: { unit: 'EUR', value: 0 }, validFor: PERIOD }],
      taxExemption: [{ issuingJurisdiction: 'EU', reason: 'none', certificateNumber: 'TMF-CTK-1', validFor: PERIOD }],
    },
    patch: { description: 'changed by tmf-ctk', creditLimit: { unit: 'EUR', value: 750 } },
    mandatory: [{ name: 'name', source: 'document' }, { name: 'relatedParty', source: 'document' }],
    contextMissing: [{ title: 'with a related party without id', body: { name, relatedParty: [{ name: 'Jane Buyer', '@referredType': 'Individual' }] } }],
  };
}

export const suite: FolderSuiteData = {
  api: 'TMF666',
  features: { patch: false, delete: false, paging: false, notifications: false },
  resources: {
    partyAccount: account('party account', 'PartyAccount'),
    billingAccount: account('billing account', 'BillingAccount'),
    settlementAccount: account('settlement account', 'SettlementAccount'),
    financialAccount: {
      ...NAMED('financial account', 'FinancialAccount'),
      rich: {
        '@type': 'FinancialAccount', name: 'tmf-ctk rich financial account {{runId}}', description: 'Financial account of a household',
        accountType: 'household', state: 'active', relatedParty: [PARTY], creditLimit: { unit: 'EUR', value: 1000 },
        accountBalance: [{ balanceType: 'receivable', amount: { unit: 'EUR', value: 0 }, validFor: PERIOD }],
      },
      patch: { description: 'changed by tmf-ctk', creditLimit: { unit: 'EUR', value: 1500 } },
    },
    billingCycleSpecification: {
      ...NAMED('billing cycle', 'BillingCycleSpecification'),
      rich: {
        '@type': 'BillingCycleSpecification', name: 'tmf-ctk monthly cycle {{runId}}', description: 'Monthly billing on the 1st',
        frequency: 'monthly', billingPeriod: 'month', billingDateShift: 0, chargeDateOffset: 0, creditDateOffset: 0,
        mailingDateOffset: 2, paymentDueDateOffset: 14, validFor: PERIOD,
      },
      patch: { description: 'changed by tmf-ctk', validFor: LATER_PERIOD },
    },
    billFormat: {
      ...NAMED('bill format', 'BillFormat'),
      rich: { '@type': 'BillFormat', name: 'tmf-ctk detailed format {{runId}}', description: 'Detailed bill with every call' },
      patch: { description: 'changed by tmf-ctk' },
    },
    billPresentationMedia: {
      ...NAMED('bill media', 'BillPresentationMedia', 'GET'),
      rich: { '@type': 'BillPresentationMedia', name: 'tmf-ctk e-mail media {{runId}}', description: 'Bill sent by e-mail as PDF' },
      patch: { description: 'changed by tmf-ctk' },
    },
  },
};
