/** How the run was configured, as the HTML header shows it (RunResult.configuration, rendered only). */
import type { RunResult } from '../../core/results.js';
import { collectionLabel, documentNote } from '../text.js';

export interface ConfigurationView {
  /** false: a results.json of an older version, which did not record it (the page says so). */
  recorded: boolean;
  tool: string;
  config: { file: string; sha256: string } | null;
  strict: string;
  documents: Array<{ api: string; version: string; file: string; sha256: string; published: string }>;
  headers: string;
  auth: string;
  exclusions: Array<{ scope: string; kind: string; name: string; reason: string }>;
  /** Suites run from files (kits, collections, environments), each with its sha256. */
  collections: Array<{ label: string; sha256: string }>;
  /** The upstream whose traffic the proxy judged; '' for runs that sent their own requests. */
  observed: string;
}

/** The run's configuration; `api` narrows documents, strictness and exclusions to one API's report. */
export function configurationView(result: RunResult, api?: string): ConfigurationView {
  const c = result.configuration;
  const tool = `${result.tool.name} ${result.tool.version}`;
  if (!c) return { recorded: false, tool, config: null, strict: 'not recorded', documents: [], headers: 'not recorded', auth: 'not recorded', exclusions: [], collections: [], observed: '' };
  const mine = <T extends { api?: string }>(x: T) => !api || x.api === undefined || x.api === api;
  const strict = Object.entries(c.strict).filter(([id]) => !api || id === api);
  return {
    recorded: true,
    tool: `${c.tool.name} ${c.tool.version}`,
    config: c.config,
    strict: strict.length === 0 ? 'no' : strict.map(([id, on]) => (api ? (on ? 'yes' : 'no') : `${id}: ${on ? 'yes' : 'no'}`)).join(', '),
    documents: c.documents.filter(mine).map((d) => ({ api: d.api, version: d.version, file: d.file, sha256: d.sha256, published: documentNote(d) })),
    headers: Object.keys(c.headers).length === 0 ? 'none' : `${Object.keys(c.headers).join(', ')} (values redacted)`,
    auth: c.auth ? `OAuth2 client credentials of ${c.auth.oauth2.clientId} from ${c.auth.oauth2.tokenUrl}${c.auth.oauth2.scope ? `, scope ${c.auth.oauth2.scope}` : ''} (tokens redacted)` : 'none',
    exclusions: c.exclusions.filter(mine).map((e) => ({ scope: e.api ?? 'every API', kind: e.kind, name: e.name, reason: e.reason })),
    collections: (c.collections ?? []).map((k) => ({ label: collectionLabel(k), sha256: k.sha256 })),
    observed: c.observed?.upstream ?? '',
  };
}
