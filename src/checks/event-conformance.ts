/**
 * `event-conformance`: a notification that arrived at the runner's listener is the declared event: its
 * `eventType`, valid against the event's schema, and naming the resource the case changed (under the
 * envelope key the document uses: `event`, or `payload` in TMF666).
 */
import { formatError } from '../schema/errors.js';
import type { Check } from './types.js';
import { fail, isObject, listed, pass, preview, skip } from './util.js';

export const eventConformance: Check = (ex, ctx) => {
  if (ex.error || !ex.request.body) return skip('no event arrived');
  const { eventType, resourceId } = ctx.params as { eventType?: string; resourceId?: unknown };
  const model = ctx.api.events.find((e) => e.eventType === eventType);
  if (!model) return skip(`${String(eventType)} is not declared by the document`);
  let body: unknown;
  try {
    body = JSON.parse(ex.request.body);
  } catch {
    return fail('the notification body is not JSON', { source: 'document' });
  }
  if (!isObject(body)) return fail('the notification is not a JSON object', { source: 'document' });
  if (body.eventType !== eventType) return fail(`eventType is ${preview(body.eventType, 50)}, expected ${eventType}`, { source: 'document' });
  const envelope = body[model.envelopeKey];
  const resource = isObject(envelope) ? envelope[model.payloadKey] : undefined;
  if (!isObject(resource) || resource.id !== resourceId) {
    return fail(`${model.envelopeKey}.${model.payloadKey}.id is ${preview(isObject(resource) ? resource.id : undefined, 40)}, expected ${preview(resourceId, 40)}`, { source: 'document' });
  }
  const v = ctx.schemas.has(model.schemaName) ? ctx.schemas.validate(model.schemaName, body) : undefined;
  if (v && !v.valid) return fail(`not valid against ${model.schemaName}: ${listed(v.errors.map(formatError), 3)}`, { source: 'document', schemaErrors: v.errors.slice(0, 50) });
  return pass(`${eventType} for ${preview(resourceId, 40)}`, { source: 'document' });
};
