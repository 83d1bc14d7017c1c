/**
 * Flaws the payload generator meets in the documents, named like the loader's quirks (`tmf-ctk apis --quirks`):
 * - `type-enum`: a definition closes `@type` to an enum (v5 `GeographicLocation`), so a subtype or the
 *   definition's own name is invalid there; generated values take the enum's first value.
 * - `create-requires-server-set`: a create schema requires attributes the server manages (v5 TMF620
 *   `ProductOffering_FVO` requires `lastUpdate` and `lifecycleStatus`); generated payloads send them, as the document says.
 */
import type { JsonSchema, Quirk, ResourceModel } from './model.js';

const SERVER_SET = new Set(['lastUpdate', 'lastModified', 'creationDate', 'statusChangeDate', 'lifecycleStatus', 'orderDate']);

export function payloadQuirks(defs: Record<string, JsonSchema>, resources: readonly ResourceModel[]): Quirk[] {
  const out: Quirk[] = [];
  for (const [name, s] of Object.entries(defs)) {
    // Own properties and inline allOf parts (not the parents a $ref brings: they report themselves).
    const parts = [s, ...((Array.isArray(s.allOf) ? s.allOf : []) as JsonSchema[]).filter((p) => p.$ref === undefined)];
    const type = parts.map((p) => (p.properties as Record<string, JsonSchema> | undefined)?.['@type']).find((t) => t !== undefined);
    if (type && Array.isArray(type.enum)) {
      out.push({ id: 'type-enum', where: `${name}.@type`, detail: `@type closed to ${JSON.stringify(type.enum).slice(0, 120)}: generated values use its first value` });
    }
  }
  for (const r of resources) {
    const set = r.createRequired.filter((a) => SERVER_SET.has(a));
    if (set.length && r.createSchemaName) {
      out.push({ id: 'create-requires-server-set', where: r.createSchemaName, detail: `requires ${set.join(', ')}, attributes the server manages; generated payloads send them as the document says` });
    }
  }
  return out;
}
