import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { schemasFor } from '../../src/schema/schema-set.js';
import { loadApi } from '../../src/document/load.js';
import { assertError, call, eventually, testServer } from './helpers.js';

/** Per-API behaviour (mocks/<API>/): server-set attributes, state machines, computed totals, and their events. */
type Json = Record<string, unknown>;

function withEvents(o: Parameters<typeof testServer>[0]) {
  const events: Array<{ apiId: string; event: Json }> = [];
  const server = testServer({ ...o, onEvent: (apiId, event) => events.push({ apiId, event }) });
  return { server, events, types: () => events.map((e) => e.event.eventType) };
}

describe('TMF622 product order', () => {
  const po = '/tmf-api/productOrderingManagement/v4/productOrder';
  const cancel = '/tmf-api/productOrderingManagement/v4/cancelProductOrder';
  const order = { productOrderItem: [{ id: '1', action: 'add', productOffering: { id: 'po-fibre-1g' } }] };

  it('starts acknowledged with orderDate, then inProgress and completed on the clock, each a StateChangeEvent', async () => {
    const { server, events } = withEvents({ apis: ['TMF622'], clockMs: 20 });
    try {
      const created = (await call(server, 'POST', po, order)).json as Json;
      assert.equal(created.state, 'acknowledged');
      assert.ok(Date.parse(created.orderDate as string) > Date.now() - 60_000);
      assert.equal((created.productOrderItem as Json[])[0]!.state, 'acknowledged');
      const url = `${po}/${created.id as string}`;
      await eventually(() => events.filter((e) => e.event.eventType === 'ProductOrderStateChangeEvent').length === 2, 3000, 'two state changes');
      const done = (await call(server, 'GET', url)).json as Json;
      assert.equal(done.state, 'completed');
      assert.ok(done.completionDate);
      const states = events.filter((e) => e.event.eventType === 'ProductOrderStateChangeEvent').map((e) => ((e.event.event as Json).productOrder as Json).state);
      assert.deepEqual(states, ['inProgress', 'completed']);
      assert.deepEqual(events.map((e) => e.event.eventType), ['ProductOrderCreateEvent', 'ProductOrderStateChangeEvent', 'ProductOrderStateChangeEvent'], 'item states and dates travel with the state change');
      assert.deepEqual(server.violations, []);
    } finally {
      await server.close();
    }
  });

  it('cancelProductOrder: open order → cancelled and the request done; completed order → request refused; unknown order → 400', async () => {
    const { server, types } = withEvents({ apis: ['TMF622'] });
    try {
      const open = (await call(server, 'POST', po, order)).json as Json;
      const c = await call(server, 'POST', cancel, { productOrder: { id: open.id }, cancellationReason: 'changed my mind' });
      assert.equal(c.status, 201);
      assert.equal((c.json as Json).state, 'done');
      assert.ok((c.json as Json).effectiveCancellationDate);
      const after = (await call(server, 'GET', `${po}/${open.id as string}`)).json as Json;
      assert.equal(after.state, 'cancelled');
      assert.equal(after.cancellationReason, 'changed my mind');
      assert.ok(after.cancellationDate);
      assert.ok(types().includes('ProductOrderStateChangeEvent'));
      assert.ok(types().includes('CancelProductOrderCreateEvent'));
      const refused = await call(server, 'POST', cancel, { productOrder: { id: 'po-2001' } }); // seeded, completed
      assert.equal(refused.status, 201);
      assert.equal((refused.json as Json).state, 'terminatedWithError');
      assert.equal(((await call(server, 'GET', `${po}/po-2001`)).json as Json).state, 'completed');
      assertError(await call(server, 'POST', cancel, { productOrder: { id: 'nope' } }), 400, 'INVALID_BODY');
      assertError(await call(server, 'PATCH', `${po}/po-2001`, { state: 'inProgress' }, 'application/merge-patch+json'), 409, 'CONFLICT');
      assert.equal((await call(server, 'PATCH', `${po}/po-2002`, { state: 'inProgress' }, 'application/merge-patch+json')).status, 200);
      assert.deepEqual(server.violations, []);
    } finally {
      await server.close();
    }
  });
});

