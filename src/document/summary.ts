/**
 * What `tmf-ctk apis` shows of a document (resources, counts, quirks) without loading it: a summary kept
 * in the derived cache under the document's sha256, the registry entry and a fingerprint of the loader's
 * own code, so a changed document or loader derives it again. A miss loads the model once (load.ts is
 * imported only then: a warm `apis` loads no parser, no schema code).
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { allowModifiedSpecs, checksumQuirk, fileSha256, verifyChecksum } from './checksum.js';
import { derivedCacheDir, readDerived, writeDerived } from './derived-cache.js';
import type { ApiEntry, ApiModel, Quirk } from './model.js';
import { resolveSpec, type SpecSources } from './resolve.js';

export interface ApiSummary {
  basePath: string;
  resources: string[];
  /** Operations other than the listener's. */
  operations: number;
  events: number;
  documentPath: string;
  quirks: Quirk[];
}

type Derived = Omit<ApiSummary, 'documentPath'>;

let fingerprint: string | undefined;

/** sha256 of the loader's source files (this folder and the TMF630 vocabulary it names): summaries follow that code. */
function loaderFingerprint(): string {
  if (!fingerprint) {
    const here = dirname(fileURLToPath(import.meta.url));
    const hash = createHash('sha256');
    for (const dir of [here, join(here, '..', 'tmf')]) {
      for (const name of readdirSync(dir).filter((n) => /\.[jt]s$/.test(n)).sort()) hash.update(name).update(readFileSync(join(dir, name)));
    }
    fingerprint = hash.digest('hex').slice(0, 16);
  }
  return fingerprint;
}

export function summarize(model: ApiModel): Derived {
  return {
    basePath: model.basePath,
    resources: model.resources.map((r) => r.name),
    operations: model.operations.filter((o) => o.kind !== 'listener').length,
    events: model.events.length,
    quirks: model.quirks.filter((q) => q.id !== 'checksum'),
  };
}

/** The summary of one registered API; the same checks as loading it (SPEC_MISSING, SPEC_CHECKSUM). */
export async function summarizeApi(entry: ApiEntry, src: SpecSources = {}): Promise<ApiSummary> {
  const env = src.env ?? process.env;
  const found = resolveSpec(entry, src);
  const sum = fileSha256(found.path);
  const { modified } = verifyChecksum(entry, found, sum, allowModifiedSpecs(env));
  const cacheDir = derivedCacheDir(env);
  const name = `summary/${sum}-${entry.id}@${entry.version}-${loaderFingerprint()}.json`;
  let derived = parse(readDerived(cacheDir, name));
  if (!derived) {
    const { loadApi } = await import('./load.js');
    derived = summarize(loadApi(entry, src));
    writeDerived(cacheDir, name, JSON.stringify(derived));
  }
  const checksum = modified ? [checksumQuirk(entry, found.path, sum)] : [];
  return { ...derived, documentPath: found.path, quirks: [...derived.quirks, ...checksum] };
}

function parse(text: string | undefined): Derived | undefined {
  if (text === undefined) return undefined;
  try {
    const d = JSON.parse(text) as Derived;
    return Array.isArray(d.resources) && Array.isArray(d.quirks) ? d : undefined;
  } catch {
    return undefined;
  }
}
