/**
 * The kits' create/retrieve cases (N1, N2) and negative cases (E1–E3), plus malformed JSON.
 */
import { makeCase, type ResourceContext } from './context.js';
import { checks, cleanupDelete, createStep, echoCheck, errorChecks, getRequest, mandatoryCheck, okChecks } from './steps.js';
import type { Case, Step } from '../core/case-model.js';
import { citationText } from '../core/citation.js';

/** Create, read back by id and by href: N1 with the minimal payload, N2 with the rich one. */
function createCase(ctx: ResourceContext, suffix: 'N1' | 'N2', payload: Record<string, unknown>, what: string): Case {
  const { resource: r, mandatory } = ctx;
  const create = createStep(r, payload, 'created', 'create', okChecks(mandatoryCheck(mandatory), echoCheck('{{createdSent}}', 'sent on create'),
    { id: 'location-header', ...(ctx.data.location ? { params: { cite: citationText(ctx.data.location) } } : {}) }));
  create.capture!.push({ as: 'createdHeaders', pointer: '', from: 'headers' });
  const steps: Step[] = [create];
  if (r.operations.retrieve) {
    steps.push({
      name: 'retrieve by id', op: { resource: r.name, kind: 'retrieve' }, request: getRequest(r), expect: [200],
      checks: okChecks(mandatoryCheck(mandatory), echoCheck('{{createdSent}}', 'sent on create', '{{created.id}}')),
    });
    steps.push({
      name: 'retrieve by href', op: { resource: r.name, kind: 'retrieve' }, request: { method: 'GET', url: '{{created.href}}' }, expect: [200],
      checks: checks('no-server-error', 'json-body', { id: 'href-resolvable', params: { id: '{{created.id}}' } }),
    });
    // Skipped when the server sends no Location (it is optional).
    steps.push({
      name: 'retrieve by Location', op: { resource: r.name, kind: 'retrieve' }, request: { method: 'GET', url: '{{createdHeaders.location}}' }, expect: [200],
      checks: checks('no-server-error', 'json-body', { id: 'href-resolvable', params: { id: '{{created.id}}', label: 'the Location' } }), optionalVars: true,
    });
  }
  return makeCase(ctx, suffix, {
    title: `Create a ${r.name} with ${what}, then retrieve it by id, by href and by its Location`,
    feature: 'create', mandatory: true, steps, cleanup: cleanupDelete(r),
  });
}

function unknownIdCase(ctx: ResourceContext): Case {
  const r = ctx.resource;
  return makeCase(ctx, 'E1', {
    title: `Retrieve a ${r.name} with an unknown id: 404 with a TMF Error body`, feature: 'errors', mandatory: true,
    notApplicable: r.operations.retrieve ? undefined : 'the document declares no retrieve operation',
    steps: [{ name: 'retrieve unknown id', op: { resource: r.name, kind: 'retrieve' }, request: getRequest(r, 'tmf-ctk-unknown-{{runId}}'), expect: [404], checks: errorChecks() }],
  });
}

/** A create that must be refused; if the server wrongly creates it, cleanup deletes it. */
function refusedCreate(ctx: ResourceContext, name: string, body: unknown, raw?: string): Step {
  const r = ctx.resource;
  const step = createStep(r, body, `refused${name.replace(/\W+/g, '')}`, name, errorChecks());
  step.expect = [400];
  if (raw !== undefined) step.request = { method: 'POST', path: r.collectionPath, rawBody: raw, contentType: 'application/json' };
  return step;
}

function refusedCleanup(ctx: ResourceContext, steps: Step[]): Step[] {
  return steps.flatMap((s) => cleanupDelete(ctx.resource, s.capture![0]!.as));
}

function missingMandatoryCase(ctx: ResourceContext): Case {
  const { resource: r, data } = ctx;
  const required = r.createRequired.filter((a) => Object.hasOwn(data.minimal, a));
  const steps = required.map((a) => {
    const { [a]: _omitted, ...rest } = data.minimal;
    return refusedCreate(ctx, `create without ${a}`, rest);
  });
  return makeCase(ctx, 'E2', {
    title: `Create a ${r.name} missing a mandatory attribute (${required.join(', ') || 'none'}): 400 with a TMF Error body`,
    feature: 'errors', mandatory: true, steps, cleanup: refusedCleanup(ctx, steps),
    notApplicable: !r.operations.create ? 'the document declares no create operation'
      : required.length === 0 ? `the document makes no attribute of ${r.createSchemaName ?? r.name} mandatory on create` : undefined,
  });
}

function missingInContextCase(ctx: ResourceContext): Case {
  const r = ctx.resource;
  const variants = ctx.data.contextMissing ?? [];
  const steps = variants.map((v) => refusedCreate(ctx, `create ${v.title}`, v.body));
  return makeCase(ctx, 'E3', {
    title: `Create a ${r.name} missing an attribute mandatory in context (${variants.map((v) => v.title).join('; ') || 'none'}): 400`,
    feature: 'errors', mandatory: false, steps, cleanup: refusedCleanup(ctx, steps),
    notApplicable: variants.length === 0 ? `no attribute of ${r.name} is mandatory in context` : undefined,
  });
}

function malformedJsonCase(ctx: ResourceContext): Case {
  const r = ctx.resource;
  const steps = [refusedCreate(ctx, 'create with malformed JSON', undefined, '{"name": "tmf-ctk", ')];
  return makeCase(ctx, 'BADJSON1', {
    title: `Create a ${r.name} with a malformed JSON body: 400 with a TMF Error body`, feature: 'errors', mandatory: false,
    steps, cleanup: refusedCleanup(ctx, steps),
  });
}

export function crudCases(ctx: ResourceContext): Case[] {
  if (!ctx.resource.operations.create) return [unknownIdCase(ctx)];
  return [
    createCase(ctx, 'N1', ctx.data.minimal, 'the mandatory attributes only'),
    createCase(ctx, 'N2', ctx.data.rich, 'the richest payload'),
    unknownIdCase(ctx), missingMandatoryCase(ctx), missingInContextCase(ctx), malformedJsonCase(ctx),
  ];
}