describe('TMF622 v5 product order: the v4 behaviour on the v5 document', () => {
  const po = '/tmf-api/productOrderingManagement/v5/productOrder';
  const cancel = '/tmf-api/productOrderingManagement/v5/cancelProductOrder';
  const order = { '@type': 'ProductOrder', productOrderItem: [{ '@type': 'ProductOrderItem', id: '1', action: 'add' }] };

  it('acknowledged with orderDate, then inProgress and completed on the clock; every answer valid against the v5 document', async () => {
    const { server, events } = withEvents({ apis: ['TMF622@5.0.0'], clockMs: 20 });
    try {
      const created = (await call(server, 'POST', po, order)).json as Json;
      assert.equal(created.state, 'acknowledged');
      assert.ok(created.orderDate);
      assert.equal((created.productOrderItem as Json[])[0]!.state, 'acknowledged');
      await eventually(() => events.filter((e) => e.event.eventType === 'ProductOrderStateChangeEvent').length === 2, 3000, 'two state changes');
      const done = (await call(server, 'GET', `${po}/${created.id as string}`)).json as Json;
      assert.equal(done.state, 'completed');
      assert.ok(done.completionDate);
      assert.deepEqual(server.violations, []);
    } finally {
      await server.close();
    }
  });

  it('cancelProductOrder: an open order is cancelled (request done), a completed one refused; a final state refuses PATCH with 409', async () => {
    const { server } = withEvents({ apis: ['TMF622@5.0.0'], clockMs: 0 });
    try {
      const open = (await call(server, 'POST', po, order)).json as Json;
      const c = await call(server, 'POST', cancel, { '@type': 'CancelProductOrder', productOrder: { '@type': 'ProductOrderRef', id: open.id }, cancellationReason: 'changed my mind' });
      assert.equal(c.status, 201, c.text);
      assert.equal((c.json as Json).state, 'done');
      const after = (await call(server, 'GET', `${po}/${open.id as string}`)).json as Json;
      assert.equal(after.state, 'cancelled');
      const again = await call(server, 'POST', cancel, { '@type': 'CancelProductOrder', productOrder: { '@type': 'ProductOrderRef', id: open.id } });
      assert.equal((again.json as Json).state, 'terminatedWithError');
      assertError(await call(server, 'PATCH', `${po}/${open.id as string}`, { '@type': 'ProductOrder', state: 'inProgress' }, 'application/merge-patch+json'), 409, 'CONFLICT');
      assert.deepEqual(server.violations, []);
    } finally {
      await server.close();
    }
  });
});

describe('TMF663 shopping cart', () => {
  const base = '/tmf-api/shoppingCart/v4/shoppingCart';
  const price = (priceType: string, value: number, period?: string) => ({ priceType, ...(period ? { recurringChargePeriod: period } : {}), price: { taxIncludedAmount: { unit: 'EUR', value } } });

  it('assigns cart item ids; itemTotalPrice = price × quantity; cartTotalPrice keeps recurring and one-off apart, active items only', async () => {
    const server = testServer({ apis: ['TMF663'] });
    try {
      const a = await call(server, 'POST', base, {
        cartItem: [
          { quantity: 2, itemPrice: [price('recurring', 10.1, 'month'), price('oneTime', 5)] },
          { id: '7', quantity: 1, itemPrice: [price('recurring', 0.2, 'month')], cartItem: [{ quantity: 1 }] },
          { quantity: 3, status: 'saveForLater', itemPrice: [price('oneTime', 100)] },
        ],
      });
      assert.equal(a.status, 201, a.text);
      const cart = a.json as Json;
      const items = cart.cartItem as Json[];
      assert.deepEqual(items.map((i) => i.id), ['8', '7', '9']);
      assert.equal((items[1]!.cartItem as Json[])[0]!.id, '7.1');
      assert.deepEqual((items[0]!.itemTotalPrice as Json[]).map((p) => ((p.price as Json).taxIncludedAmount as Json).value), [20.2, 10]);
      const totals = Object.fromEntries((cart.cartTotalPrice as Json[]).map((t) => [`${t.priceType as string}/${(t.recurringChargePeriod as string) ?? ''}`, ((t.price as Json).taxIncludedAmount as Json).value]));
      assert.deepEqual(totals, { 'recurring/month': 20.4, 'oneTime/': 10 });
      const patched = await call(server, 'PATCH', `${base}/${cart.id as string}`, { cartItem: [{ quantity: 4, itemPrice: [price('oneTime', 2.5)] }] }, 'application/merge-patch+json');
      assert.deepEqual(((patched.json as Json).cartTotalPrice as Json[]).map((t) => ((t.price as Json).taxIncludedAmount as Json).value), [10]);
      assertError(await call(server, 'PATCH', `${base}/${cart.id as string}`, { cartTotalPrice: [] }, 'application/merge-patch+json'), 400, 'NOT_PATCHABLE');
      assert.deepEqual(server.violations, []);
    } finally {
      await server.close();
    }
  });
});

