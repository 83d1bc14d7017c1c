/**
 * `attributes-echoed` (the kits' check): every attribute sent comes back with the value sent. Lenient
 * where servers legitimately differ: objects may gain attributes, array elements are matched in any order
 * and may gain attributes, date-times compare as instants. With `id`, the answer must be that resource.
 */
import type { Check } from './types.js';
import { fail, is2xx, isObject, jsonBody, listed, pass, preview, skip, stringList } from './util.js';

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;

function sameScalar(sent: unknown, got: unknown): boolean {
  if (sent === got) return true;
  if (typeof sent === 'string' && typeof got === 'string' && ISO.test(sent) && ISO.test(got)) return Date.parse(sent) === Date.parse(got);
  return false;
}

/** Where `got` fails to contain `sent` (JSON pointers), empty when it does. */
export function differences(sent: unknown, got: unknown, path = ''): string[] {
  if (Array.isArray(sent)) {
    if (!Array.isArray(got)) return [`${path || '/'}: sent an array, got ${preview(got, 40)}`];
    return sent.flatMap((s, i) => (got.some((g) => differences(s, g).length === 0) ? [] : [`${path}/${i}: sent ${preview(s, 60)}, no matching element came back`]));
  }
  if (isObject(sent)) {
    if (!isObject(got)) return [`${path || '/'}: sent an object, got ${preview(got, 40)}`];
    return Object.entries(sent).flatMap(([k, v]) => (Object.hasOwn(got, k) ? differences(v, got[k], `${path}/${k}`) : [`${path}/${k}: sent ${preview(v, 40)}, got nothing`]));
  }
  return sameScalar(sent, got) ? [] : [`${path || '/'}: sent ${preview(sent, 40)}, got ${preview(got, 40)}`];
}

export const attributesEchoed: Check = (ex, ctx) => {
  if (!is2xx(ex)) return skip('not a 2xx answer');
  const b = jsonBody(ex, ctx);
  if ('skip' in b) return b.skip;
  if (!isObject(b.value)) return fail(`expected one resource, got ${preview(b.value, 40)}`, { source: 'kit' });
  const { id, label = 'sent' } = ctx.params as { id?: unknown; label?: string };
  if (id !== undefined && b.value.id !== id) return fail(`answered resource ${preview(b.value.id, 40)}, not ${preview(id, 40)}`, { source: 'kit' });
  const except = new Set(stringList(ctx.params.except));
  const expected = isObject(ctx.params.expected) ? Object.fromEntries(Object.entries(ctx.params.expected).filter(([k]) => !except.has(k))) : {};
  const diffs = differences(expected, b.value);
  if (diffs.length) return fail(`attributes ${label} not returned as sent: ${listed(diffs, 3)}`, { source: 'kit' });
  return pass(`${Object.keys(expected).length} attribute(s) ${label} returned`, { source: 'kit' });
};
