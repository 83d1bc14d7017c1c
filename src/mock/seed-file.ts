/**
 * A seed file: `{ "format": "tmf-ctk-seed/1", "apis": { "TMF663": { "shoppingCart": [ … ] } } }`.
 * `tmf-ctk proxy --record FILE` writes one from observed traffic; `tmf-ctk mock --seed FILE` serves it
 * instead of the project's seed data. Records are validated like any seed (invalid ones are skipped
 * with a warning), so a file from an untrusted session can never put a forbidden value into the mock.
 */
import { readFile } from 'node:fs/promises';
import { CtkError } from '../errors.js';
import type { SeedData } from './behaviour-kit.js';

export const SEED_FORMAT = 'tmf-ctk-seed/1';

export interface SeedFile {
  format: typeof SEED_FORMAT;
  /** API id → resource name → records. */
  apis: Record<string, Record<string, unknown[]>>;
}

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/** Reads and checks a seed file: API id → seed data (null-prototype maps: the keys come from a file). */
export async function readSeedFile(file: string): Promise<Map<string, SeedData>> {
  let data: unknown;
  try {
    data = JSON.parse((await readFile(file, 'utf8')).replace(/^\uFEFF/, ''));
  } catch (cause) {
    throw new CtkError('INPUT_READ', `cannot read seed file ${file}: ${(cause as Error).message}`, { cause, hint: 'write one with tmf-ctk proxy --record FILE' });
  }
  if (!isObject(data) || data.format !== SEED_FORMAT || !isObject(data.apis)) {
    throw new CtkError('INPUT_READ', `${file} is not a tmf-ctk seed file (format "${SEED_FORMAT}")`, { hint: 'write one with tmf-ctk proxy --record FILE' });
  }
  const out = new Map<string, SeedData>();
  for (const [api, resources] of Object.entries(data.apis)) {
    if (!isObject(resources)) continue;
    const seed: Record<string, unknown[]> = Object.create(null) as Record<string, unknown[]>;
    for (const [name, records] of Object.entries(resources)) if (Array.isArray(records)) seed[name] = records;
    out.set(api, seed);
  }
  return out;
}
