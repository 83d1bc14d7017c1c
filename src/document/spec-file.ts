/**
 * A document given as a file (`--spec FILE`), not in the registry: its id, title, version and base path come
 * from the document itself. Swagger 2.0: `basePath`. OpenAPI 3: the first `servers` entry, its `{variables}`
 * replaced by their defaults (`{apiRoot}` → `/tmf-api`) and a placeholder host (`https://serverRoot`) dropped;
 * a TMF base path starts with `/tmf-api`. A document that is not a TMF-style API is SPEC_UNSUPPORTED, naming
 * what is missing. A file that is a registered document (same sha256) is loaded as that entry.
 */
import { resolve } from 'node:path';
import { CtkError } from '../errors.js';
import { readDocument } from './document.js';
import { buildModel } from './load.js';
import type { ApiEntry, ApiModel, Quirk } from './model.js';
import { registry } from './registry.js';

type Doc = Record<string, unknown>;
interface Info { title?: unknown; description?: unknown; version?: unknown }

// Not \b: TM Forum's own file names join the id with `_` (`TMF671_Promotion_Management_API_v4.1.0_swagger.json`),
// and `_` is a word character. The id is neither glued to a letter or digit before it nor followed by a fourth digit.
const TMF_ID_SOURCE = '(?<![A-Za-z0-9])TMF[\\s_-]?(\\d{3})(?!\\d)';
const TMF_ID = new RegExp(TMF_ID_SOURCE, 'i');

function idOf(info: Info, file: string): string | undefined {
  for (const text of [info.title, info.description, file.split('/').pop()]) {
    const m = typeof text === 'string' ? TMF_ID.exec(text) : null;
    if (m) return `TMF${m[1]}`;
  }
  return undefined;
}

function serverPath(doc: Doc): { path?: string; quirk?: Quirk } {
  const server = (Array.isArray(doc.servers) ? doc.servers[0] : undefined) as { url?: unknown; variables?: Record<string, { default?: unknown }> } | undefined;
  if (!server || typeof server.url !== 'string') return {};
  const url = server.url.replace(/\{([^}]+)\}/g, (_m, name: string) => {
    const d = server.variables?.[name]?.default;
    return typeof d === 'string' ? d : name === 'apiRoot' ? '/tmf-api' : '';
  });
  let path = url.replace(/^[a-z][a-z0-9+.-]*:\/\/[^/]*/i, '').replace(/\/+$/, '');
  if (!path.startsWith('/')) path = `/${path}`;
  if (path === '/') return {};
  if (!path.startsWith('/tmf-api')) {
    return { path: `/tmf-api${path}`, quirk: { id: 'server-placeholder', where: 'servers[0].url', detail: `"${server.url}" read as the TMF base path /tmf-api${path}` } };
  }
  return { path };
}

/**
 * A document whose server is a bare `https://serverRoot` (v5 TMF622) still shows its base path in the hrefs of its
 * examples (`https://host:port/productOrderingManagement/v5/productOrder/30001`): the most frequent `/<api>/v<major>/`
 * followed by one of its collections.
 */
function examplePath(text: string, collections: string[], major: string): string | undefined {
  const counts = new Map<string, number>();
  const re = new RegExp(`/([A-Za-z][A-Za-z0-9]*)/v${major}/(${collections.map((c) => c.replace(/\W/g, '')).join('|')})\\b`, 'g');
  for (const m of text.slice(0, 4_000_000).matchAll(re)) counts.set(m[1]!, (counts.get(m[1]!) ?? 0) + 1);
  const best = [...counts].sort((a, b) => b[1] - a[1])[0];
  return best ? `/tmf-api/${best[0]}/v${major}` : undefined;
}

/** No path anywhere: the TMF convention from the title, `/tmf-api/productOrdering/v5`. */
function conventionalPath(title: string, version: string): string {
  const words = title.replace(new RegExp(`\\bAPI\\b|${TMF_ID_SOURCE}`, 'gi'), '').trim().split(/[^A-Za-z0-9]+/).filter(Boolean);
  const camel = words.map((w, i) => (i === 0 ? w[0]!.toLowerCase() + w.slice(1) : w[0]!.toUpperCase() + w.slice(1))).join('');
  return `/tmf-api/${camel}/v${version.split('.')[0]}`;
}

