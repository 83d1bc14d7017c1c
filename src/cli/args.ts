import { parseArgs, type ParseArgsConfig } from 'node:util';
import { CtkError } from '../errors.js';

export type Options = NonNullable<ParseArgsConfig['options']>;

/** node's parseArgs, with its errors turned into usage errors that name the command's help. */
export function parse<T extends Options>(command: string, argv: string[], options: T, allowPositionals = false) {
  try {
    return parseArgs({ args: argv, options: { ...options, help: { type: 'boolean', short: 'h' } }, allowPositionals, strict: true });
  } catch (e) {
    throw new CtkError('USAGE', (e as Error).message.replace(/\. To specify.*$/s, ''), { hint: `see "tmf-ctk ${command} --help"` });
  }
}

/** A numeric option: a clear usage error instead of NaN. */
export function numberOption(name: string, raw: string | undefined, fallback: number, { min = 0, max = Number.MAX_SAFE_INTEGER } = {}): number {
  if (raw === undefined) return fallback;
  const n = Number(raw);
  if (!Number.isFinite(n) || n < min || n > max) {
    throw new CtkError('USAGE', `--${name} must be a number from ${min} to ${max}, got "${raw}"`);
  }
  return n;
}

/** Repeatable options arrive as arrays; comma lists are split too. */
export function listOption(raw: string | string[] | undefined): string[] {
  const list = Array.isArray(raw) ? raw : raw === undefined ? [] : [raw];
  return list.flatMap((s) => s.split(',')).map((s) => s.trim()).filter(Boolean);
}

/** `--header 'Name: value'` options as a header map; a malformed one is a usage error. */
export function headerOption(raw: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const h of raw) {
    const i = h.indexOf(':');
    const name = i > 0 ? h.slice(0, i).trim() : '';
    if (!/^[A-Za-z0-9!#$%&'*+.^_`|~-]+$/.test(name)) throw new CtkError('USAGE', `--header "${h}" is not "Name: value"`);
    out[name] = h.slice(i + 1).trim();
  }
  return out;
}

/** `--generator-seed N`: the seed of generated payloads and mock data (documents without folders); undefined = the default. */
export function generatorSeedOption(raw: string | undefined): number | undefined {
  if (raw === undefined) return undefined;
  if (!/^\d{1,9}$/.test(raw)) throw new CtkError('USAGE', `--generator-seed must be a whole number from 0 to 999999999, got "${raw}"`);
  return Number(raw);
}
