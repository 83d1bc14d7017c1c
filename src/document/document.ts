import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { CtkError } from '../errors.js';

export interface RawDocument {
  text: string;
  sha256: string;
  doc: Record<string, unknown>;
}

export function sha256(data: string | Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

/** Reads a document (JSON or YAML) as published; the parsed object is never modified afterwards. */
export function readDocument(path: string): RawDocument {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (cause) {
    throw new CtkError('SPEC_MISSING', `cannot read ${path}`, { cause });
  }
  let doc: unknown;
  try {
    doc = /\.ya?ml$/i.test(path) ? parseYaml(text, { maxAliasCount: -1 }) : JSON.parse(text);
  } catch (cause) {
    throw new CtkError('SPEC_INVALID', `${path} is neither valid JSON nor YAML: ${(cause as Error).message}`, { cause });
  }
  if (!doc || typeof doc !== 'object' || Array.isArray(doc)) {
    throw new CtkError('SPEC_INVALID', `${path} does not hold a Swagger/OpenAPI object`);
  }
  return { text, sha256: sha256(text), doc: doc as Record<string, unknown> };
}
