/**
 * How a run was configured, as evidence (RunResult.configuration): the tool, each document's sha256, strict
 * or not, the config file's sha256, header names (never values) and every exclusion with its reason.
 */
import { basename } from 'node:path';
import type { ApiModel } from '../document/model.js';
import type { ExclusionEvidence, RunConfiguration } from '../core/results.js';
import { redactHeaders } from '../core/redact.js';
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

export function runConfiguration(apis: readonly ApiModel[], o: { config: RunConfig; configFile?: ConfigFile; headers?: Record<string, string>; strict?: boolean | string[] }): RunConfiguration {
  const names: Record<string, string> = {};
  for (const api of apis) Object.assign(names, apiSettings(o.config, api.id).headers);
  Object.assign(names, o.headers);
  // Every header the user adds may carry a credential: all values are redacted, the names are evidence.
  const headers = redactHeaders(names, new Set(Object.keys(names).map((n) => n.toLowerCase())));
  return {
    tool: { name: 'tmf-ctk', version: toolVersion() },
    documents: apis.map((a) => ({ api: a.id, title: a.title, version: a.version, file: basename(a.documentPath), sha256: a.documentSha256, published: a.entry.source.url !== '' && a.documentSha256 === a.entry.sha256 })),
    strict: Object.fromEntries(apis.map((a) => [a.id, o.strict ?? apiSettings(o.config, a.id).strict])),
    config: o.configFile ? { file: basename(o.configFile.path), sha256: o.configFile.sha256 } : null,
    headers,
    exclusions: exclusionsOf(o.config),
    ...(o.config.auth?.oauth2 ? { auth: { oauth2: authEvidence(o.config.auth.oauth2) } } : {}),
  };
}
