/**
 * A conformance run: APIs in order, each API's cases in order, each case's steps in order. The run always
 * completes: a target that is down, slow or broken yields failed cases with their reason. When the very first
 * request of every API finds the target unreachable, the result carries `error` (the CLI exits 2).
 */
import { randomBytes } from 'node:crypto';
import { CtkError } from '../errors.js';
import { httpUrlOption } from '../http-url.js';
import { schemasFor } from '../schema/schema-set.js';
import { loadApi, loadApis } from '../document/load.js';
import type { ApiModel } from '../document/model.js';
import type { SpecSources } from '../document/resolve.js';
import { toolVersion } from '../version.js';
import { runCase, skippedCase, type CaseEnv } from './case.js';
import { apiConfigProblems, apiSettings, configReferenceError, unknownApiProblems, type RunConfig } from './config.js';
import { RunEmitter, type RunEventListener } from './events.js';
import { DEFAULTS } from './http-client.js';
import { Listener } from './listener.js';
import { RESULTS_SCHEMA_VERSION, type ApiResult, type CaseResult, type RunResult } from '../core/results.js';
import { buildCases } from '../suite/generate.js';
import type { Case, SuiteData, SuiteTable } from '../core/case-model.js';
import { notSent } from '../core/outcome.js';
import type { CaseExclusion, CaseStatus } from '../core/results.js';
import { runConfiguration, type ConfigFile } from './evidence.js';
import { payloadProblems } from './payload-check.js';
import { TokenSource } from './oauth2.js';
import { runSummary, summarize } from './summary.js';
import { strictCase } from './strict.js';
import { explainCase } from './explain.js';
import { strictLeniencies, STRICTABLE, type LeniencyId } from '../tmf/policy.js';

/** The leniencies strict mode tightens; USAGE when a name is not one of them. */
export function strictIds(value: boolean | string | readonly string[] | undefined): LeniencyId[] {
  const { ids, unknown } = strictLeniencies(value);
  if (unknown.length) throw new CtkError('USAGE', `--strict: no such leniency ${unknown.map((u) => `"${u}"`).join(', ')}`, { hint: `valid: all, ${STRICTABLE.join(', ')}` });
  return ids;
}

export interface RunOptions extends Pick<SpecSources, 'specsDir' | 'env'> {
  /** The server root; each API's base path is appended. */
  target: string;
  /**
   * API selectors (`TMF663`, `TMF671@4.0.0`) or loaded models (an API outside the registry, e.g. a test's
   * fixture: docs/adding-an-api.md); all certified APIs when empty or `all`.
   */
  apis?: ReadonlyArray<string | ApiModel>;
  all?: boolean;
  /** Documents loaded from files (`--spec FILE`), run beside the selected APIs (alone when none is selected). */
  documents?: ApiModel[];
  config?: RunConfig;
  /** The file the config was read from, with its sha256 (recorded as evidence). */
  configFile?: ConfigFile;
  /** Per-request timeout (ms); wins over the config's. */
  timeoutMs?: number;
  /** Extra headers (auth) for every request; win over the config's. */
  headers?: Record<string, string>;
  /** Strict mode: every strictable leniency (`true`), or those named (`['json-charset']`); wins over the config's. */
  strict?: boolean | string[];
  company?: string;
  product?: string;
  release?: string;
  onEvent?: RunEventListener;
  /** Only these case ids (tests, reruns). */
  cases?: string[];
  /** Suite data by API id or `id@version` (suites/<API>/); the library API passes the project's own and generated ones. */
  suites?: SuiteTable;
  /** Something the run did differently from what was asked, and why (the CLI prints it as a note). */
  onNotice?: (message: string) => void;
}

/** Consecutive transport failures after which an API's remaining cases are not sent. */
const BREAKER = 3;

function targetUrl(raw: string): string {
  return httpUrlOption('target', raw).href.replace(/\/+$/, '');
}

/** The suite data of an API: the table's entry for this version (`TMF663@5.0.0`), else for its id. */
export function suiteFor(suites: SuiteTable | undefined, api: ApiModel): SuiteData | undefined {
  if (!suites) return undefined;
  for (const key of [`${api.id}@${api.version}`, api.id]) if (Object.hasOwn(suites, key)) return suites[key];
  return undefined;
}

