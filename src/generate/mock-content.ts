/**
 * Mock content from the document alone, for an API without a mocks/<API>/ folder: seed records for the
 * resources a client cannot create (no POST: read-only collections need something to list), and a create
 * hook that fills the attributes the entity schema requires but the create schema does not ask for (the
 * server's part, e.g. a required `href` or `state`), so a created resource is valid as the document shapes it.
 */
import type { ApiModel, JsonSchema, ResourceModel } from '../document/model.js';
import type { ApiBehaviour, MockContent, ResourceBehaviour } from '../mock/behaviour-kit.js';
import { flatten } from '../document/schema-walk.js';
import { schemasFor } from '../schema/schema-set.js';
import { generatePayload } from './payloads.js';
import { random, hashSeed } from './random.js';
import { DEFAULT_SEED } from './suite.js';
import { isValue, valueFor } from './values.js';

/** Records seeded per read-only resource: two, so paging has a second page. */
const SEED_RECORDS = 2;

/** Values for the entity's required attributes that a create payload may lack. */
function serverSide(api: ApiModel, resource: ResourceModel, seed: number): Record<string, unknown> {
  const entity = flatten(api.definitions, resource.schemaName);
  const created = new Set(flatten(api.definitions, resource.createSchemaName).required);
  const ctx = { defs: api.definitions, rng: random(hashSeed(seed, api.id, resource.name, 'server')), mode: 'minimal' as const, problems: [], salt: '', counter: { n: 0 } };
  const out: Record<string, unknown> = {};
  for (const attr of entity.required) {
    if (created.has(attr) || attr === 'id' || attr === 'href' || attr === '@type') continue;
    const v = valueFor(entity.properties[attr] as JsonSchema | undefined, { def: resource.schemaName, depth: 1, prop: attr, required: true, viaRef: true }, ctx);
    if (isValue(v)) out[attr] = v;
  }
  return out;
}

function behaviourOf(api: ApiModel, resource: ResourceModel, seed: number): ResourceBehaviour | undefined {
  const fill = serverSide(api, resource, seed);
  if (Object.keys(fill).length === 0) return undefined;
  return { onCreate: (draft) => ({ ...fill, ...draft }) };
}

/** Valid entity records of a resource (rich, one level deep), with stable ids. */
function seedRecords(api: ApiModel, resource: ResourceModel, seed: number): unknown[] {
  const schemas = schemasFor(api);
  const out: unknown[] = [];
  for (let i = 1; i <= SEED_RECORDS; i++) {
    const { value } = generatePayload(api, resource.schemaName, 'rich', seed + i);
    if (!value) continue;
    const { href: _href, ...fields } = value;
    const record = { ...fields, id: `tmf-ctk-seed-${resource.name}-${i}`, '@type': value['@type'] ?? resource.schemaName };
    if (schemas.validate(resource.schemaName, record).valid) out.push(record);
  }
  return out;
}

/** The generated mock content of a document: behaviours where the entity needs server-set values, seeds for read-only resources. */
export function generatedMockContent(api: ApiModel, seed = DEFAULT_SEED): MockContent {
  const behaviour: ApiBehaviour = { resources: {} };
  const records: Record<string, unknown[]> = {};
  for (const r of api.resources) {
    const b = behaviourOf(api, r, seed);
    if (b) behaviour.resources[r.name] = b;
    if (!r.operations.create && r.operations.list) records[r.name] = seedRecords(api, r, seed);
  }
  return { behaviour, seed: records, seedSource: `records generated from ${api.id} ${api.version} (seed ${seed})` };
}
