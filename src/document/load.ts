import { CtkError } from '../errors.js';
import { allowModifiedSpecs, checksumQuirk, fileStamp, verifyChecksum } from './checksum.js';
import { derivedCacheDir } from './derived-cache.js';
import { readDocument } from './document.js';
import { buildEvents } from './events.js';
import type { ApiEntry, ApiModel, Quirk } from './model.js';
import { normalizeDefinitions } from './normalize-schemas.js';
import { payloadQuirks } from './payload-quirks.js';
import { buildOperations } from './operations.js';
import { findEntry, selectEntries } from './registry.js';
import { buildResources } from './resources.js';
import { resolveSpec, type ResolvedSpec, type SpecSources } from './resolve.js';

export interface LoadOptions extends SpecSources {
  /** Load a document from this exact path instead of resolving it (treated as a user's copy). */
  path?: string;
  /** Use a user's copy whose sha256 differs from the registry (default: TMF_CTK_ALLOW_MODIFIED_SPECS). */
  allowModified?: boolean;
}

const cache = new Map<string, ApiModel>();

/**
 * Loads one API into the operation model, cached per document path, mtime and size. The document's
 * sha256 is checked against the registry first: a changed file is SPEC_CHECKSUM, never used.
 */
export function loadApi(entryOrSelector: ApiEntry | string, opts: LoadOptions = {}): ApiModel {
  const entry = typeof entryOrSelector === 'string' ? findEntry(entryOrSelector) : entryOrSelector;
  const found: ResolvedSpec = opts.path ? { path: opts.path, origin: 'option' } : resolveSpec(entry, opts);
  const allowModified = opts.allowModified ?? allowModifiedSpecs(opts.env ?? process.env);
  const key = `${entry.id}@${entry.version}:${found.path}:${stampOf(found.path)}:${allowModified}`;
  const hit = cache.get(key);
  if (hit) return hit;
  const model = buildModel(entry, found, allowModified, derivedCacheDir(opts.env ?? process.env));
  cache.set(key, model);
  return model;
}

function stampOf(path: string): string {
  try {
    return fileStamp(path);
  } catch (cause) {
    throw new CtkError('SPEC_MISSING', `cannot read ${path}`, { cause });
  }
}

export function loadApis(list: string | undefined, opts: LoadOptions & { all?: boolean } = {}): ApiModel[] {
  return selectEntries(list, opts.all).map((e) => loadApi(e, opts));
}

/** The operation model of the document found at `found.path`, described by `entry` (a registry entry, or one derived from a file: spec-file.ts). */
export function buildModel(entry: ApiEntry, found: ResolvedSpec, allowModified: boolean, cacheDir: string | undefined): ApiModel {
  const path = found.path;
  const raw = readDocument(path, cacheDir);
  const { modified } = verifyChecksum(entry, found, raw.sha256, allowModified);
  const doc = raw.doc;
  const isSwagger = doc.swagger === '2.0';
  const isOas3 = typeof doc.openapi === 'string' && doc.openapi.startsWith('3.');
  if (!isSwagger && !isOas3) throw new CtkError('SPEC_INVALID', `${path} is neither Swagger 2.0 nor OpenAPI 3.x`);
  const rawDefs = (isSwagger ? doc.definitions : (doc.components as Record<string, unknown> | undefined)?.schemas) ?? {};
  const { definitions, quirks } = normalizeDefinitions(rawDefs as Record<string, unknown>);
  if (modified) {
    quirks.push(checksumQuirk(entry, path, raw.sha256));
  }
  const basePath = entry.basePath.replace(/\/+$/, '');
  const mediaType = declaredMediaType(doc, isSwagger);
  const operations = buildOperations(doc, { basePath, isSwagger, mediaType, quirks });
  const resources = buildResources(operations, definitions, quirks);
  const events = buildEvents(operations, resources, definitions, quirks);
  quirks.push(...payloadQuirks(definitions, resources));
  const register = operations.find((o) => o.kind === 'hubRegister');
  const unregister = operations.find((o) => o.kind === 'hubUnregister');
  const info = (doc.info ?? {}) as { title?: string; version?: string };
  if (info.version && info.version !== entry.version) {
    quirks.push({ id: 'info-version', where: 'info.version', detail: `document says ${info.version}, registry ${entry.version}` });
  }
  return {
    entry,
    id: entry.id,
    version: entry.version,
    title: entry.title,
    format: isSwagger ? 'swagger2' : 'openapi3',
    basePath,
    documentPath: path,
    documentSha256: raw.sha256,
    document: doc,
    definitions,
    operations,
    resources,
    events,
    hub: register ? { register, unregister } : undefined,
    mediaType,
    quirks: dedupe(quirks),
  };
}

function declaredMediaType(doc: Record<string, unknown>, isSwagger: boolean): string {
  if (isSwagger && Array.isArray(doc.produces) && typeof doc.produces[0] === 'string') return doc.produces[0];
  return 'application/json';
}

function dedupe(quirks: Quirk[]): Quirk[] {
  const seen = new Set<string>();
  return quirks.filter((q) => {
    const k = `${q.id}|${q.where}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}