/** Every case of the API's suite, and what the config names for this API that does not exist. */
function suiteOf(api: ApiModel, options: Pick<RunOptions, 'config' | 'suites'>): { all: Case[]; problems: string[] } {
  const suite = suiteFor(options.suites, api);
  if (!suite) {
    throw new CtkError('USAGE', `no conformance suite for ${api.id} ${api.version}`, { hint: 'the library API passes the project\'s suites, generated ones for documents without a suites/ folder (src/composition.ts)' });
  }
  const config = options.config ?? {};
  const settings = apiSettings(config, api.id);
  const all = buildCases(api, { payloads: settings.payloads, flowTimeoutMs: settings.flowTimeoutMs }, suite);
  return { all, problems: [...apiConfigProblems(config, api, all.map((c) => c.id)), ...payloadProblems(config, api)] };
}

const selected = (all: Case[], options: Pick<RunOptions, 'cases'>): Case[] => (options.cases?.length ? all.filter((c) => options.cases!.includes(c.id)) : all);

/** The API's cases (only `options.cases` when given); CONFIG_INVALID when the config names an unknown API, resource or case. */
/**
 * Where an API's cases go: the target plus the base path. A target that already ends with the base path
 * (`--target http://host/tmf-api/shoppingCart/v4`, a common mistake) is used as it is: appending would
 * double the path and every case would fail with 404.
 */
export function apiBaseUrl(target: string, basePath: string): { url: string; asGiven: boolean } {
  const root = targetUrl(target);
  const path = basePath.replace(/\/+$/, '');
  if (path && new URL(root).pathname.replace(/\/+$/, '').endsWith(path)) return { url: root, asGiven: true };
  return { url: `${root}${path}`, asGiven: false };
}

export function casesFor(api: ApiModel, options: Pick<RunOptions, 'config' | 'cases' | 'suites'>): Case[] {
  const { all, problems } = suiteOf(api, options);
  const wrong = [...unknownApiProblems(options.config ?? {}), ...problems];
  if (wrong.length > 0) throw configReferenceError(wrong);
  return selected(all, options);
}


interface ApiRun { result: ApiResult; unreachable: boolean; cause: string }

/** Why an API's run stopped early, as its `error`. */
function stopError(unreachable: boolean, lastError: string): { code: string; message: string } {
  return unreachable
    ? { code: 'TARGET_UNREACHABLE', message: `the target cannot be reached: ${lastError}` }
    : { code: 'RUN_INCOMPLETE', message: `${BREAKER} requests in a row failed below HTTP (last: ${lastError}); the remaining cases were not run` };
}

/** A case not sent (skipped, or stopped by an unreachable or broken target), announced like any other. */
function notRun(c: Case, reason: string, status: Exclude<CaseStatus, 'pass' | 'fail'>, emitter: RunEmitter, exclusion?: CaseExclusion): CaseResult {
  const result = skippedCase(c, reason, status, exclusion);
  emitter.emit({ type: 'caseStart', api: c.api, caseId: c.id, title: c.title, mandatory: c.mandatory });
  emitter.emit({ type: 'caseEnd', api: c.api, result });
  return result;
}

/** The API's cases, plus its strict case (announced like any other) when strict mode tightens leniencies. */
function withStrictCase(apiId: string, results: CaseResult[], ids: LeniencyId[], emitter: RunEmitter): CaseResult[] {
  const strict = strictCase(apiId, results, ids);
  if (!strict) return results;
  emitter.emit({ type: 'caseStart', api: apiId, caseId: strict.id, title: strict.title, mandatory: true });
  emitter.emit({ type: 'caseEnd', api: apiId, result: strict });
  return [...results, strict];
}

/**
 * No create succeeded and (nearly) every one answered 404: the failures then have one cause, the base URL, which no
 * single case says. A note names it (one POST answered 404 is a case's failure; all of them, the address).
 */
