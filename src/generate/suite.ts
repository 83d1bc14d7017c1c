/**
 * Suite data from the document alone: for every resource, the generated payloads, filters and the
 * attribute selected with `fields=`; the existing case generator (src/suite/) turns it into N1–N5, E1–E3,
 * PATCH, DELETE, PAGING and NOTIF cases from the operations the document declares. Mandatory attributes
 * are the document's `required` lists (the case generator adds the entity's); nothing is invented.
 */
import type { ResourceData, SuiteData } from '../core/case-model.js';
import type { ApiModel, ResourceModel } from '../document/model.js';
import { schemasFor } from '../schema/schema-set.js';
import { patchQueryOf } from './patch-query.js';
import { generatePayload, resourcePayloads, type Payload } from './payloads.js';

/** The seed a generated suite uses unless told otherwise (recorded in SuiteData.generated). */
export const DEFAULT_SEED = 1;

const isText = (v: unknown): v is string => typeof v === 'string' && v.length > 0 && v.length <= 100;
const NOT_SEARCHED = new Set(['@type', '@baseType', '@schemaLocation', 'id', 'href']);

/** Text attributes of the minimal payload to search by (`id` is always added by the case generator). */
function filtersOf(minimal: Payload): string[] {
  return Object.entries(minimal).filter(([k, v]) => !NOT_SEARCHED.has(k) && isText(v) && !/[{}]/.test(v)).map(([k]) => k).slice(0, 1);
}

/** The attribute N4/N5 select: a text attribute the rich payload sends (`name`, `description`), else `id`. */
function selectOf(rich: Payload, filters: string[]): string {
  return filters[0] ?? Object.entries(rich).find(([k, v]) => !NOT_SEARCHED.has(k) && isText(v))?.[0] ?? 'id';
}

/**
 * E3: the minimal payload with one attribute removed from a nested object, where the document then rejects it
 * (a related party without its required `role`, an order item without `action`). Found by validating, not guessed.
 */
function contextMissing(api: ApiModel, def: string, minimal: Payload, rich: Payload): ResourceData['contextMissing'] {
  const schemas = schemasFor(api);
  for (const [attr, value] of Object.entries({ ...rich, ...minimal })) {
    const nested = Array.isArray(value) ? value[0] : value;
    if (!nested || typeof nested !== 'object' || Array.isArray(nested)) continue;
    const keys = Object.keys(nested).sort((a, b) => Number(a === '@type') - Number(b === '@type'));
    for (const key of keys) {
      const { [key]: _gone, ...rest } = nested as Payload;
      const body = { ...minimal, [attr]: Array.isArray(value) ? [rest] : rest };
      if (!schemas.validate(def, body).valid && schemas.validate(def, { ...minimal, [attr]: value }).valid) {
        return [{ title: `with ${attr}${Array.isArray(value) ? '[0]' : ''} without ${key}`, body }];
      }
    }
  }
  return [];
}

function patchQueryPart(api: ApiModel, resource: ResourceModel, rich: Payload): Pick<ResourceData, 'patchQuery'> {
  const query = patchQueryOf(api, resource, rich);
  return query ? { patchQuery: query } : {};
}

/** One resource's data; `unavailable` says why its cases cannot run when the document allows no valid payload. */
export function resourceData(api: ApiModel, resource: ResourceModel, seed = DEFAULT_SEED): ResourceData {
  const p = resourcePayloads(api, resource, seed);
  if (!resource.operations.create) {
    // Read-only: nothing is sent; N4 selects a text attribute the entity has (the mock's seed carries it).
    const entity = generatePayload(api, resource.schemaName, 'rich', seed).value ?? {};
    return { minimal: {}, rich: {}, mandatory: [], select: selectOf(entity, []) };
  }
  if (!p.minimal) {
    return { minimal: {}, rich: {}, mandatory: [], ...(p.problems.length ? { unavailable: `no valid ${resource.createSchemaName ?? resource.name} can be generated from the document: ${p.problems.join('; ')}` } : {}) };
  }
  const filters = filtersOf(p.minimal);
  return {
    minimal: p.minimal,
    rich: p.rich ?? p.minimal,
    ...(p.patch ? { patch: p.patch } : {}),
    mandatory: [],
    filters,
    select: selectOf(p.rich ?? p.minimal, filters),
    contextMissing: resource.createSchemaName ? contextMissing(api, resource.createSchemaName, p.minimal, p.rich ?? p.minimal) : [],
    ...patchQueryPart(api, resource, p.rich ?? p.minimal),
  };
}

/** The generated suite of a document: every resource, optional features not mandatory (no profile says they are). */
export function generatedSuite(api: ApiModel, seed = DEFAULT_SEED): SuiteData {
  return {
    api: api.id,
    generated: { seed },
    features: { patch: false, delete: false, paging: false, notifications: false },
    resources: Object.fromEntries(api.resources.map((r) => [r.name, resourceData(api, r, seed)])),
  };
}
