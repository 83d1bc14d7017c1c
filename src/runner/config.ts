/**
 * The `--config` file: what a vendor adapts to run the suites against their own server. Validated with a
 * JSON schema; every problem is named with its JSON pointer (CONFIG_INVALID, exit 2).
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { Ajv } from 'ajv';
import { CHECK_IDS } from '../core/check-ids.js';
import { STRICTABLE } from '../tmf/policy.js';
import { CtkError } from '../errors.js';
import type { ApiModel } from '../document/model.js';
import { registry } from '../document/registry.js';
import type { Feature } from '../core/case-model.js';
import type { OAuth2Config } from './oauth2.js';

/** An exclusion, bare or with the reason the report shows: `"patch"` or `{ "feature": "patch", "reason": "…" }`. */
export type Excluded<K extends string, T extends string = string> = T | ({ reason: string } & Record<K, T>);

export interface ApiConfig {
  /** Replaces the published base path (`/tmf-api/shoppingCart/v4`). */
  basePath?: string;
  headers?: Record<string, string>;
  /** Replacement payloads per resource: `{ "productOrder": { "minimal": {…}, "rich": {…}, "patch": {…} } }`. */
  payloads?: Record<string, { minimal?: Record<string, unknown>; rich?: Record<string, unknown>; patch?: Record<string, unknown> }>;
  skipFeatures?: Array<Excluded<'feature', Feature>>;
  skipCases?: Array<Excluded<'case'>>;
  disableChecks?: Array<Excluded<'check'>>;
  /** Strict mode: every strictable leniency, or those named. */
  strict?: boolean | string[];
  /** How long this API's flows wait for the server to progress on its own (ms); wins over the run's. */
  flowTimeoutMs?: number;
}

export interface RunConfig {
  /** Shown in the reports' certification header and file names; `--company`/`--product`/`--release` win. */
  company?: string;
  product?: string;
  release?: string;
  timeoutMs?: number;
  strict?: boolean | string[];
  headers?: Record<string, string>;
  disableChecks?: Array<Excluded<'check'>>;
  skipFeatures?: Array<Excluded<'feature', Feature>>;
  /** How long to wait for a notification, and for the silence after unsubscribing (ms). */
  eventTimeoutMs?: number;
  quietMs?: number;
  /** How long a flow waits for a state (ms). */
  flowTimeoutMs?: number;
  maxBodyBytes?: number;
  listener?: { host?: string; port?: number; publicUrl?: string };
  /** A target behind OAuth2: client credentials, the secret read from the named environment variable (docs/auth.md). */
  auth?: { oauth2?: OAuth2Config };
  apis?: Record<string, ApiConfig>;
}

const FEATURES: Feature[] = ['create', 'retrieve', 'list', 'fields', 'filter', 'errors', 'patch', 'delete', 'paging', 'notifications', 'schema', 'flows'];
const headers = { type: 'object', additionalProperties: { type: 'string' }, propertyNames: { pattern: '^[A-Za-z0-9!#$%&\'*+.^_`|~-]+$' } };
const payload = { type: 'object' };
/** A bare name, or `{ <key>: name, reason }`. */
const excluded = (key: string, names: Record<string, unknown>) => ({
  anyOf: [names, { type: 'object', additionalProperties: false, required: [key, 'reason'], properties: { [key]: names, reason: { type: 'string', minLength: 1, maxLength: 500 } } }],
});
const common = {
  headers,
  disableChecks: { type: 'array', items: excluded('check', { enum: CHECK_IDS }) },
  skipFeatures: { type: 'array', items: excluded('feature', { enum: FEATURES }) },
  strict: { anyOf: [{ type: 'boolean' }, { type: 'array', items: { enum: ['all', ...STRICTABLE] } }] },
};

