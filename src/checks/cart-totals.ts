/**
 * `cart-totals` (TMF663): each item's total is its unit price × quantity, and the cart total per price type
 * (and recurring period) is the sum over the items, for tax-included and duty-free amounts alike. Item totals
 * are judged where the server returns them (`itemTotalPrice`, or the document's `ItemTotalPrice`).
 */
import type { Check } from './types.js';
import { fail, is2xx, isObject, jsonBody, listed, pass, skip } from './util.js';

type Amounts = { taxIncluded?: number; dutyFree?: number };
const TOLERANCE = 0.01;

const keyOf = (p: Record<string, unknown>) => `${String(p.priceType ?? 'price')}${p.recurringChargePeriod ? `/${String(p.recurringChargePeriod)}` : ''}`;

function amounts(p: unknown): Amounts {
  const price = isObject(p) && isObject(p.price) ? p.price : {};
  const v = (m: unknown) => (isObject(m) && typeof m.value === 'number' ? m.value : undefined);
  return { taxIncluded: v(price.taxIncludedAmount), dutyFree: v(price.dutyFreeAmount) };
}

function priceMap(list: unknown): Map<string, Amounts> {
  const out = new Map<string, Amounts>();
  for (const p of Array.isArray(list) ? list : []) if (isObject(p)) out.set(keyOf(p), amounts(p));
  return out;
}

function compare(where: string, want: Amounts, got: Amounts | undefined, problems: string[]): void {
  if (!got) return void problems.push(`${where}: missing`);
  for (const k of ['taxIncluded', 'dutyFree'] as const) {
    const w = want[k];
    const g = got[k];
    if (w !== undefined && g !== undefined && Math.abs(w - g) > TOLERANCE) problems.push(`${where} ${k}: ${g}, expected ${Math.round(w * 100) / 100}`);
  }
}

function add(sum: Map<string, Amounts>, key: string, a: Amounts, qty: number): void {
  const s = sum.get(key) ?? {};
  if (a.taxIncluded !== undefined) s.taxIncluded = (s.taxIncluded ?? 0) + a.taxIncluded * qty;
  if (a.dutyFree !== undefined) s.dutyFree = (s.dutyFree ?? 0) + a.dutyFree * qty;
  sum.set(key, s);
}

export const cartTotals: Check = (ex, ctx) => {
  if (!is2xx(ex)) return skip('not a 2xx answer');
  const b = jsonBody(ex, ctx);
  if ('skip' in b) return b.skip;
  if (!isObject(b.value) || !Array.isArray(b.value.cartItem)) return fail('the cart has no cartItem list', { source: 'document' });
  const problems: string[] = [];
  const sum = new Map<string, Amounts>();
  for (const item of b.value.cartItem.filter(isObject)) {
    const qty = typeof item.quantity === 'number' ? item.quantity : 1;
    const totals = priceMap(item.itemTotalPrice ?? item.ItemTotalPrice);
    for (const [key, unit] of priceMap(item.itemPrice)) {
      add(sum, key, unit, qty);
      if (totals.size) compare(`item ${String(item.id)} total ${key}`, { taxIncluded: unit.taxIncluded === undefined ? undefined : unit.taxIncluded * qty, dutyFree: unit.dutyFree === undefined ? undefined : unit.dutyFree * qty }, totals.get(key), problems);
    }
  }
  const cart = priceMap(b.value.cartTotalPrice);
  if (sum.size && !cart.size) problems.push('cartTotalPrice is missing');
  else for (const [key, want] of sum) compare(`cartTotalPrice ${key}`, want, cart.get(key), problems);
  if (problems.length) return fail(`totals do not match price × quantity: ${listed(problems, 3)}`, { source: 'document' });
  return pass(`${sum.size} total(s) match`, { source: 'document' });
};
