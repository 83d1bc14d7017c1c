/** TMF663 FLOW1: the cart's totals are the items' unit price × quantity, on create and after a change. */
import { okChecks } from '../../src/suite/steps.js';
import type { Case, CheckUse, FlowContext } from '../../src/core/case-model.js';

/** A cart item with a monthly unit price (tax included and duty free, 20 % tax). */
export function item(id: string, quantity: number, monthly: number, productOffering: Record<string, unknown>) {
  const dutyFree = Math.round((monthly / 1.2) * 100) / 100;
  return {
    id, action: 'add', quantity, productOffering,
    itemPrice: [{
      name: 'Monthly fee', priceType: 'recurring', recurringChargePeriod: 'month',
      price: { taxRate: 20, taxIncludedAmount: { unit: 'EUR', value: monthly }, dutyFreeAmount: { unit: 'EUR', value: dutyFree } },
    }],
  };
}

const OFFER_A = { id: 'tmf-ctk-po-1', name: 'Fibre 1 Gbit/s' };
const OFFER_B = { id: 'tmf-ctk-po-2', name: 'TV option' };

export function cartFlows(_ctx: FlowContext): Case[] {
  const totals: CheckUse = { id: 'cart-totals' };
  return [{
    id: 'TC_ShoppingCart_FLOW1', api: 'TMF663', resource: 'shoppingCart', mandatory: false, feature: 'flows',
    title: 'Cart totals: each item total and the cart total equal unit price × quantity, on create and after changing quantities',
    steps: [
      { name: 'create a cart with two items', op: { resource: 'shoppingCart', kind: 'create' }, expect: [201],
        request: { method: 'POST', path: '/shoppingCart', body: { cartItem: [item('1', 2, 30, OFFER_A), item('2', 3, 12.5, OFFER_B)] } },
        checks: okChecks(totals), capture: [{ as: 'created', pointer: '' }] },
      { name: 'change the quantities', op: { resource: 'shoppingCart', kind: 'patch' }, expect: [200],
        request: { method: 'PATCH', path: '/shoppingCart/{{created.id}}', contentType: 'application/merge-patch+json',
          body: { cartItem: [item('1', 1, 30, OFFER_A), item('2', 4, 12.5, OFFER_B)] } },
        checks: okChecks(totals) },
      { name: 'retrieve', op: { resource: 'shoppingCart', kind: 'retrieve' }, expect: [200],
        request: { method: 'GET', path: '/shoppingCart/{{created.id}}' }, checks: okChecks(totals) },
    ],
    cleanup: [{ name: 'cleanup: delete created', op: { resource: 'shoppingCart', kind: 'delete' }, request: { method: 'DELETE', path: '/shoppingCart/{{created.id}}' }, expect: [204], checks: [] }],
  }];
}