export const CONFIG_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  properties: {
    ...common,
    $schema: { type: 'string' },
    company: { type: 'string', minLength: 1, maxLength: 200 },
    product: { type: 'string', minLength: 1, maxLength: 200 },
    release: { type: 'string', minLength: 1, maxLength: 100 },
    timeoutMs: { type: 'integer', minimum: 1, maximum: 600_000 },
    eventTimeoutMs: { type: 'integer', minimum: 1, maximum: 600_000 },
    quietMs: { type: 'integer', minimum: 0, maximum: 600_000 },
    flowTimeoutMs: { type: 'integer', minimum: 1, maximum: 3_600_000 },
    maxBodyBytes: { type: 'integer', minimum: 1024, maximum: 1024 * 1024 * 1024 },
    auth: {
      type: 'object', additionalProperties: false,
      properties: {
        oauth2: {
          type: 'object', additionalProperties: false, required: ['tokenUrl', 'clientId', 'clientSecretEnv'],
          properties: {
            tokenUrl: { type: 'string', pattern: '^https?://' },
            clientId: { type: 'string', minLength: 1 },
            clientSecretEnv: { type: 'string', pattern: '^[A-Za-z_][A-Za-z0-9_]*$' },
            scope: { type: 'string' },
            params: { type: 'object', additionalProperties: { type: 'string' } },
          },
        },
      },
    },
    listener: {
      type: 'object', additionalProperties: false,
      properties: { host: { type: 'string' }, port: { type: 'integer', minimum: 0, maximum: 65535 }, publicUrl: { type: 'string', pattern: '^https?://' } },
    },
    apis: {
      type: 'object',
      propertyNames: { pattern: '^TMF[0-9]+$' },
      additionalProperties: {
        type: 'object', additionalProperties: false,
        properties: {
          ...common,
          basePath: { type: 'string', pattern: '^/' },
          flowTimeoutMs: { type: 'integer', minimum: 1, maximum: 3_600_000 },
          skipCases: { type: 'array', items: excluded('case', { type: 'string' }) },
          payloads: {
            type: 'object',
            additionalProperties: { type: 'object', additionalProperties: false, properties: { minimal: payload, rich: payload, patch: payload } },
          },
        },
      },
    },
  },
} as const;

let validator: ReturnType<Ajv['compile']> | undefined;

/** Validates a parsed config; CONFIG_INVALID lists every problem by JSON pointer. */
export function validateConfig(data: unknown, where = 'config'): RunConfig {
  validator ??= new Ajv({ allErrors: true, strict: false }).compile(CONFIG_SCHEMA);
  if (validator(data)) return data as RunConfig;
  const problems = (validator.errors ?? []).map((e) => {
    const extra = e.keyword === 'additionalProperties' ? ` "${String((e.params as { additionalProperty?: string }).additionalProperty)}"` : '';
    const allowed = e.keyword === 'enum' ? `: one of ${((e.params as { allowedValues?: unknown[] }).allowedValues ?? []).join(', ')}` : '';
    return `${e.instancePath || '(root)'} ${e.message ?? 'is invalid'}${extra}${allowed}`;
  });
  throw new CtkError('CONFIG_INVALID', `${where}: ${problems.slice(0, 10).join('; ')}`, { hint: 'see docs/configuration.md for the config format' });
}

export async function loadConfig(path: string): Promise<RunConfig> {
  return (await loadConfigFile(path)).config;
}

/** The config and the sha256 of its bytes (evidence of what the run was configured with). */
export async function loadConfigFile(path: string): Promise<{ config: RunConfig; file: { path: string; sha256: string } }> {
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (cause) {
    throw new CtkError('CONFIG_INVALID', `cannot read the config ${path}: ${(cause as Error).message}`, { cause });
  }
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  return { config: parseConfig(bytes.toString('utf8'), path), file: { path, sha256 } };
}

function parseConfig(raw: string, path: string): RunConfig {
  // Editors on Windows save UTF-8 with a byte order mark; JSON.parse refuses it.
  const text = raw.charCodeAt(0) === 0xfeff ? raw.slice(1) : raw;
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    throw new CtkError('CONFIG_INVALID', `${path} is not valid JSON: ${(e as Error).message}`);
  }
  return validateConfig(data, path);
}

