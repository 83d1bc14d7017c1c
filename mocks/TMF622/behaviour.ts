import { compose, stateMachine, type ApiBehaviour, type MockContext, type Resource } from '../../src/mock/behaviour-kit.js';

/**
 * TMF622 Product Ordering. A new order is `acknowledged`, then moves to `inProgress` and `completed`
 * on the clock (`--clock-ms` per step), each step a ProductOrderStateChangeEvent. A cancelProductOrder
 * on an open order cancels it (the request is `done`); on a closed order it is refused (the request
 * ends `terminatedWithError`, the TaskStateType value for a rejected task).
 */
const OPEN = ['acknowledged', 'inProgress', 'pending', 'held', 'assessingCancellation', 'pendingCancellation'];

const orderMachine = stateMachine({
  field: 'state',
  initial: 'acknowledged',
  next: {
    acknowledged: ['inProgress', 'pending', 'held', 'rejected', 'cancelled', 'failed'],
    inProgress: ['pending', 'held', 'completed', 'failed', 'partial', 'cancelled', 'assessingCancellation'],
    pending: ['inProgress', 'held', 'cancelled', 'failed'],
    held: ['inProgress', 'pending', 'cancelled', 'failed'],
    assessingCancellation: ['pendingCancellation', 'inProgress'],
    pendingCancellation: ['cancelled'],
    completed: [], cancelled: [], rejected: [], failed: [], partial: [],
  },
});

type Item = Record<string, unknown>;

/** Order items follow the order's state (the item enum has every order state the clock uses). */
function withItemState(order: Resource, state: string): Resource {
  const items = Array.isArray(order.productOrderItem) ? (order.productOrderItem as Item[]) : [];
  return { ...order, state, productOrderItem: items.map((i) => ({ ...i, state })) };
}

/** The clock: acknowledged → inProgress → completed, one step per `clockMs`, unless something else moved the order. */
async function advance(id: string, ctx: MockContext): Promise<void> {
  const next = await ctx.update('productOrder', id, (o) => {
    if (o.state === 'acknowledged') return withItemState(o, 'inProgress');
    if (o.state === 'inProgress') return { ...withItemState(o, 'completed'), completionDate: ctx.now() };
    return o;
  });
  if (next?.state === 'inProgress') ctx.schedule(ctx.clockMs, (later) => advance(id, later));
}

function startClock(id: string, ctx: MockContext): void {
  if (ctx.clockMs > 0) ctx.schedule(ctx.clockMs, (later) => advance(id, later));
}

const productOrder = compose(orderMachine, {
  withState: ['productOrderItem', 'completionDate', 'cancellationDate', 'cancellationReason'],
  onCreate: (draft, ctx) => ({ ...withItemState(draft, 'acknowledged'), orderDate: ctx.now() }),
  afterCreate: (created, ctx) => startClock(created.id, ctx),
  onStart: async (ctx) => {
    for (const o of await ctx.list('productOrder')) if (o.state === 'acknowledged' || o.state === 'inProgress') startClock(o.id, ctx);
  },
});

const cancelProductOrder = compose({
  stateField: 'state',
  async onCreate(draft, ctx) {
    const ref = draft.productOrder as { id?: unknown } | undefined;
    const order = typeof ref?.id === 'string' ? await ctx.get('productOrder', ref.id) : undefined;
    if (!order) return ctx.fail(400, `productOrder ${String(ref?.id).slice(0, 100)} does not exist`);
    if (!OPEN.includes(String(order.state))) return { ...draft, state: 'terminatedWithError' };
    return { ...draft, state: 'done', effectiveCancellationDate: ctx.now() };
  },
  async afterCreate(created, ctx) {
    if (created.state !== 'done') return;
    const orderId = (created.productOrder as { id: string }).id;
    await ctx.update('productOrder', orderId, (o) => ({
      ...withItemState(o, 'cancelled'),
      cancellationDate: ctx.now(),
      ...(typeof created.cancellationReason === 'string' ? { cancellationReason: created.cancellationReason } : {}),
    }));
  },
});

export const behaviour: ApiBehaviour = { resources: { productOrder, cancelProductOrder } };
