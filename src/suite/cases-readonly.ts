/**
 * A resource the document declares no create operation for is read-only: its cases list what the server
 * holds (seed data: a generated mock seeds such resources from the schemas), read the first item back by
 * id, select fields and search by id. Nothing is created, so nothing is cleaned up. When the collection is
 * empty the steps that need an item skip (optionalVars) instead of failing: an empty list is conformant.
 */
import { makeCase, type ResourceContext } from './context.js';
import { checks, getRequest, LIST_STATUSES, listRequest, mandatoryCheck, okChecks } from './steps.js';
import type { Case, CheckUse, Step } from '../core/case-model.js';

import type { CheckId } from '../core/check-ids.js';

const JSON_NO_SCHEMA: CheckId[] = ['status-code-conformance', 'no-server-error', 'content-type-json', 'json-body'];
const FIRST = 'created';

function listFirst(ctx: ResourceContext, name: string, query?: Array<[string, string]>, stepChecks: CheckUse[] = okChecks(mandatoryCheck(ctx.mandatory))): Step {
  return { name, op: { resource: ctx.resource.name, kind: 'list' }, request: listRequest(ctx.resource, query), expect: LIST_STATUSES,
    checks: stepChecks, capture: [{ as: FIRST, pointer: '/0' }] };
}

function retrieveFirst(ctx: ResourceContext, name: string, query: Array<[string, string]> | undefined, stepChecks: CheckUse[]): Step[] {
  const r = ctx.resource;
  if (!r.operations.retrieve) return [];
  return [{ name, op: { resource: r.name, kind: 'retrieve' }, request: getRequest(r, `{{${FIRST}.id}}`, query), expect: [200], checks: stepChecks, optionalVars: true }];
}

function listCase(ctx: ResourceContext): Case {
  const r = ctx.resource;
  return makeCase(ctx, 'N3', {
    title: `List ${r.name} (read-only: no create operation) and retrieve the first item by id`,
    feature: 'list', mandatory: true,
    steps: [listFirst(ctx, 'list'), ...retrieveFirst(ctx, 'retrieve the first item by id', undefined, okChecks(mandatoryCheck(ctx.mandatory), { id: 'attributes-echoed', params: { expected: {}, label: 'listed', id: `{{${FIRST}.id}}` } }))],
  });
}

function fieldsCase(ctx: ResourceContext): Case {
  const { resource: r, select } = ctx;
  const fields: CheckUse = { id: 'fields-selection', params: { fields: [select], present: [] } };
  return makeCase(ctx, 'N4', {
    title: `List and retrieve ${r.name} with a fields selection (${select}): only those attributes, plus id, href and @type`,
    feature: 'fields', mandatory: true,
    steps: [listFirst(ctx, `list with fields=${select}`, [['fields', select]], [...checks(...JSON_NO_SCHEMA), fields]),
      ...retrieveFirst(ctx, `retrieve with fields=${select}`, [['fields', select]], [...checks(...JSON_NO_SCHEMA), fields])],
  });
}

function filterCase(ctx: ResourceContext): Case {
  const r = ctx.resource;
  const search: Step = {
    name: 'search by id with fields=id', op: { resource: r.name, kind: 'list' }, request: listRequest(r, [['id', `{{${FIRST}.id}}`], ['fields', 'id']]),
    expect: LIST_STATUSES, optionalVars: true,
    checks: [...checks(...JSON_NO_SCHEMA, 'filter-applied'), { id: 'list-contains', params: { id: `{{${FIRST}.id}}` } }, { id: 'fields-selection', params: { fields: ['id'], present: [] } }],
  };
  return makeCase(ctx, 'N5', {
    title: `Search ${r.name} by the id of a listed item with fields=id: that item, with only the selected attributes`,
    feature: 'filter', mandatory: true, steps: [listFirst(ctx, 'list'), search],
  });
}

/** The read-only cases of a resource with a list but no create operation (none otherwise). */
export function readOnlyCases(ctx: ResourceContext): Case[] {
  if (ctx.resource.operations.create || !ctx.resource.operations.list) return [];
  return [listCase(ctx), fieldsCase(ctx), filterCase(ctx)];
}
