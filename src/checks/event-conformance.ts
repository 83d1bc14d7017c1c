/**
 * `event-conformance`: a notification that arrived at the runner's listener is the declared event: its
 * `eventType`, valid against the event's schema, and naming the resource the case changed. The resource is
 * read under the envelope key the document uses (`event`, or `payload` in TMF666 v4) or under the other one
 * (the `event-envelope` leniency: an advisory naming both, a failure in strict mode).
 */
import type { EventModel } from '../document/model.js';
import { formatError } from '../schema/errors.js';
import { advisoryNote, envelopeKeys, strictReason } from '../tmf/policy.js';
import type { Check } from './types.js';
import { fail, isObject, listed, pass, preview, skip } from './util.js';

function resourceUnder(body: Record<string, unknown>, key: string, payloadKey: string): unknown {
  const envelope = body[key];
  return isObject(envelope) ? envelope[payloadKey] : undefined;
}

/** The envelope key under which the body names the resource, the document's first. */
function envelopeOf(body: Record<string, unknown>, model: EventModel, resourceId: unknown): string | undefined {
  return envelopeKeys(model.envelopeKey).find((k) => {
    const r = resourceUnder(body, k, model.payloadKey);
    return isObject(r) && r.id === resourceId;
  });
}

/** The body as the document shapes it: the envelope moved to the document's key, so its schema applies. */
function asDocumented(body: Record<string, unknown>, key: string, model: EventModel): Record<string, unknown> {
  if (key === model.envelopeKey) return body;
  const { [key]: envelope, ...rest } = body;
  return { ...rest, [model.envelopeKey]: envelope };
}

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
  const key = envelopeOf(body, model, resourceId);
  if (key === undefined) {
    const resource = resourceUnder(body, model.envelopeKey, model.payloadKey);
    return fail(`${model.envelopeKey}.${model.payloadKey}.id is ${preview(isObject(resource) ? resource.id : undefined, 40)}, expected ${preview(resourceId, 40)}`, { source: 'document' });
  }
  const note = key === model.envelopeKey ? undefined
    : `the resource came under "${key}"; the document's ${model.schemaName} puts it under "${model.envelopeKey}" (TMF630 events use "event", TMF666 v4 "payload")`;
  if (note && ctx.strict) return fail(strictReason('event-envelope', note), { source: 'document' });
  const v = ctx.schemas.has(model.schemaName) ? ctx.schemas.validate(model.schemaName, asDocumented(body, key, model)) : undefined;
  const read = note ? ` (its "${key}" read as "${model.envelopeKey}")` : '';
  if (v && !v.valid) return fail(`not valid against ${model.schemaName}${read}: ${listed(v.errors.map(formatError), 3)}`, { source: 'document', schemaErrors: v.errors.slice(0, 50) });
  return pass(`${eventType} for ${preview(resourceId, 40)}`, { source: note ? 'TMF630' : 'document', ...(note ? { advisory: advisoryNote('event-envelope', note) } : {}) });
};
