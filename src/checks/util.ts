/** Helpers the checks share: outcomes, list items, short previews (headers: src/tmf/media-types.ts). */
import { preview } from '../schema/errors.js';
import type { Exchange } from '../core/results.js';
import type { CheckContext, CheckOutcome } from './types.js';

export const pass = (reason?: string, extra: Partial<CheckOutcome> = {}): CheckOutcome => ({ status: 'pass', ...(reason ? { reason } : {}), ...extra });
export const fail = (reason: string, extra: Partial<CheckOutcome> = {}): CheckOutcome => ({ status: 'fail', reason, ...extra });
export const skip = (reason: string): CheckOutcome => ({ status: 'skip', reason });

/** The parsed JSON body, or why a check cannot judge it (no response, not JSON: other checks report those). */
export function jsonBody(ex: Exchange, ctx: CheckContext): { value: unknown } | { skip: CheckOutcome } {
  if (!ex.response) return { skip: skip('no response') };
  if (!ctx.body.ok) return { skip: skip(`body is not JSON (${ctx.body.error})`) };
  return { value: ctx.body.value };
}

export function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** The items of a list answer, or the one resource of an item answer. */
export function itemsOf(body: unknown): unknown[] {
  return Array.isArray(body) ? body : [body];
}

export function idOf(item: unknown): string {
  return isObject(item) && item.id !== undefined ? preview(item.id, 40) : '(no id)';
}

export function is2xx(ex: Exchange): boolean {
  return ex.response !== undefined && ex.response.status >= 200 && ex.response.status < 300;
}

export function stringList(v: unknown): string[] {
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
}

/** "a, b, c and 4 more" */
export function listed(items: readonly string[], max = 5): string {
  return items.length <= max ? items.join(', ') : `${items.slice(0, max).join(', ')} and ${items.length - max} more`;
}

export { preview };
