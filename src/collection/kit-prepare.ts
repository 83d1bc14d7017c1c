/**
 * A TM Forum kit made ready to run, as its index.js makes it (kit-recipe.ts reads what that is): every
 * request's headers replaced by config.headers, each configured payload validated against the kit's schema
 * and put into the requests index.js puts it into, the base URL variable named. Plus what the report needs:
 * a case per top-level folder (`TC_ShoppingCart_N1` from the kit's names) and the advisories of kit-lint.ts.
 */
import { CtkError } from '../errors.js';
import { readableErrors, formatError } from '../schema/errors.js';
import { createAjv } from '../schema/ajv.js';
import { findPath, type KitFiles } from './kit-files.js';
import { lintCase, requestsOf, variablesSet } from './kit-lint.js';
import { readRecipe, type KitRecipe, type PayloadSlot } from './kit-recipe.js';
import { asCollection, type PlannedCase } from './plan.js';
import type { PostmanCollection, PostmanEnvironment, PostmanHeader, PostmanItem } from './postman.js';

export interface KitConfig {
  url?: string;
  headers?: Record<string, string>;
  payloads?: Record<string, { POST?: { payload?: unknown } }>;
}

export interface PreparedKit {
  recipe: KitRecipe;
  config: KitConfig;
  collection: PostmanCollection;
  environment: PostmanEnvironment;
  /** Per top-level item: id, title, resource, suite label and advisories. */
  cases: Array<Partial<PlannedCase>>;
  /** `TM Forum CTK TMF663-ShoppingCart_v4.0.0.zip` */
  suite: string;
  /** TMF663, from the kit's names; undefined when none says. */
  apiId?: string;
  version?: string;
}

export const PAYLOAD_NAME = 'kit-payload-name';
export const SCHEMA_NAME = 'kit-schema-name';

function json(kit: KitFiles, path: string, what: string): unknown {
  const text = kit.read(path);
  if (text === undefined) throw new CtkError('INPUT_READ', `${kit.name} has no ${path} (the ${what} its index.js reads)`);
  try {
    return JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    throw new CtkError('INPUT_READ', `${kit.name}: ${path} is not JSON: ${(e as Error).message}`);
  }
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function readConfig(kit: KitFiles, recipe: KitRecipe): KitConfig {
  const raw = json(kit, recipe.configFile, 'configuration');
  if (!isRecord(raw)) throw new CtkError('CONFIG_INVALID', `${kit.name}: ${recipe.configFile} is not a JSON object`);
  const headers = raw.headers ?? {};
  if (!isRecord(headers) || Object.values(headers).some((v) => typeof v !== 'string')) {
    throw new CtkError('CONFIG_INVALID', `${kit.name}: ${recipe.configFile} /headers must be an object of strings`);
  }
  if (raw.payloads !== undefined && !isRecord(raw.payloads)) throw new CtkError('CONFIG_INVALID', `${kit.name}: ${recipe.configFile} /payloads must be an object`);
  return { ...(typeof raw.url === 'string' ? { url: raw.url.trim() } : {}), headers: headers as Record<string, string>, payloads: (raw.payloads ?? {}) as KitConfig['payloads'] };
}

/** The schema validation index.js does (jsonschema there, ajv here); CONFIG_INVALID with the schema error. */
function validatePayload(kit: KitFiles, recipe: KitRecipe, resource: string, payload: unknown, notes: Map<string, string[]>): void {
  const asked = `${recipe.schema.dir}/${resource}${recipe.schema.suffix}`;
  const found = findPath(kit, asked);
  if (!found) return note(notes, resource, `[${SCHEMA_NAME}] index.js validates the ${resource} payload against ${asked}, which the kit does not ship: not validated`);
  if (!found.exact) note(notes, resource, `[${SCHEMA_NAME}] index.js asks for ${asked}, the kit ships ${found.path}: matched ignoring case (on Linux the kit's own index.js stops here)`);
  const schema = json(kit, found.path, 'payload schema');
  if (!isRecord(schema)) throw new CtkError('INPUT_READ', `${kit.name}: ${found.path} is not a JSON schema`);
  const { $schema: _meta, $id: _id, id: _legacyId, ...body } = schema;
  const ajv = createAjv({ polymorphic: () => undefined, discriminated: () => null });
  let validate;
  try {
    validate = ajv.compile(body);
  } catch (e) {
    throw new CtkError('INPUT_READ', `${kit.name}: ${found.path} does not compile: ${(e as Error).message}`);
  }
  if (validate(payload)) return;
  const errors = readableErrors(validate.errors, payload, found.path);
  throw new CtkError('CONFIG_INVALID', `${kit.name}: ${recipe.configFile} /payloads/${resource}/POST/payload does not match ${found.path}: ${errors.map(formatError).join('; ')}`, {
    hint: 'fix the payload in the kit\'s config.json (the kit\'s own index.js refuses it too)',
  });
}

function note(notes: Map<string, string[]>, resource: string, text: string): void {
  notes.set(resource.toLowerCase(), [...(notes.get(resource.toLowerCase()) ?? []), text]);
}

function itemAt(collection: PostmanCollection, path: readonly number[]): PostmanItem | undefined {
  let items: PostmanItem[] | undefined = collection.item;
  let item: PostmanItem | undefined;
  for (const i of path) {
    item = items?.[i];
    items = item?.item;
  }
  return item;
}

/** Puts each payload where index.js puts it (exact name, as index.js compares); notes the ones with no place. */
function injectPayloads(kit: KitFiles, p: { recipe: KitRecipe; config: KitConfig; collection: PostmanCollection }, notes: Map<string, string[]>): void {
  for (const [resource, entry] of Object.entries(p.config.payloads ?? {})) {
    if (!isRecord(entry) || !isRecord(entry.POST) || !('payload' in entry.POST)) {
      throw new CtkError('CONFIG_INVALID', `${kit.name}: ${p.recipe.configFile} /payloads/${resource} must be {"POST": {"payload": …}}`);
    }
    const payload = entry.POST.payload;
    validatePayload(kit, p.recipe, resource, payload, notes);
    const slots = p.recipe.slots.filter((s) => s.resource === resource);
    if (slots.length === 0) noPlace(p.recipe, resource, notes);
    for (const slot of slots) place(p.collection, slot, payload, resource, notes);
  }
}

function noPlace(recipe: KitRecipe, resource: string, notes: Map<string, string[]>): void {
  const near = recipe.slots.find((s) => s.resource.toLowerCase() === resource.toLowerCase());
  note(notes, resource, `[${PAYLOAD_NAME}] the payload for "${resource}" in ${recipe.configFile} has no place to go: `
    + (near ? `${recipe.indexFile} puts only a payload named "${near.resource}" (the case differs), ` : `${recipe.indexFile} puts no payload named so, `)
    + 'so the collection\'s own request body is sent');
}

function place(collection: PostmanCollection, slot: PayloadSlot, payload: unknown, resource: string, notes: Map<string, string[]>): void {
  const item = itemAt(collection, slot.items);
  const request = item?.request;
  if (!request || typeof request === 'string') {
    return note(notes, resource, `[${PAYLOAD_NAME}] index.js puts the ${resource} payload into item ${slot.items.join('/')}, which the collection does not have: not sent`);
  }
  const body = isRecord(request.body) ? request.body : { mode: 'raw' };
  request.body = { ...body, mode: 'raw', raw: JSON.stringify(payload) };
}

/** index.js replaces the headers of every request with config.headers. */
function replaceHeaders(collection: PostmanCollection, headers: Record<string, string>): void {
  const list: PostmanHeader[] = Object.entries(headers).map(([key, value]) => ({ key, value }));
  for (const req of collection.item.flatMap(requestsOf)) {
    if (req.request && typeof req.request !== 'string') req.request.header = list.map((h) => ({ ...h }));
  }
}

/** `{{Shopping_Cart}}shoppingCart/{{IDSC01}}` → `ShoppingCart`. */
function resourceOf(top: PostmanItem): string | undefined {
  for (const req of requestsOf(top)) {
    const r = req.request;
    const url = !r ? '' : typeof r === 'string' ? r : typeof r.url === 'string' ? r.url : r.url?.raw ?? '';
    const seg = /^(?:\{\{[^}]*\}\}|[a-z]+:\/\/[^/]*)?\/?([A-Za-z][A-Za-z0-9]*)/.exec(url.replace(/^\s+/, ''))?.[1];
    if (seg) return seg[0]!.toUpperCase() + seg.slice(1);
  }
  return undefined;
}

