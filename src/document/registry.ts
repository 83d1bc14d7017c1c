import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CtkError } from '../errors.js';
import { projectRoot } from '../paths.js';
import type { ApiEntry } from './model.js';

let cached: ApiEntry[] | undefined;

/** Every API version the kit knows (specs/registry.json). */
export function registry(): ApiEntry[] {
  if (!cached) {
    const raw = JSON.parse(readFileSync(join(projectRoot, 'specs', 'registry.json'), 'utf8')) as { apis: ApiEntry[] };
    cached = raw.apis;
  }
  return cached;
}

/** The certified (default) versions: the five APIs a plain `--all` means. */
export function defaultEntries(): ApiEntry[] {
  return registry().filter((e) => e.default);
}

/**
 * Parses `TMF663`, `tmf663`, `TMF671@4.0.0` or `TMF671@4.0` into a registry entry.
 * Unknown ids and versions are a usage error that lists what is valid.
 */
export function findEntry(selector: string): ApiEntry {
  const [rawId, rawVersion] = selector.trim().split('@');
  const id = (rawId ?? '').toUpperCase();
  const sameId = registry().filter((e) => e.id === id);
  if (sameId.length === 0) {
    throw new CtkError('UNKNOWN_API', `unknown API "${selector}"`, { hint: `valid APIs: ${listSelectors()}` });
  }
  if (!rawVersion) return sameId.find((e) => e.default) ?? sameId[0]!;
  const version = rawVersion.replace(/^v/i, '');
  const match = sameId.find((e) => e.version === version || e.version.startsWith(`${version}.`));
  if (!match) {
    throw new CtkError('UNKNOWN_API', `unknown version "${rawVersion}" of ${id}`, {
      hint: `versions of ${id}: ${sameId.map((e) => e.version).join(', ')}`,
    });
  }
  return match;
}

/** `--api TMF663,TMF622` or `--all` into entries, in the order given, without duplicates. */
export function selectEntries(list: string | undefined, all = false): ApiEntry[] {
  if (all || !list || list === 'all') return defaultEntries();
  const out: ApiEntry[] = [];
  for (const part of list.split(',').map((s) => s.trim()).filter(Boolean)) {
    const e = findEntry(part);
    if (!out.includes(e)) out.push(e);
  }
  if (out.length === 0) throw new CtkError('USAGE', 'no API selected', { hint: `valid APIs: ${listSelectors()}` });
  return out;
}

export function listSelectors(): string {
  return registry().map((e) => (e.default ? e.id : `${e.id}@${e.version}`)).join(', ');
}
