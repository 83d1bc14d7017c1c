import type { JsonSchema, Operation, Quirk, ResourceModel } from './model.js';
import { flatten } from './schema-walk.js';

const READ_ONLY = new Set(['id', 'href']);

export function buildResources(ops: Operation[], defs: Record<string, JsonSchema>, quirks: Quirk[]): ResourceModel[] {
  const byName = new Map<string, Operation[]>();
  for (const op of ops) {
    if (!op.resource || op.kind === 'other') continue;
    byName.set(op.resource, [...(byName.get(op.resource) ?? []), op]);
  }
  const out: ResourceModel[] = [];
  for (const [name, list] of byName) {
    const find = (k: Operation['kind']) => list.find((o) => o.kind === k);
    const create = find('create');
    const retrieve = find('retrieve');
    const listOp = find('list');
    const patch = find('patch');
    const schemaName = entitySchema(name, defs, create, retrieve, listOp);
    for (const op of [retrieve, listOp]) if (op) fixCreateResponse(op, schemaName, quirks);
    const entity = flatten(defs, schemaName);
    const createSchema = flatten(defs, create?.requestSchemaName);
    const updateSchema = flatten(defs, patch?.requestSchemaName);
    out.push({
      name,
      schemaName,
      createSchemaName: create?.requestSchemaName,
      updateSchemaName: patch?.requestSchemaName,
      collectionPath: `/${name}`,
      itemPath: (retrieve ?? patch ?? find('delete'))?.path ?? `/${name}/{id}`,
      operations: { list: listOp, create, retrieve, patch, delete: find('delete'), replace: find('replace') },
      events: [],
      required: entity.required,
      createRequired: createSchema.required,
      patchable: Object.keys(updateSchema.properties).filter((p) => !READ_ONLY.has(p)),
    });
  }
  return out;
}

/** The entity definition: what create answers, else what retrieve or list answer, else the capitalised name. */
function entitySchema(name: string, defs: JsonSchema, ...ops: Array<Operation | undefined>): string {
  const [create, retrieve, list] = ops;
  const candidates = [create?.responses['201']?.schemaName, create?.responses['200']?.schemaName,
    retrieve?.responses['200']?.schemaName, list?.responses['200']?.schemaName];
  const capital = name[0]!.toUpperCase() + name.slice(1);
  if (defs[capital]) candidates.unshift(capital);
  return candidates.find((c): c is string => typeof c === 'string' && !/_(Create|FVO|Update|MVO)$/.test(c))
    ?? candidates.find((c): c is string => typeof c === 'string') ?? capital;
}

/** TMF671 v4.1.0 declares GET answering `Promotion_Create`: validate against the entity instead. */
function fixCreateResponse(op: Operation, entity: string, quirks: Quirk[]): void {
  const r = op.responses['200'];
  if (!r?.schemaName || r.schemaName === entity || !/_(Create|FVO)$/.test(r.schemaName)) return;
  quirks.push({ id: 'response-create-schema', where: `${op.method.toUpperCase()} ${op.path}`,
    detail: `declares ${r.schemaName}; validated against the entity ${entity} (a superset)` });
  r.schemaName = entity;
  r.schema = r.isArray ? { type: 'array', items: { $ref: `#/definitions/${entity}` } } : { $ref: `#/definitions/${entity}` };
}
