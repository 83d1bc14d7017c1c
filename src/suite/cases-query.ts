/**
 * The kits' list cases (N3 list and search, N4 fields, N5 filter with fields) and paging.
 */
import { makeCase, type ResourceContext } from './context.js';
import { pagingCase } from './cases-paging.js';
import { checks, cleanupDelete, createStep, getRequest, LIST_STATUSES, listRequest, mandatoryCheck, okChecks } from './steps.js';
import type { Case, CheckUse, Step } from '../core/case-model.js';
import type { CheckId } from '../core/check-ids.js';

const JSON_NO_SCHEMA: CheckId[] = ['status-code-conformance', 'no-server-error', 'content-type-json', 'json-body'];

function listStep(ctx: ResourceContext, name: string, query: Array<[string, string]> | undefined, stepChecks: CheckUse[], extra: Partial<Step> = {}): Step {
  return { name, op: { resource: ctx.resource.name, kind: 'list' }, request: listRequest(ctx.resource, query), expect: LIST_STATUSES, checks: stepChecks, ...extra };
}

const contains = (complete = false): CheckUse => ({ id: 'list-contains', params: { id: '{{created.id}}', ...(complete ? { onlyIfComplete: true } : {}) } });
/**
 * A search by `id` or `href` must find the created resource (one match); a search by another attribute may match
 * more than a server's default page holds (TMF630 lets a server page by default), so there it is required only
 * on a complete page.
 */
const containsFor = (filter: string): CheckUse => contains(filter !== 'id' && filter !== 'href');
/** A search by the created id matches one resource, which any page holds: X-Total-Count must be the item count. */
const totalFor = (filter: string): CheckUse[] => (filter === 'id' ? [{ id: 'total-count', params: { complete: true } }] : []);
const fieldsCheck = (fields: string[], present: string[]): CheckUse => ({ id: 'fields-selection', params: { fields, present } });

function listAndSearchCase(ctx: ResourceContext): Case {
  const { resource: r, mandatory } = ctx;
  const steps: Step[] = [
    createStep(r, ctx.data.minimal, 'created', 'setup: create'),
    listStep(ctx, 'list', undefined, okChecks(mandatoryCheck(mandatory), contains(true))),
    ...ctx.filters.map((f) => listStep(ctx, `search by ${f}`, [[f, `{{created.${f}}}`]],
      okChecks('filter-applied', containsFor(f), ...totalFor(f)), { optionalVars: true })),
  ];
  return makeCase(ctx, 'N3', {
    title: `List ${r.name} and search by attribute (${ctx.filters.join(', ')}): every item matches, the created one is found`,
    feature: 'list', mandatory: true, steps, cleanup: cleanupDelete(r),
  });
}

/** Attributes the rich payload sends that a selection of them must return. */
function sentAmong(ctx: ResourceContext, fields: string[]): string[] {
  return fields.filter((f) => Object.hasOwn(ctx.data.rich, f));
}

function fieldsCase(ctx: ResourceContext): Case {
  const { resource: r, select } = ctx;
  const fields = [select];
  const steps: Step[] = [createStep(r, ctx.data.rich, 'created', 'setup: create')];
  if (r.operations.retrieve) {
    steps.push({ name: `retrieve with fields=${select}`, op: { resource: r.name, kind: 'retrieve' }, request: getRequest(r, '{{created.id}}', [['fields', select]]),
      expect: [200], checks: [...checks(...JSON_NO_SCHEMA), fieldsCheck(fields, sentAmong(ctx, fields))] });
  }
  steps.push(listStep(ctx, `list with fields=${select}`, [['fields', select]], [...checks(...JSON_NO_SCHEMA), fieldsCheck(fields, [])]));
  return makeCase(ctx, 'N4', {
    title: `Retrieve and list ${r.name} with a fields selection (${select}): only those attributes, plus id, href and @type`,
    feature: 'fields', mandatory: true, steps, cleanup: cleanupDelete(r),
  });
}

function filteredFieldsCase(ctx: ResourceContext): Case {
  const { resource: r, select } = ctx;
  const filter = ctx.filters.find((f) => f !== 'href') ?? 'id';
  const fields = [...new Set([select, filter])];
  const steps: Step[] = [
    createStep(r, ctx.data.rich, 'created', 'setup: create'),
    listStep(ctx, `search by ${filter} with fields=${fields.join(',')}`, [[filter, `{{created.${filter}}}`], ['fields', fields.join(',')]],
      [...checks(...JSON_NO_SCHEMA, 'filter-applied'), containsFor(filter), ...totalFor(filter), fieldsCheck(fields, [])], { optionalVars: true }),
  ];
  return makeCase(ctx, 'N5', {
    title: `Search ${r.name} by ${filter} with fields=${fields.join(',')}: matching items with only those attributes`,
    feature: 'filter', mandatory: true, steps, cleanup: cleanupDelete(r),
  });
}

export function queryCases(ctx: ResourceContext): Case[] {
  if (!ctx.resource.operations.list || !ctx.resource.operations.create) return [];
  return [listAndSearchCase(ctx), fieldsCase(ctx), filteredFieldsCase(ctx), pagingCase(ctx)];
}
