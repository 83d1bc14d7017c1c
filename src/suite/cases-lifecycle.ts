/**
 * Beyond the kits: partial update (merge patch), delete, and notifications through the hub.
 */
import type { EventModel } from '../document/model.js';
import { makeCase, type ResourceContext } from './context.js';
import { hubSubscription } from './hub-body.js';
import { checks, cleanupDelete, createStep, echoCheck, errorChecks, getRequest, itemPath, mandatoryCheck, okChecks } from './steps.js';
import type { Case, Step } from '../core/case-model.js';

const MERGE_PATCH = 'application/merge-patch+json';

function patchStep(ctx: ResourceContext, body: unknown, as = 'created', name = 'patch'): Step {
  const r = ctx.resource;
  return { name, op: { resource: r.name, kind: 'patch' }, request: { method: 'PATCH', path: itemPath(r, `{{${as}.id}}`), body, contentType: MERGE_PATCH }, expect: [200], checks: [] };
}

function patchCase(ctx: ResourceContext): Case {
  const { resource: r, data, mandatory } = ctx;
  const patch = data.patch ?? {};
  const steps: Step[] = [
    createStep(r, data.minimal, 'created', 'setup: create'),
    { ...patchStep(ctx, patch), checks: okChecks(mandatoryCheck(mandatory), echoCheck(patch, 'patched'), { id: 'attributes-echoed', params: { expected: '{{createdSent}}', label: 'sent on create and not patched', except: Object.keys(patch) } }) },
    { name: 'retrieve after patch', op: { resource: r.name, kind: 'retrieve' }, request: getRequest(r), expect: [200], checks: okChecks(echoCheck(patch, 'patched', '{{created.id}}')) },
  ];
  return makeCase(ctx, 'PATCH1', {
    title: `Partially update a ${r.name} with a merge patch (${Object.keys(patch).join(', ')}): 200, change applied and kept, other attributes untouched`,
    feature: 'patch', mandatory: data.features?.patch ?? ctx.suite.features.patch, steps, cleanup: cleanupDelete(r),
    notApplicable: !r.operations.patch ? 'the document declares no PATCH operation' : !data.patch ? 'the suite has no patch values for this resource' : undefined,
  });
}

function nonPatchableCase(ctx: ResourceContext): Case {
  const r = ctx.resource;
  const steps: Step[] = [
    createStep(r, ctx.data.minimal, 'created', 'setup: create'),
    { ...patchStep(ctx, { id: 'tmf-ctk-changed-{{runId}}' }, 'created', 'patch the id'), expect: [400, 403, 405, 409, 422], checks: errorChecks() },
    { name: 'retrieve by the original id', op: { resource: r.name, kind: 'retrieve' }, request: getRequest(r), expect: [200], checks: okChecks(echoCheck({}, 'unchanged', '{{created.id}}')) },
  ];
  return makeCase(ctx, 'PATCH2', {
    title: `Patch the non-patchable attribute id of a ${r.name}: refused with 4xx, resource unchanged`,
    feature: 'patch', mandatory: false, steps, cleanup: cleanupDelete(r),
    notApplicable: r.operations.patch ? undefined : 'the document declares no PATCH operation',
  });
}

function deleteCase(ctx: ResourceContext): Case {
  const r = ctx.resource;
  const steps: Step[] = [
    createStep(r, ctx.data.minimal, 'created', 'setup: create'),
    { name: 'delete', op: { resource: r.name, kind: 'delete' }, request: { method: 'DELETE', path: itemPath(r, '{{created.id}}') }, expect: [204], checks: checks('status-code-conformance', 'no-server-error') },
    { name: 'retrieve after delete', op: { resource: r.name, kind: 'retrieve' }, request: getRequest(r), expect: [404], checks: errorChecks() },
  ];
  return makeCase(ctx, 'DELETE1', {
    title: `Delete a ${r.name}: 204, then retrieving it answers 404`,
    feature: 'delete', mandatory: ctx.data.features?.delete ?? ctx.suite.features.delete, steps,
    notApplicable: r.operations.delete ? undefined : 'the document declares no DELETE operation',
  });
}

