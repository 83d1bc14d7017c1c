import { compose, stateMachine, touchDates, type ApiBehaviour } from '../../src/mock/behaviour-kit.js';

/**
 * TMF666 Account Management. Accounts are `active` unless created otherwise, may be `suspended` and
 * `closed` (final); `lastModified` is set by the server. Billing cycle specifications, bill formats
 * and presentation media have no state and get the generic behaviour only.
 */
const account = compose(
  stateMachine({
    field: 'state',
    initial: 'active',
    clientMaySet: true,
    next: { active: ['suspended', 'closed'], suspended: ['active', 'closed'], closed: [] },
  }),
  touchDates(['lastModified']),
);

export const behaviour: ApiBehaviour = {
  resources: { partyAccount: account, billingAccount: account, settlementAccount: account, financialAccount: account },
};