const pointer = (...keys: string[]) => keys.map((k) => `/${k.replace(/~/g, '~0').replace(/\//g, '~1')}`).join('');

/** What the schema cannot know: every API the config names is one the kit knows. */
export function unknownApiProblems(config: RunConfig): string[] {
  const known = [...new Set(registry().map((e) => e.id))];
  return Object.keys(config.apis ?? {}).filter((id) => !known.includes(id))
    .map((id) => `${pointer('apis', id)}: no such API (valid: ${known.join(', ')})`);
}

/** Valid case ids to show for a wrong one: those of the same resource (`TC_ShoppingCart_…`) when there are any. */
function nearCases(wrong: string, caseIds: readonly string[]): string {
  const prefix = /^[A-Za-z]+_[A-Za-z]+_/.exec(wrong)?.[0].toLowerCase();
  const near = prefix ? caseIds.filter((c) => c.toLowerCase().startsWith(prefix)) : [];
  return (near.length > 0 ? near : caseIds).join(', ');
}

/**
 * What the schema cannot know about one API's entry, once the API is loaded and its cases generated:
 * payloads name its resources, skipCases name its cases. A typo would otherwise be ignored in silence
 * (the suite's payload sent instead of the vendor's, a case run that was meant to be skipped).
 */
export function apiConfigProblems(config: RunConfig, api: ApiModel, caseIds: readonly string[]): string[] {
  const entry = config.apis?.[api.id];
  if (!entry) return [];
  const resources = api.resources.map((r) => r.name);
  const problems = Object.keys(entry.payloads ?? {}).filter((name) => !resources.includes(name))
    .map((name) => `${pointer('apis', api.id, 'payloads', name)}: ${api.id} has no resource "${name}" (valid: ${resources.join(', ')})`);
  (entry.skipCases ?? []).map((e) => excludedName(e, 'case')).forEach((id, i) => {
    if (!caseIds.includes(id)) problems.push(`${pointer('apis', api.id, 'skipCases', String(i))}: ${api.id} has no case "${id}" (valid: ${nearCases(id, caseIds)})`);
  });
  return problems;
}

export function configReferenceError(problems: readonly string[]): CtkError {
  return new CtkError('CONFIG_INVALID', `config: ${problems.slice(0, 10).join('; ')}${problems.length > 10 ? `; and ${problems.length - 10} more` : ''}`,
    { hint: 'see docs/configuration.md for the config format' });
}

export function excludedName<K extends string, T extends string>(e: Excluded<K, T>, key: K): T {
  return typeof e === 'string' ? e : e[key];
}

export const NO_REASON = 'no reason given in the config';

/** name → the config's reason (the API's entry wins over the run's). */
function reasons<K extends string, T extends string>(key: K, ...lists: Array<Array<Excluded<K, T>> | undefined>): Map<T, string> {
  const out = new Map<T, string>();
  for (const e of lists.flatMap((l) => l ?? [])) {
    const name = excludedName(e, key);
    if (typeof e !== 'string' || !out.has(name)) out.set(name, typeof e === 'string' ? NO_REASON : e.reason);
  }
  return out;
}

/** The effective settings of one API: the API's entries over the run's. */
export function apiSettings(config: RunConfig, apiId: string) {
  const api = config.apis?.[apiId] ?? {};
  const features = reasons('feature', config.skipFeatures, api.skipFeatures);
  const cases = reasons('case', api.skipCases);
  const checks = reasons('check', config.disableChecks, api.disableChecks);
  return {
    basePath: api.basePath,
    headers: { ...config.headers, ...api.headers },
    payloads: api.payloads ?? {},
    skipFeatures: new Set<Feature>(features.keys()),
    skipCases: new Set(cases.keys()),
    disabledChecks: new Set(checks.keys()),
    /** The reason the config gives for each excluded feature, case and check. */
    reasons: { features, cases, checks },
    strict: (api.strict ?? config.strict ?? false) as boolean | string[],
    flowTimeoutMs: api.flowTimeoutMs ?? config.flowTimeoutMs,
  };
}
