import { compose, stateMachine, type ApiBehaviour } from '../../src/mock/behaviour-kit.js';

/**
 * TMF699 Sales. A sales lead starts `acknowledged` with `creationDate` and `statusChangeDate` set by
 * the server; every status change moves `statusChangeDate`; accepted, rejected and cancelled are final.
 */
const salesLead = compose(
  stateMachine({
    field: 'status',
    initial: 'acknowledged',
    dateField: 'statusChangeDate',
    next: {
      acknowledged: ['inProgress', 'pending', 'accepted', 'rejected', 'cancelled'],
      inProgress: ['pending', 'accepted', 'rejected', 'cancelled'],
      pending: ['inProgress', 'accepted', 'rejected', 'cancelled'],
      accepted: [], rejected: [], cancelled: [],
    },
  }),
  { onCreate: (draft, ctx) => ({ ...draft, creationDate: ctx.now() }) },
);

export const behaviour: ApiBehaviour = { resources: { salesLead } };
