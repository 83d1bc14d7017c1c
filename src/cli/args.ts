import { parseArgs, type ParseArgsConfig } from 'node:util';
import { CtkError } from '../errors.js';

export type Options = NonNullable<ParseArgsConfig['options']>;

/** node's parseArgs, with its errors turned into usage errors that name the command's help. */
export function parse<T extends Options>(command: string, argv: string[], options: T, allowPositionals = false) {
  try {
    return parseArgs({ args: negativeValues(argv, options), options: { ...options, help: { type: 'boolean', short: 'h' } }, allowPositionals, strict: true });
  } catch (e) {
    const message = (e as Error).message.replace(/\. To specify.*$/s, '');
    const unknown = /^Unknown option '--([^']+)'/.exec(message)?.[1];
    const near = unknown ? nearest(unknown, Object.keys(options)) : undefined;
    throw new CtkError('USAGE', near ? `${message}: did you mean --${near}?` : message, { hint: `see "tmf-ctk ${command} --help"` });
  }
}

/** Edit distance (insertions, deletions, substitutions, swapped neighbours), for "did you mean". */
function distance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      d[i]![j] = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i]![j] = Math.min(d[i]![j]!, d[i - 2]![j - 2]! + 1);
    }
  }
  return d[a.length]![b.length]!;
}

/** The known option closest to a mistyped one, when it is close enough to be what was meant (a typo or two). */
export function nearest(given: string, known: readonly string[]): string | undefined {
  let best: { name: string; d: number } | undefined;
  for (const name of known) {
    const d = distance(given, name);
    if (!best || d < best.d) best = { name, d };
  }
  return best && best.d <= Math.max(1, Math.floor(given.length / 4)) ? best.name : undefined;
}

/**
 * `--timeout -5` is a value, not an option: node's parseArgs would refuse it as "ambiguous" in its own words.
 * A string option followed by something that reads as a negative number gets it as its value, so the option's
 * own check (numberOption) says what is wrong.
 */
function negativeValues(argv: string[], options: Options): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const name = /^--([^=]+)$/.exec(argv[i]!)?.[1];
    const next = argv[i + 1];
    if (name && options[name]?.type === 'string' && next !== undefined && /^-\d|^-\.\d|^-Infinity$/.test(next)) {
      out.push(`--${name}=${next}`);
      i += 1;
    } else out.push(argv[i]!);
  }
  return out;
}

/**
 * A numeric option: a usage error in our words instead of NaN (`--timeout needs a number of milliseconds ≥ 1,
 * got "-5"`). `what` names the unit (`a number of milliseconds`); `integer` refuses fractions.
 */
export function numberOption(name: string, raw: string | undefined, fallback: number,
  { min = 0, max = Number.MAX_SAFE_INTEGER, what = 'a number', integer = false } = {}): number {
  if (raw === undefined) return fallback;
  const n = raw.trim() === '' ? NaN : Number(raw);
  if (!Number.isFinite(n) || n < min || n > max || (integer && !Number.isInteger(n))) {
    const range = max === Number.MAX_SAFE_INTEGER ? `≥ ${min}` : `from ${min} to ${max}`;
    throw new CtkError('USAGE', `--${name} needs ${what} ${range}, got "${raw}"`, { hint: `for example --${name} ${Math.max(min, Math.min(fallback, max))}` });
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