function missingParts(doc: Doc, isSwagger: boolean, isOas3: boolean, info: Info, id: string | undefined): string[] {
  const missing: string[] = [];
  if (!isSwagger && !isOas3) missing.push('"swagger": "2.0" or "openapi": "3.0.x"');
  if (typeof info.title !== 'string' || !info.title.trim()) missing.push('info.title');
  if (typeof info.version !== 'string' || !info.version.trim()) missing.push('info.version');
  if (!id) missing.push('a TM Forum API id (TMFnnn) in info.title, info.description or the file name');
  const paths = doc.paths && typeof doc.paths === 'object' ? Object.keys(doc.paths) : [];
  if (!paths.some((p) => /^\/[^/{}]+\/?$/.test(p))) missing.push('a resource collection path (/{resource}) in paths');
  const defs = isSwagger ? doc.definitions : (doc.components as Doc | undefined)?.schemas;
  if (!defs || typeof defs !== 'object' || Object.keys(defs).length === 0) missing.push(isSwagger ? 'definitions' : 'components.schemas');
  return missing;
}

/** The registry-style entry of a document file; SPEC_UNSUPPORTED when it is not a TMF-style API. */
export function entryOfFile(path: string): { entry: ApiEntry; quirks: Quirk[] } {
  const raw = readDocument(path);
  const known = registry().find((e) => e.sha256 === raw.sha256);
  if (known) return { entry: known, quirks: [] };
  const doc = raw.doc;
  const isSwagger = doc.swagger === '2.0';
  const isOas3 = typeof doc.openapi === 'string' && doc.openapi.startsWith('3.0');
  const info = (doc.info ?? {}) as Info;
  const id = idOf(info, path);
  const missing = missingParts(doc, isSwagger, isOas3, info, id);
  if (missing.length) {
    throw new CtkError('SPEC_UNSUPPORTED', `${path} is not a TMF-style API document: missing ${missing.join('; ')}`, {
      hint: 'tmf-ctk takes a TM Forum Open API document: Swagger 2.0 (v4) or OpenAPI 3.0 (v5), with resources under a base path',
    });
  }
  const title = String(info.title).trim();
  const version = String(info.version).trim();
  const quirks: Quirk[] = [];
  let basePath = isSwagger && typeof doc.basePath === 'string' ? doc.basePath.replace(/\/+$/, '') : undefined;
  if (!isSwagger) {
    const found = serverPath(doc);
    basePath = found.path;
    if (found.quirk) quirks.push(found.quirk);
  }
  if (!basePath || basePath === '/tmf-api') {
    const collections = Object.keys(doc.paths as Doc).map((p) => p.split('/')[1] ?? '').filter((c) => c && !/[{}]/.test(c));
    const fromExamples = collections.length ? examplePath(raw.text, [...new Set(collections)], version.split('.')[0]!) : undefined;
    basePath = fromExamples ?? conventionalPath(title, version);
    quirks.push({ id: 'base-path-derived', where: isSwagger ? 'basePath' : 'servers', detail: `no API base path in the document: ${basePath} (from ${fromExamples ? "its examples' hrefs" : 'the title and major version'})` });
  }
  const entry: ApiEntry = {
    id: id!, title, version, default: false, generic: true, format: isSwagger ? 'swagger2' : 'openapi3',
    file: resolve(path), basePath, sha256: raw.sha256, source: { repository: '', commit: '', path: resolve(path), url: '' },
  };
  return { entry, quirks };
}

/** Loads a document file into the operation model (`--spec FILE`). */
export function loadSpecFile(path: string): ApiModel {
  const { entry, quirks } = entryOfFile(path);
  const model = buildModel(entry, { path: resolve(path), origin: 'option' }, false, undefined);
  return quirks.length ? { ...model, quirks: [...quirks, ...model.quirks] } : model;
}