function createsNotFound(results: readonly CaseResult[], baseUrl: string): string | undefined {
  const creates = results.flatMap((r) => r.exchanges).filter((e) => e.request.method === 'POST' && e.response && !/\/(hub|listener)(\/|$)/.test(e.request.url));
  const notFound = creates.filter((e) => e.response!.status === 404).length;
  // Malformed bodies may be refused before routing (400): those do not say where the API is.
  if (creates.length < 2 || creates.some((e) => e.response!.status < 300) || notFound < creates.length * 0.8) return undefined;
  return `no create request under ${baseUrl} succeeded and ${notFound} of ${creates.length} answered 404: is that the API's address? --target is the server root; a server that serves the API under another base path is told so with the config's basePath (docs/configuration.md)`;
}

async function runApi(api: ApiModel, cases: Case[], options: RunOptions, base: Omit<CaseEnv, 'api' | 'schemas' | 'baseUrl' | 'headers' | 'strict' | 'disabledChecks' | 'checkReasons'>): Promise<ApiRun> {
  const t0 = performance.now();
  const s = apiSettings(options.config ?? {}, api.id);
  const basePath = s.basePath ?? api.basePath;
  const { url: baseUrl, asGiven } = apiBaseUrl(options.target, basePath);
  const notes: string[] = [];
  if (asGiven) notes.push(`the target ${baseUrl} already ends with ${api.id}'s base path ${basePath}: its cases go to ${baseUrl} (the base path is not appended again; --target is normally the server root)`);
  for (const n of notes) options.onNotice?.(n);
  // Cases take the default reading and note each leniency; strict mode fails each once, in the API's strict case.
  const results: CaseResult[] = [];
  const env: CaseEnv = { ...base, api, schemas: schemasFor(api), baseUrl, headers: { ...s.headers, ...options.headers }, strict: false, disabledChecks: s.disabledChecks,
    checkReasons: s.reasons.checks, explain: (r) => explainCase(r, results) };
  base.emitter.emit({ type: 'apiStart', api: api.id, version: api.version, baseUrl });
  let failures = 0;
  let lastError = '';
  let reached = false;
  let unreachable = false;
  let stopped = false;
  for (const c of cases) {
    const skip = notSent(c, s);
    const stop = unreachable ? `not run: the target is unreachable (${lastError})` : failures >= BREAKER ? `not run: ${BREAKER} requests in a row failed below HTTP (last: ${lastError})` : undefined;
    if (skip) {
      results.push(notRun(c, skip.reason, skip.status, base.emitter, 'exclusion' in skip ? skip.exclusion : undefined));
      continue;
    }
    if (stop) {
      stopped = true;
      results.push(notRun(c, stop, 'not-run', base.emitter));
      continue;
    }
    const run = await runCase(c, env);
    results.push(run.result);
    if (run.answered) reached = true;
    // Requests in a row that failed below HTTP: a case whose earlier requests were answered restarts the count.
    if (run.transport) {
      failures = run.answered ? 1 : failures + 1;
      lastError = run.failure ?? run.transport;
      if (run.transport === 'unreachable' && !reached) unreachable = true;
    } else if (run.answered) failures = 0;
  }
  const wrongPath = createsNotFound(results, baseUrl);
  if (wrongPath) {
    notes.push(wrongPath);
    options.onNotice?.(wrongPath);
  }
  const all = withStrictCase(api.id, results, strictIds(options.strict ?? s.strict), base.emitter);
  const result: ApiResult = { id: api.id, title: api.title, version: api.version, basePath, baseUrl,
    cases: all, summary: summarize(all, stopped || unreachable), durationMs: Math.round(performance.now() - t0), ...(notes.length ? { notes } : {}),
    ...(stopped || unreachable ? { error: stopError(unreachable, lastError) } : {}) };
  base.emitter.emit({ type: 'apiEnd', api: api.id, result });
  return { result, unreachable, cause: lastError };
}

