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

/**
 * Text attributes of the minimal payload to search by (`id` is always added by the case generator): not a
 * reference to another record (`{{productOrderRef.id}}`); a folder's run-scoped name (`{{runId}}`) is one.
 */
function filtersOf(minimal: Payload): string[] {
  return Object.entries(minimal).filter(([k, v]) => !NOT_SEARCHED.has(k) && isText(v) && !/[{}]/.test(v.replaceAll('{{runId}}', ''))).map(([k]) => k).slice(0, 1);
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

type Requires = NonNullable<ResourceData['requires']>;

/**
 * A required reference to another resource of the same document that the API lets a client create (TMF622's
 * cancelProductOrder names the productOrder it cancels): a server may refuse a reference to nothing, so each
 * case creates that resource first (its own minimal payload) and the reference carries its id and href.
 */
function sameApiReferences(api: ApiModel, resource: ResourceModel, minimal: Payload, seed: number, depth = 0): Map<string, { other: ResourceModel; as: string }> {
  const out = new Map<string, { other: ResourceModel; as: string }>();
  for (const [attr, value] of Object.entries(minimal)) {
    if (!value || typeof value !== 'object' || Array.isArray(value) || typeof (value as Payload).id !== 'string') continue;
    const referred = (value as Payload)['@referredType'];
    const other = api.resources.find((r) => r !== resource && r.operations.create && (r.schemaName === referred || (referred === undefined && r.name === attr)));
    if (!other || depth > 0) {
      if (other) out.set(attr, { other, as: `${other.name}Ref` });
      continue;
    }
    // One level only: the setup creates the other resource with its own minimal payload, which must not need a setup of its own.
    const theirs = resourcePayloads(api, other, seed).minimal;
    if (theirs && sameApiReferences(api, other, theirs, seed, 1).size === 0) out.set(attr, { other, as: `${other.name}Ref` });
  }
  return out;
}

/** The payload with each such reference pointing at the resource created in setup. */
function pointed(payload: Payload, refs: ReadonlyMap<string, { as: string }>): Payload {
  const out: Payload = { ...payload };
  for (const [attr, { as }] of refs) {
    const value = out[attr];
    if (!value || typeof value !== 'object' || Array.isArray(value)) continue;
    const ref: Payload = { ...(value as Payload), id: `{{${as}.id}}` };
    if (typeof ref.href === 'string') ref.href = `{{${as}.href}}`;
    out[attr] = ref;
  }
  return out;
}

function patchQueryPart(api: ApiModel, resource: ResourceModel, rich: Payload): Pick<ResourceData, 'patchQuery'> {
  const query = patchQueryOf(api, resource, rich);
  return query ? { patchQuery: query } : {};
}

/**
 * One resource's data; `unavailable` says why its cases cannot run when the document allows no valid payload.
 * `given`: what a project folder already sets for the resource (suites/<API>/): its payloads and filters are
 * the ones the derived fields (select, E3's contextMissing, the JSON Patch Query) are computed from, so
 * that a folder's resource data layered over this (src/composition.ts) stays consistent.
 */
export function resourceData(api: ApiModel, resource: ResourceModel, seed = DEFAULT_SEED, given: Partial<ResourceData> = {}): ResourceData {
  const p = resourcePayloads(api, resource, seed);
  if (!resource.operations.create) {
    // Read-only: nothing is sent; N4 selects a text attribute the entity has (the mock's seed carries it).
    const entity = generatePayload(api, resource.schemaName, 'rich', seed).value ?? {};
    return { minimal: {}, rich: {}, mandatory: [], select: selectOf(entity, []) };
  }
  if (!p.minimal && !given.minimal) {
    return { minimal: {}, rich: {}, mandatory: [], ...(p.problems.length ? { unavailable: `no valid ${resource.createSchemaName ?? resource.name} can be generated from the document: ${p.problems.join('; ')}` } : {}) };
  }
  const refs = p.minimal ? sameApiReferences(api, resource, p.minimal, seed) : new Map<string, { other: ResourceModel; as: string }>();
  const requires: Requires = [...new Map([...refs.values()].map((r) => [r.as, { resource: r.other.name, as: r.as }])).values()];
  const minimal = given.minimal ?? pointed(p.minimal!, refs);
  const rich = given.rich ?? pointed(p.rich ?? p.minimal!, refs);
  const filters = given.filters ?? filtersOf(minimal);
  return {
    minimal,
    rich,
    ...(requires.length ? { requires } : {}),
    ...(p.patch ? { patch: p.patch } : {}),
    mandatory: [],
    filters,
    select: selectOf(rich, filters),
    contextMissing: resource.createSchemaName ? contextMissing(api, resource.createSchemaName, minimal, rich) : [],
    ...patchQueryPart(api, resource, rich),
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
