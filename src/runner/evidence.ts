/**
 * How a run was configured, as evidence (RunResult.configuration): the tool, each document's sha256, strict
 * or not, the config file's sha256, header names (never values) and every exclusion with its reason. Native
 * runs build it with runConfiguration; kits, collections and the proxy with fileRunConfiguration; merged runs
 * (`run --api … --ctk …`) with mergeConfigurations.
 */
import { basename } from 'node:path';
import type { ApiEntry, ApiModel } from '../document/model.js';
import type { CollectionEvidence, DocumentEvidence, ExclusionEvidence, RunConfiguration } from '../core/results.js';
import { REDACTED } from '../core/redact.js';
import { toolVersion } from '../version.js';
import type { OAuth2Config } from './oauth2.js';
import { apiSettings, excludedName, NO_REASON, type Excluded, type RunConfig } from './config.js';

export interface ConfigFile {
  path: string;
  sha256: string;
}

function listed<K extends string>(kind: ExclusionEvidence['kind'], key: K, list: Array<Excluded<K>> | undefined, api?: string): ExclusionEvidence[] {
  return (list ?? []).map((e) => ({ ...(api ? { api } : {}), kind, name: excludedName(e, key), reason: typeof e === 'string' ? NO_REASON : e.reason }));
}

/** Every exclusion the config makes, run-wide first, then per API. */
export function exclusionsOf(config: RunConfig): ExclusionEvidence[] {
  const out = [...listed('feature', 'feature', config.skipFeatures), ...listed('check', 'check', config.disableChecks)];
  for (const [api, entry] of Object.entries(config.apis ?? {})) {
    out.push(...listed('case', 'case', entry.skipCases, api), ...listed('feature', 'feature', entry.skipFeatures, api), ...listed('check', 'check', entry.disableChecks, api));
  }
  return out;
}

function authEvidence(a: OAuth2Config) {
  return { tokenUrl: a.tokenUrl, clientId: a.clientId, clientSecretEnv: a.clientSecretEnv, ...(a.scope ? { scope: a.scope } : {}) };
}

/** The document a run read and judged against: its sha256 as read, and whether it is the published one. */
export function documentEvidence(a: ApiModel): DocumentEvidence {
  return { api: a.id, title: a.title, version: a.version, file: basename(a.documentPath), sha256: a.documentSha256, published: a.entry.source.url !== '' && a.documentSha256 === a.entry.sha256 };
}

/** The published document the registry names for the API a kit or collection is for (the run did not read it). */
export function registryDocument(e: ApiEntry): DocumentEvidence {
  return { api: e.id, title: e.title, version: e.version, file: basename(e.file), sha256: e.sha256, published: e.source.url !== '', fromRegistry: true };
}

/** Every header the user adds may carry a credential: all values are redacted, the names are evidence. */
export function headerEvidence(names: Iterable<string>): Record<string, string> {
  return Object.fromEntries([...names].map((n) => [n, REDACTED]));
}

/** The configuration of a run that is not a native one: no config file and no exclusions. */
export function fileRunConfiguration(o: {
  documents: DocumentEvidence[]; strict: Record<string, boolean | string[]>; headers?: Iterable<string>;
  collections?: CollectionEvidence[]; observed?: { upstream: string };
}): RunConfiguration {
  return {
    tool: { name: 'tmf-ctk', version: toolVersion() },
    documents: o.documents, strict: o.strict, config: null, headers: headerEvidence(o.headers ?? []), exclusions: [],
    ...(o.collections?.length ? { collections: o.collections } : {}),
    ...(o.observed ? { observed: o.observed } : {}),
  };
}

const sameDocument = (a: DocumentEvidence, b: DocumentEvidence) => a.api === b.api && a.version === b.version && a.sha256 === b.sha256;

/**
 * The configuration of runs merged into one (`run --api … --ctk KIT`): every document (a registry entry dropped
 * when a run read that very document), strict per API (on when any run had it on), every header name,
 * exclusion and suite file; the config file and OAuth2 of the run that had them (the native one).
 */
export function mergeConfigurations(configs: ReadonlyArray<RunConfiguration | undefined>): RunConfiguration | undefined {
  const all = configs.filter((c): c is RunConfiguration => c !== undefined);
  const [first] = all;
  if (!first) return undefined;
  const read = all.flatMap((c) => c.documents.filter((d) => !d.fromRegistry));
  const documents: DocumentEvidence[] = [];
  for (const d of all.flatMap((c) => c.documents)) {
    if (d.fromRegistry && read.some((r) => sameDocument(r, d))) continue;
    if (!documents.some((k) => sameDocument(k, d) && Boolean(k.fromRegistry) === Boolean(d.fromRegistry))) documents.push(d);
  }
  const strict: Record<string, boolean | string[]> = {};
  for (const c of all) for (const [id, on] of Object.entries(c.strict)) if (!strict[id]) strict[id] = on;
  const unique = <T>(xs: T[]): T[] => [...new Map(xs.map((x) => [JSON.stringify(x), x])).values()];
  const collections = unique(all.flatMap((c) => c.collections ?? []));
  const auth = all.find((c) => c.auth)?.auth;
  const observed = all.find((c) => c.observed)?.observed;
  return {
    tool: first.tool, documents, strict,
    config: all.find((c) => c.config)?.config ?? null,
    headers: Object.assign({}, ...all.map((c) => c.headers)) as Record<string, string>,
    exclusions: unique(all.flatMap((c) => c.exclusions)),
    ...(auth ? { auth } : {}),
    ...(collections.length ? { collections } : {}),
    ...(observed ? { observed } : {}),
  };
}

export function runConfiguration(apis: readonly ApiModel[], o: { config: RunConfig; configFile?: ConfigFile; headers?: Record<string, string>; strict?: boolean | string[] }): RunConfiguration {
  const names: Record<string, string> = {};
  for (const api of apis) Object.assign(names, apiSettings(o.config, api.id).headers);
  Object.assign(names, o.headers);
  const headers = headerEvidence(Object.keys(names));
  return {
    tool: { name: 'tmf-ctk', version: toolVersion() },
    documents: apis.map(documentEvidence),
    strict: Object.fromEntries(apis.map((a) => [a.id, o.strict ?? apiSettings(o.config, a.id).strict])),
    config: o.configFile ? { file: basename(o.configFile.path), sha256: o.configFile.sha256 } : null,
    headers,
    exclusions: exclusionsOf(o.config),
    ...(o.config.auth?.oauth2 ? { auth: { oauth2: authEvidence(o.config.auth.oauth2) } } : {}),
  };
}
