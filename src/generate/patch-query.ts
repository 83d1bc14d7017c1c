/**
 * The JSON Patch Query of a resource whose document declares `application/json-patch-query+json` for its PATCH
 * (the v5 documents): one text attribute of the first element of an array the rich payload sends, selected by
 * the element's id. Kept only when the patched resource still validates (create and update schemas).
 */
import type { ResourceData } from '../core/case-model.js';
import type { ApiModel, ResourceModel } from '../document/model.js';
import { deref } from '../document/refs.js';
import { flatten } from '../document/schema-walk.js';
import { schemasFor } from '../schema/schema-set.js';
import { applyPatch } from '../tmf/patch.js';
import type { Payload } from './payloads.js';
import { baseName } from './values.js';

const QUERY_TYPE = 'application/json-patch-query+json';

function declaresQuery(api: ApiModel, resource: ResourceModel): boolean {
  const op = resource.operations.patch;
  const item = op ? ((api.document.paths as Record<string, Record<string, unknown>> | undefined)?.[op.path]?.[op.method] as Record<string, unknown> | undefined) : undefined;
  const body = deref(api.document, item?.requestBody) as { content?: Record<string, unknown> } | undefined;
  return !!body?.content && Object.hasOwn(body.content, QUERY_TYPE);
}

/** Candidate (attribute, element id, field, value) of the rich payload: a plain text attribute of an identified element. */
function candidates(resource: ResourceModel, rich: Payload): Array<{ attr: string; id: string; field: string; value: string }> {
  const out: Array<{ attr: string; id: string; field: string; value: string }> = [];
  for (const [attr, value] of Object.entries(rich)) {
    const el = Array.isArray(value) ? (value[0] as Record<string, unknown> | undefined) : undefined;
    if (!resource.patchable.includes(attr) || !el || typeof el !== 'object' || typeof el.id !== 'string') continue;
    for (const [field, v] of Object.entries(el)) {
      if (typeof v === 'string' && !['id', 'href', 'name'].includes(field) && !field.startsWith('@') && !/^\d{4}-|^[a-z]+:/i.test(v)) out.push({ attr, id: el.id, field, value: `${v} patched` });
    }
  }
  return out;
}

export function patchQueryOf(api: ApiModel, resource: ResourceModel, rich: Payload): ResourceData['patchQuery'] {
  const update = resource.updateSchemaName;
  if (!update || !resource.createSchemaName || !declaresQuery(api, resource)) return undefined;
  const schemas = schemasFor(api);
  const typed = flatten(api.definitions, update).required.includes('@type') ? baseName(update) : undefined;
  for (const c of candidates(resource, rich)) {
    const ops: unknown[] = [{ op: 'replace', path: `/${c.attr}/${c.field}?${c.attr}.id=${c.id}`, value: c.value }];
    if (typed) ops.push({ op: 'add', path: '/@type', value: typed });
    let after: Payload;
    try {
      after = applyPatch('json-patch-query', rich, ops);
    } catch {
      continue;
    }
    const changed = { [c.attr]: after[c.attr], ...(typed ? { '@type': typed } : {}) };
    if (schemas.validate(resource.createSchemaName, after).valid && schemas.validate(update, changed).valid) {
      return { ops, expected: { [c.attr]: [{ id: c.id, [c.field]: c.value }] } };
    }
  }
  return undefined;
}
