import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { CtkError } from '../errors.js';
import { sha256 } from './checksum.js';

export { sha256 };

export interface RawDocument {
  text: string;
  sha256: string;
  doc: Record<string, unknown>;
}

/** Reads a document (JSON or YAML) as published; the parsed object is never modified afterwards. */
export function readDocument(path: string): RawDocument {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (cause) {
    throw new CtkError('SPEC_MISSING', `cannot read ${path}`, { cause });
  }
  const text = bytes.toString('utf8');
  let doc: unknown;
  try {
    doc = /\.ya?ml$/i.test(path) ? parseYaml(text, { maxAliasCount: -1 }) : JSON.parse(text);
  } catch (cause) {
    throw new CtkError('SPEC_INVALID', `${path} is neither valid JSON nor YAML: ${(cause as Error).message}`, { cause });
  }
  if (!doc || typeof doc !== 'object' || Array.isArray(doc)) {
    throw new CtkError('SPEC_INVALID', `${path} does not hold a Swagger/OpenAPI object`);
  }
  return { text, sha256: sha256(bytes), doc: doc as Record<string, unknown> };
}
