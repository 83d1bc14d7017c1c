import type { ApiBehaviour, Resource, ResourceBehaviour } from '../../src/mock/behaviour-kit.js';

/**
 * TMF663 Shopping Cart. Cart items get ids ("1", "2", … and "1.1" for nested items) when they have
 * none; each item's `itemTotalPrice` is its `itemPrice` × `quantity`; `cartTotalPrice` sums the
 * active items (status absent or `active`, not `saveForLater`), one total per price type, recurring period and currency,
 * so recurring and one-off charges are never added together. Amounts are rounded to cents.
 */
type Json = Record<string, unknown>;
interface Money { unit?: string; value: number }

const round = (n: number): number => Math.round(n * 100) / 100;

function money(m: unknown): Money | undefined {
  const v = m as Money | undefined;
  return v && typeof v.value === 'number' && Number.isFinite(v.value) ? v : undefined;
}

function scaled(price: Json, quantity: number): Json {
  const p = (price.price ?? {}) as Json;
  const out: Json = { ...p };
  for (const k of ['taxIncludedAmount', 'dutyFreeAmount']) {
    const m = money(p[k]);
    if (m) out[k] = { ...m, value: round(m.value * quantity) };
  }
  return { ...price, price: out };
}

function items(value: unknown): Json[] {
  return Array.isArray(value) ? (value as Json[]).filter((i) => i && typeof i === 'object') : [];
}

/** Ids where missing (after the highest numeric sibling id), item totals, recursively. */
function completeItems(list: Json[], prefix = ''): Json[] {
  let next = Math.max(0, ...list.map((i) => Number(String(i.id ?? '').split('.').pop())).filter(Number.isFinite)) + 1;
  return list.map((item) => {
    const id = typeof item.id === 'string' && item.id ? item.id : `${prefix}${next++}`;
    const quantity = typeof item.quantity === 'number' ? item.quantity : 1;
    const out: Json = { id, ...item };
    out.id = id;
    if (Array.isArray(item.itemPrice)) out.itemTotalPrice = items(item.itemPrice).map((p) => scaled(p, quantity));
    if (Array.isArray(item.cartItem)) out.cartItem = completeItems(items(item.cartItem), `${id}.`);
    return out;
  });
}

interface Total { priceType: string; period?: string; unit?: string; taxIncluded: number; dutyFree: number; hasTaxIncluded: boolean; hasDutyFree: boolean }

/** One CartPrice per price type, recurring period and currency, over active top-level items. */
export function cartTotal(cartItems: Json[]): Json[] {
  const totals = new Map<string, Total>();
  for (const item of cartItems) {
    if (item.status !== undefined && item.status !== 'active') continue;
    for (const p of items(item.itemTotalPrice)) {
      const price = (p.price ?? {}) as Json;
      const inc = money(price.taxIncludedAmount);
      const free = money(price.dutyFreeAmount);
      const priceType = typeof p.priceType === 'string' ? p.priceType : 'oneTime';
      const period = typeof p.recurringChargePeriod === 'string' ? p.recurringChargePeriod : undefined;
      const unit = inc?.unit ?? free?.unit;
      const key = `${priceType}|${period ?? ''}|${unit ?? ''}`;
      const t = totals.get(key) ?? { priceType, period, unit, taxIncluded: 0, dutyFree: 0, hasTaxIncluded: false, hasDutyFree: false };
      if (inc) (t.taxIncluded += inc.value), (t.hasTaxIncluded = true);
      if (free) (t.dutyFree += free.value), (t.hasDutyFree = true);
      totals.set(key, t);
    }
  }
  return [...totals.values()].map((t) => {
    const price: Json = {};
    const unit = t.unit === undefined ? {} : { unit: t.unit };
    if (t.hasTaxIncluded) price.taxIncludedAmount = { ...unit, value: round(t.taxIncluded) };
    if (t.hasDutyFree) price.dutyFreeAmount = { ...unit, value: round(t.dutyFree) };
    return {
      name: `Total ${t.priceType}${t.period ? ` (${t.period})` : ''}`,
      priceType: t.priceType,
      ...(t.period ? { recurringChargePeriod: t.period } : {}),
      price,
      '@type': 'CartPrice',
    };
  });
}

function priced(cart: Resource): Resource {
  const cartItem = completeItems(items(cart.cartItem));
  return { ...cart, cartItem, cartTotalPrice: cartTotal(cartItem) };
}

const shoppingCart: ResourceBehaviour = {
  onCreate: (draft, ctx) => {
    const validFor = draft.validFor ?? { startDateTime: ctx.now(), endDateTime: new Date(Date.parse(ctx.now()) + 30 * 86_400_000).toISOString() };
    return priced({ ...draft, validFor });
  },
  onPatch: (_before, after) => priced(after),
};

export const behaviour: ApiBehaviour = { resources: { shoppingCart } };