function planCases(collection: PostmanCollection, suite: string, advisories: (top: PostmanItem) => string[], notes: Map<string, string[]>): Array<Partial<PlannedCase>> {
  const used = new Set<string>();
  const cases = collection.item.map((top, i): Partial<PlannedCase> => {
    const resource = resourceOf(top);
    const part = (top.name ?? `${i + 1}`).trim().replace(/[^A-Za-z0-9.-]+/g, '_').slice(0, 40) || `${i + 1}`;
    let id = `TC_${resource ?? 'Kit'}_${part}`;
    for (let n = 2; used.has(id); n++) id = `TC_${resource ?? 'Kit'}_${part}_${n}`;
    used.add(id);
    const steps = requestsOf(top).map((r) => r.name ?? '').filter(Boolean);
    const title = `${resource ?? 'kit'} ${top.name ?? ''}: ${steps.join(', ')}`.slice(0, 160);
    return { id, title, mandatory: true, suite, ...(resource ? { resource } : {}), advisories: advisories(top) };
  });
  for (const [resource, texts] of notes) {
    const target = cases.find((c) => c.resource?.toLowerCase() === resource) ?? cases[0];
    if (target) target.advisories = [...texts, ...(target.advisories ?? [])];
  }
  return cases;
}

/** Reads a kit and prepares its collection and environment as its index.js would. */
export function prepareKit(kit: KitFiles): PreparedKit {
  const recipe = readRecipe(kit);
  const config = readConfig(kit, recipe);
  const collection = structuredClone(asCollection(json(kit, recipe.collectionFile, 'collection'), `${kit.name}: ${recipe.collectionFile}`));
  const environment = json(kit, recipe.environmentFile, 'environment') as PostmanEnvironment;
  if (!isRecord(environment) || !Array.isArray(environment.values)) throw new CtkError('INPUT_READ', `${kit.name}: ${recipe.environmentFile} is not a Postman environment`);
  replaceHeaders(collection, config.headers ?? {});
  const notes = new Map<string, string[]>();
  injectPayloads(kit, { recipe, config, collection }, notes);
  const set = variablesSet(collection, [...environment.values.filter((v) => v.enabled !== false).map((v) => v.key), recipe.baseUrlVariable]);
  const suite = `TM Forum CTK ${kit.name}`;
  const names = [kit.name, ...kit.paths.filter((p) => !p.includes('/')), collection.info.name].join(' ');
  const apiId = /TMF\d{3}/i.exec(names)?.[0]?.toUpperCase();
  const version = /(\d+\.\d+\.\d+)/.exec(collection.info.name)?.[1] ?? /v(\d+\.\d+\.\d+)/i.exec(kit.name)?.[1];
  return {
    recipe, config, collection, environment, suite, ...(apiId ? { apiId } : {}), ...(version ? { version } : {}),
    cases: planCases(collection, suite, (top) => lintCase(top, set), notes),
  };
}
