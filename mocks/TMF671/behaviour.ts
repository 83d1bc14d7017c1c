import { compose, stateMachine, touchDates, type ApiBehaviour } from '../../src/mock/behaviour-kit.js';

/**
 * TMF671 Promotion. `lifecycleStatus` follows the document's suggested values: a new promotion is
 * `draft` unless the client says otherwise; `retirement` is final. `lastUpdate` is set by the server.
 */
const promotion = compose(
  stateMachine({
    field: 'lifecycleStatus',
    initial: 'draft',
    clientMaySet: true,
    next: {
      draft: ['test', 'waitForApproval', 'release', 'retirement'],
      test: ['draft', 'waitForApproval', 'release', 'retirement'],
      waitForApproval: ['draft', 'release', 'retirement'],
      release: ['suspend', 'retirement'],
      suspend: ['release', 'retirement'],
      retirement: [],
    },
  }),
  touchDates(['lastUpdate']),
);

export const behaviour: ApiBehaviour = { resources: { promotion } };
