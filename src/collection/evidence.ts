/**
 * The evidence of a run from files (`run --ctk`, `run --collection`): which API it was for as far as the
 * registry knows it, and the sha256 of every file the suite came from (src/runner/evidence.ts for native runs).
 */
import { findEntry } from '../document/registry.js';
import type { ApiEntry } from '../document/model.js';
import type { DocumentEvidence } from '../core/results.js';
import { registryDocument } from '../runner/evidence.js';
import type { ApiIdentity } from './plan.js';

/** The registry's entry for `id` (at `version`, when given and registered; else its default version). */
export function knownEntry(id: string | undefined, version: string | undefined): ApiEntry | undefined {
  if (!id) return undefined;
  for (const selector of version ? [`${id}@${version}`, id] : [id]) {
    try {
      return findEntry(selector);
    } catch {
      // Not a registered version: the next selector, or nothing.
    }
  }
  return undefined;
}

/** The published document of the API a kit or collection is for, when the registry has that very version. */
export function documentsFor(api: ApiIdentity): DocumentEvidence[] {
  const entry = knownEntry(api.id, api.version || undefined);
  return entry && entry.id === api.id && (!api.version || entry.version === api.version) ? [registryDocument(entry)] : [];
}
