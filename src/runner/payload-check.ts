/**
 * Vendor payloads from the config, checked against the document's `*_Create` schema before anything is sent:
 * one CONFIG_INVALID naming the JSON pointer, instead of every case failing with "expected 201, got 400".
 */
import type { ApiModel } from '../document/model.js';
import { valueAt } from '../schema/errors.js';
import { schemasFor } from '../schema/schema-set.js';
import type { RunConfig } from './config.js';

const pointer = (...keys: string[]) => keys.map((k) => `/${k.replace(/~/g, '~0').replace(/\//g, '~1')}`).join('');

/** A `{{…}}` placeholder is filled in at run time: its final value cannot be judged now (never cry wolf). */
const isPlaceholder = (v: unknown) => typeof v === 'string' && v.includes('{{');

export function payloadProblems(config: RunConfig, api: ApiModel): string[] {
  const entry = config.apis?.[api.id];
  if (!entry?.payloads) return [];
  const schemas = schemasFor(api);
  const problems: string[] = [];
  for (const [name, variants] of Object.entries(entry.payloads)) {
    const schema = api.resources.find((r) => r.name === name)?.createSchemaName;
    if (!schema || !schemas.has(schema)) continue;
    for (const variant of ['minimal', 'rich'] as const) {
      const payload = variants[variant];
      if (payload === undefined) continue;
      const errors = schemas.validate(schema, payload).errors.filter((e) => !isPlaceholder(valueAt(payload, e.pointer)));
      for (const e of errors.slice(0, 5)) {
        problems.push(`${pointer('apis', api.id, 'payloads', name, variant)}${e.pointer}: ${e.message.replace(/^\S*: /, '')} (${schema}, rule ${e.rule})`);
      }
    }
  }
  return problems;
}