const eventOf = (ctx: ResourceContext, kind: EventModel['kind']) => ctx.resource.events.find((e) => e.kind === kind);

function eventStep(e: EventModel, as: string, expectNone = false): Step {
  return {
    name: expectNone ? `no ${e.eventType} after unsubscribing` : `receive ${e.eventType}`,
    event: { eventType: e.eventType, resourceId: `{{${as}.id}}`, ...(expectNone ? { expectNone } : {}) },
    expect: [], checks: expectNone ? checks('no-event') : [{ id: 'event-conformance', params: { eventType: e.eventType, resourceId: `{{${as}.id}}` } }],
  };
}

/** Subscribe, trigger each declared event (create, attribute change, delete), unsubscribe, check silence. */
function notificationSteps(ctx: ResourceContext): Step[] | undefined {
  const { api, resource: r, data } = ctx;
  const create = eventOf(ctx, 'create');
  const change = r.operations.patch && data.patch ? eventOf(ctx, 'attributeValueChange') : undefined;
  const remove = r.operations.delete ? eventOf(ctx, 'delete') : undefined;
  if (!api.hub || (!create && !change && !remove)) return undefined;
  const steps: Step[] = [
    { name: 'subscribe', op: { hub: 'register' }, request: { method: 'POST', path: api.hub.register.path, body: hubSubscription(api) }, expect: [201], checks: okChecks(), capture: [{ as: 'hub', pointer: '' }] },
    createStep(r, data.minimal, 'created', 'create'),
  ];
  if (create) steps.push(eventStep(create, 'created'));
  if (change) steps.push({ ...patchStep(ctx, data.patch), checks: checks('status-code-conformance') }, eventStep(change, 'created'));
  if (remove) steps.push({ name: 'delete', op: { resource: r.name, kind: 'delete' }, request: { method: 'DELETE', path: itemPath(r, '{{created.id}}') }, expect: [204], checks: checks('status-code-conformance') }, eventStep(remove, 'created'));
  if (api.hub.unregister) {
    steps.push({ name: 'unsubscribe', op: { hub: 'unregister' }, request: { method: 'DELETE', path: api.hub.unregister.path.replace('{id}', '{{hub.id}}') }, expect: [204], checks: checks('status-code-conformance', 'no-server-error') });
    steps.push(createStep(r, data.minimal, 'after', 'create after unsubscribing'));
    if (create) steps.push(eventStep(create, 'after', true));
    else if (change) steps.push({ ...patchStep(ctx, data.patch, 'after', 'patch after unsubscribing'), checks: checks('status-code-conformance') }, eventStep(change, 'after', true));
  }
  return steps;
}

function notificationCase(ctx: ResourceContext): Case {
  const r = ctx.resource;
  const steps = notificationSteps(ctx);
  const hubCleanup: Step[] = ctx.api.hub?.unregister
    ? [{ name: 'cleanup: unsubscribe', op: { hub: 'unregister' }, request: { method: 'DELETE', path: ctx.api.hub.unregister.path.replace('{id}', '{{hub.id}}') }, expect: [204], checks: [] }]
    : [];
  return makeCase(ctx, 'NOTIF1', {
    title: `Notifications for ${r.name}: subscribe a listener, receive the declared events naming the resource, unsubscribe, no more events`,
    feature: 'notifications', mandatory: ctx.data.features?.notifications ?? ctx.suite.features.notifications,
    steps: steps ?? [], cleanup: [...cleanupDelete(r), ...cleanupDelete(r, 'after'), ...hubCleanup],
    notApplicable: steps ? undefined : `the document declares no hub or no create, attribute change or delete event for ${r.name}`,
  });
}

export function lifecycleCases(ctx: ResourceContext): Case[] {
  if (!ctx.resource.operations.create) return [];
  const out = [patchCase(ctx), nonPatchableCase(ctx), deleteCase(ctx), notificationCase(ctx)];
  // Beyond the kits, a case that cannot apply to this resource is left out rather than listed as skipped.
  return out.filter((c) => !c.notApplicable);
}