/** The documents given as files, then the registry's APIs selected (all certified ones when nothing is). */
export function selectedApis(options: Pick<RunOptions, 'apis' | 'all' | 'documents' | 'specsDir' | 'env'>): ApiModel[] {
  const documents = options.documents ?? [];
  const given = options.apis ?? [];
  if (documents.length > 0 && !given.length && !options.all) return documents;
  const sources = { specsDir: options.specsDir, env: options.env };
  // Loaded models (an API outside the registry) are taken as given; selectors resolve through the registry.
  const models = given.every((a) => typeof a === 'string')
    ? loadApis(given.join(',') || undefined, { ...sources, all: options.all })
    : given.map((a) => (typeof a === 'string' ? loadApi(a, sources) : a));
  return [...documents, ...models];
}

/** Runs the suites of the selected APIs against a target; resolves to the full result model. */
export async function runConformance(options: RunOptions): Promise<RunResult> {
  const target = targetUrl(options.target);
  const config = options.config ?? {};
  const apis = selectedApis(options);
  const suites = apis.map((api) => ({ api, ...suiteOf(api, options) }));
  const wrong = [...unknownApiProblems(config), ...suites.flatMap((s) => s.problems)];
  if (wrong.length > 0) throw configReferenceError(wrong);
  strictIds(options.strict);
  for (const s of suites) strictIds(apiSettings(config, s.api.id).strict);
  const plan = suites.map((s) => ({ api: s.api, cases: selected(s.all, options) }));
  const client = { ...DEFAULTS, timeoutMs: options.timeoutMs ?? config.timeoutMs ?? DEFAULTS.timeoutMs, maxBodyBytes: config.maxBodyBytes ?? DEFAULTS.maxBodyBytes };
  // OAuth2: the first token before anything is sent; a refusing token endpoint is AUTH_FAILED (exit 2).
  const auth = config.auth?.oauth2 ? new TokenSource(config.auth.oauth2, options.env ?? process.env, client) : undefined;
  if (auth) await auth.authorization();
  const emitter = new RunEmitter();
  if (options.onEvent) emitter.on(options.onEvent);
  const startedAt = new Date().toISOString();
  const t0 = performance.now();
  emitter.emit({ type: 'runStart', target, apis: plan.map((p) => ({ id: p.api.id, version: p.api.version, cases: p.cases.length })), startedAt });
  const listener = await Listener.start(config.listener).catch((e: Error) => {
    throw new CtkError('CONFIG_INVALID', `the notification listener cannot listen on ${config.listener?.host ?? '127.0.0.1'}:${config.listener?.port ?? 0}: ${e.message}`, { hint: 'change "listener" in the config' });
  });
  const runs: ApiRun[] = [];
  try {
    const base = {
      emitter, listener, runId: randomBytes(4).toString('hex'), client, ...(auth ? { auth } : {}),
      eventTimeoutMs: config.eventTimeoutMs ?? 2000, quietMs: config.quietMs ?? 250,
    };
    for (const p of plan) runs.push(await runApi(p.api, p.cases, options, base));
  } finally {
    await listener.close();
  }
  const unreachable = runs.length > 0 && runs.every((r) => r.unreachable);
  const apiResults = runs.map((r) => r.result);
  const incomplete = apiResults.find((a) => a.error);
  const result: RunResult = {
    schemaVersion: RESULTS_SCHEMA_VERSION, tool: { name: 'tmf-ctk', version: toolVersion() }, target,
    ...(options.company ? { company: options.company } : {}), ...(options.product ? { product: options.product } : {}), ...(options.release ? { release: options.release } : {}),
    startedAt, finishedAt: new Date().toISOString(), durationMs: Math.round(performance.now() - t0),
    apis: apiResults, summary: runSummary(apiResults, Boolean(incomplete)),
    configuration: runConfiguration(apis, { config, configFile: options.configFile, headers: options.headers, strict: options.strict }),
    ...(unreachable ? { error: { code: 'TARGET_UNREACHABLE', message: `${target} cannot be reached: ${runs[0]?.cause || 'no answer'}` } }
      : incomplete?.error ? { error: { code: incomplete.error.code, message: `${incomplete.id}: ${incomplete.error.message}` } } : {}),
  };
  emitter.emit({ type: 'runEnd', result });
  return result;
}
