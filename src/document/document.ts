import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { CtkError } from '../errors.js';
import { sha256 } from './checksum.js';
import { readDerived, writeDerived } from './derived-cache.js';

export { sha256 };

export interface RawDocument {
  text: string;
  sha256: string;
  doc: Record<string, unknown>;
}

/**
 * Reads a document (JSON or YAML) as published; the parsed object is never modified afterwards.
 * A YAML document's parsed form is kept in the derived cache under its sha256 (parsing YAML is most
 * of the cost of loading a v5 document; reading the same data as JSON is about twenty times faster).
 */
export function readDocument(path: string, cacheDir?: string): RawDocument {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (cause) {
    throw new CtkError('SPEC_MISSING', `cannot read ${path}`, { cause });
  }
  const text = bytes.toString('utf8');
  const sum = sha256(bytes);
  let doc: unknown;
  try {
    doc = /\.ya?ml$/i.test(path) ? parseYamlCached(text, sum, cacheDir) : JSON.parse(text);
  } catch (cause) {
    throw new CtkError('SPEC_INVALID', `${path} is neither valid JSON nor YAML: ${(cause as Error).message}`, { cause });
  }
  if (!doc || typeof doc !== 'object' || Array.isArray(doc)) {
    throw new CtkError('SPEC_INVALID', `${path} does not hold a Swagger/OpenAPI object`);
  }
  return { text, sha256: sum, doc: doc as Record<string, unknown> };
}

function parseYamlCached(text: string, sum: string, cacheDir: string | undefined): unknown {
  const name = `parsed/${sum}.json`;
  const hit = readDerived(cacheDir, name);
  if (hit !== undefined) {
    try {
      return JSON.parse(hit);
    } catch {
      // A damaged entry is parsed again and replaced.
    }
  }
  // Loaded only when a YAML document is parsed (start-up of commands that find it cached never pays for it).
  const { parse } = createRequire(import.meta.url)('yaml') as typeof import('yaml');
  const doc: unknown = parse(text, { maxAliasCount: -1 });
  writeDerived(cacheDir, name, JSON.stringify(doc));
  return doc;
}
