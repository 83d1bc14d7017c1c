/**
 * PATCH with a JSON Patch Query (TMF630; the v5 documents declare `application/json-patch-query+json`):
 * create the rich payload, change one attribute of one array element selected by its id, read it back.
 * Optional like the other PATCH cases; only for resources whose data carries a query (generated from v5 documents).
 */
import { makeCase, type ResourceContext } from './context.js';
import { cleanupDelete, createStep, echoCheck, getRequest, itemPath, mandatoryCheck, okChecks } from './steps.js';
import type { Case } from '../core/case-model.js';

export const JSON_PATCH_QUERY = 'application/json-patch-query+json';

export function patchQueryCases(ctx: ResourceContext): Case[] {
  const { resource: r, data } = ctx;
  if (!r.operations.patch || !r.operations.create || !data.patchQuery) return [];
  const { ops, expected } = data.patchQuery;
  return [makeCase(ctx, 'PATCH3', {
    title: `Partially update a ${r.name} with a JSON Patch Query (${Object.keys(expected).join(', ')}): the selected element changes`,
    feature: 'patch', mandatory: false, cleanup: cleanupDelete(r),
    steps: [
      createStep(r, data.rich, 'created', 'setup: create'),
      { name: 'patch with a JSON Patch Query', op: { resource: r.name, kind: 'patch' }, request: { method: 'PATCH', path: itemPath(r, '{{created.id}}'), body: ops, contentType: JSON_PATCH_QUERY },
        expect: [200], checks: okChecks(mandatoryCheck(ctx.mandatory), echoCheck(expected, 'patched by query')) },
      { name: 'retrieve after patch', op: { resource: r.name, kind: 'retrieve' }, request: getRequest(r), expect: [200], checks: okChecks(echoCheck(expected, 'patched by query', '{{created.id}}')) },
    ],
  })];
}