describe('TMF699, TMF671, TMF666 states', () => {
  it('salesLead: acknowledged with creationDate and statusChangeDate; a status change moves statusChangeDate; final states refuse change', async () => {
    const { server, types } = withEvents({ apis: ['TMF699'] });
    const base = '/tmf-api/sales/v4/salesLead';
    try {
      const lead = (await call(server, 'POST', base, { name: 'x', status: 'accepted' })).json as Json;
      assert.equal(lead.status, 'acknowledged', 'status is server-set');
      assert.ok(lead.creationDate && lead.statusChangeDate);
      await new Promise((r) => setTimeout(r, 5));
      const moved = (await call(server, 'PATCH', `${base}/${lead.id as string}`, { status: 'inProgress' }, 'application/merge-patch+json')).json as Json;
      assert.equal(moved.status, 'inProgress');
      assert.ok((moved.statusChangeDate as string) > (lead.statusChangeDate as string));
      assert.deepEqual(types(), ['SalesLeadCreateEvent', 'SalesLeadStateChangeEvent'], 'statusChangeDate travels with the state change');
      await call(server, 'PATCH', `${base}/${lead.id as string}`, { description: 'd' }, 'application/merge-patch+json');
      assert.equal(types().at(-1), 'SalesLeadAttributeValueChangeEvent');
      await call(server, 'PATCH', `${base}/${lead.id as string}`, { status: 'pending', rating: 'hot' }, 'application/merge-patch+json');
      assert.deepEqual(types().slice(-2), ['SalesLeadStateChangeEvent', 'SalesLeadAttributeValueChangeEvent'], 'both when both changed');
      assertError(await call(server, 'PATCH', `${base}/sl-4003`, { status: 'inProgress' }, 'application/merge-patch+json'), 409, 'CONFLICT');
      assertError(await call(server, 'PATCH', `${base}/${lead.id as string}`, { status: 'won' }, 'application/merge-patch+json'), 400, 'INVALID_BODY');
    } finally {
      await server.close();
    }
  });

  it('promotion: draft by default (client value kept), lastUpdate server-set, retirement final', async () => {
    const server = testServer({ apis: ['TMF671'] });
    const base = '/tmf-api/promotionManagement/v4/promotion';
    try {
      const p = (await call(server, 'POST', base, { name: 'p' })).json as Json;
      assert.equal(p.lifecycleStatus, 'draft');
      assert.ok(p.lastUpdate);
      assert.equal(((await call(server, 'POST', base, { name: 'q', lifecycleStatus: 'release' })).json as Json).lifecycleStatus, 'release');
      assert.equal(((await call(server, 'PATCH', `${base}/${p.id as string}`, { lifecycleStatus: 'release' }, 'application/merge-patch+json')).json as Json).lifecycleStatus, 'release');
      assertError(await call(server, 'PATCH', `${base}/${p.id as string}`, { lifecycleStatus: 'draft' }, 'application/merge-patch+json'), 409, 'CONFLICT');
      assertError(await call(server, 'PATCH', `${base}/pr-5003`, { lifecycleStatus: 'release' }, 'application/merge-patch+json'), 409, 'CONFLICT');
    } finally {
      await server.close();
    }
  });

  it('accounts: active by default, lastModified server-set, closed final; a state change is a StateChangeEvent under "payload"', async () => {
    const { server, events } = withEvents({ apis: ['TMF666'] });
    const base = '/tmf-api/accountManagement/v4/billingAccount';
    try {
      const a = (await call(server, 'POST', base, { name: 'n', relatedParty: [{ id: 'p1', name: 'Pat', '@referredType': 'Individual' }] })).json as Json;
      assert.equal(a.state, 'active');
      assert.ok(a.lastModified);
      await call(server, 'PATCH', `${base}/${a.id as string}`, { state: 'suspended' }, 'application/merge-patch+json');
      const ev = events.find((e) => e.event.eventType === 'BillingAccountStateChangeEvent')!.event;
      assert.equal(((ev.payload as Json).billingAccount as Json).state, 'suspended');
      assert.ok(schemasFor(loadApi('TMF666')).validate('BillingAccountStateChangeEvent', ev).valid);
      assertError(await call(server, 'PATCH', `${base}/ba-6103`, { state: 'active' }, 'application/merge-patch+json'), 409, 'CONFLICT');
      assert.deepEqual(server.violations, []);
    } finally {
      await server.close();
    }
  });
});
