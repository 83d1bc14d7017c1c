/**
 * TMF666 Account. Party, billing and settlement accounts require `name` and `relatedParty` (document);
 * the financial account and the bill specifications require `name`. E3: a related party must carry
 * its id, @referredType and name (the document's RelatedParty required list).
 * What the generator derives from the document is not repeated here (docs/suites.md): the mandatory
 * attributes (the document's required lists are the kit's, cited by pointer), the patches, the filter and
 * the attribute selected with `fields=` (`name`, as the kit searches and selects), E3's payloads.
 */
import type { FolderResourceData, FolderSuiteData } from '../../src/core/case-model.js';
import { EMAIL, PERIOD } from '../shared.js';

const PARTY = { id: 'tmf-ctk-party-1', name: 'Jane Buyer', role: 'owner', '@referredType': 'Individual' };

/** The kit's N1 request, whose requiredAttributes check `id` and `href`: a TM Forum file the document does not name. */
const kit = (type: string, method = 'POST'): Pick<FolderResourceData, 'kit'> => ({
  kit: { kit: 'TMF666 CTK ctk/CTK-Account-4.0.0.postman_collection.json', request: `N1 › /${type} (${method}), requiredAttributes` },
});

/** A name per run (`{{runId}}`): a run's records are its own, and N3 finds this run's by name. */
const NAMED = (what: string, type: string, method?: string): Pick<FolderResourceData, 'minimal' | 'kit'> => ({
  minimal: { name: `tmf-ctk ${what} {{runId}}` },
  ...kit(type, method),
});

function account(kind: string, type: string): FolderResourceData {
  return {
    // A name per run and a realistic owner (the generator's values are placeholders).
    minimal: { name: `tmf-ctk ${kind} {{runId}}`, relatedParty: [PARTY] },
    ...kit(type),
    // Realistic values: a credit limit, a contact, a balance, a tax exemption.
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
  };
}

export const suite: FolderSuiteData = {
  api: 'TMF666',
  features: { patch: false, delete: false, paging: false, notifications: false },
  resources: {
    partyAccount: account('party account', 'PartyAccount'),
    billingAccount: account('billing account', 'BillingAccount'),
    settlementAccount: account('settlement account', 'SettlementAccount'),
    // Realistic rich payloads (the generator's values are placeholders).
    financialAccount: {
      ...NAMED('financial account', 'FinancialAccount'),
      rich: {
        '@type': 'FinancialAccount', name: 'tmf-ctk rich financial account {{runId}}', description: 'Financial account of a household',
        accountType: 'household', state: 'active', relatedParty: [PARTY], creditLimit: { unit: 'EUR', value: 1000 },
        accountBalance: [{ balanceType: 'receivable', amount: { unit: 'EUR', value: 0 }, validFor: PERIOD }],
      },
    },
    billingCycleSpecification: {
      ...NAMED('billing cycle', 'BillingCycleSpecification'),
      rich: {
        '@type': 'BillingCycleSpecification', name: 'tmf-ctk monthly cycle {{runId}}', description: 'Monthly billing on the 1st',
        frequency: 'monthly', billingPeriod: 'month', billingDateShift: 0, chargeDateOffset: 0, creditDateOffset: 0,
        mailingDateOffset: 2, paymentDueDateOffset: 14, validFor: PERIOD,
      },
    },
    billFormat: {
      ...NAMED('bill format', 'BillFormat'),
      rich: { '@type': 'BillFormat', name: 'tmf-ctk detailed format {{runId}}', description: 'Detailed bill with every call' },
    },
    billPresentationMedia: {
      ...NAMED('bill media', 'BillPresentationMedia', 'GET'),
      rich: { '@type': 'BillPresentationMedia', name: 'tmf-ctk e-mail media {{runId}}', description: 'Bill sent by e-mail as PDF' },
    },
  },
};
