/**
 * Runs a Postman collection through newman's library API and returns the tmf-ctk result model.
 *
 * Usage (what `tmf-ctk run --collection FILE [--environment FILE]` does, in src/cli/run.ts):
 *
 *   import { runCollection } from './index.js';
 *   const result = await runCollection({
 *     collection: resolve(io.cwd, values.collection),          // a file, or a parsed collection object
 *     environment: values.environment && resolve(io.cwd, values.environment),
 *     target: values.target,                                   // optional: sets `baseUrl` (see below)
 *     timeoutMs, headers,                                      // --timeout, --header
 *     company, product, release,
 *     onEvent: (e) => mux.emit(e),                             // the same RunEvents as runConformance
 *   });
 *   // then exactly as a native run: mux.end(result) / renderReports, exit 1 on a failed mandatory case,
 *   // 2 when result.error is set (nothing answered).
 *
 * `target`: for a collection exported by tmf-ctk it is the server root, and `baseUrl` becomes target + the
 * API's base path (as `tmf-ctk run --target`); for any other collection `baseUrl` is set to target as given.
 * An environment file's values, then `envVars`, then `baseUrl` from target win over the collection's own.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { CtkError } from '../errors.js';
import type { RunEventListener } from '../runner/events.js';
import { RESULTS_SCHEMA_VERSION, type ApiResult, type CollectionEvidence, type RunConfiguration, type RunEvent, type RunResult } from '../core/results.js';
import { fileRunConfiguration } from '../runner/evidence.js';
import { runSummary, summarize } from '../runner/summary.js';
import { documentsFor } from './evidence.js';
import { toolVersion } from '../version.js';
import { loadNewman, type Newman, type NewmanOptions } from './newman-types.js';
import { asCollection, planCollection, withCaseIds, type ApiIdentity, type CollectionPlan, type PlannedCase } from './plan.js';
import type { PostmanCollection, PostmanEnvironment, PostmanEvent } from './postman.js';
import { RunRecorder } from './recorder.js';
import { parseHeaders } from './sandbox/state.js';
import { HEADERS_VARIABLE } from './suite-json.js';

export interface CollectionRunOptions {
  /** A Postman v2.0/v2.1 collection: a file path, or the parsed object. */
  collection: string | PostmanCollection;
  /** A Postman environment: a file path, or the parsed object. */
  environment?: string | PostmanEnvironment;
  /** Sets `baseUrl` (see the module comment). */
  target?: string;
  /** The variable holding the API's base URL (default `baseUrl`): what `target` sets and the report shows. */
  baseUrlVariable?: string;
  /** Per-request timeout (ms); default 10000, as the native runner. */
  timeoutMs?: number;
  /** Headers for every request (auth): sent, recorded as `[redacted]`. */
  headers?: Record<string, string>;
  /** More variables, like newman's `--env-var`. */
  envVars?: Record<string, string>;
  /** What to report the results as, for collections that do not say (defaults from the collection's name). */
  api?: Partial<ApiIdentity>;
  company?: string;
  product?: string;
  release?: string;
  onEvent?: RunEventListener;
  /** Per top-level item, in order: what to report it as instead of what its name says (TM Forum kits). */
  cases?: ReadonlyArray<Partial<Omit<PlannedCase, 'key'>>>;
  /** Further newman options (`folder`, `iterationCount`, `insecure`…), passed through. */
  newman?: Record<string, unknown>;
  /** The evidence to record (runKit's); by default the collection's own (see collectionConfiguration). */
  configuration?: RunConfiguration;
}

const DEFAULT_TIMEOUT_MS = 10_000;

/** A JSON file, and the sha256 of its bytes (the run's evidence). */
async function readJson(source: string, what: string): Promise<{ data: unknown; sha256: string }> {
  let bytes: Buffer;
  try {
    bytes = await readFile(source);
  } catch (cause) {
    throw new CtkError('INPUT_READ', `cannot read the ${what} ${source}: ${(cause as Error).message}`, { cause });
  }
  try {
    return { data: JSON.parse(bytes.toString('utf8')), sha256: createHash('sha256').update(bytes).digest('hex') };
  } catch (e) {
    throw new CtkError('USAGE', `the ${what} ${source} is not JSON: ${(e as Error).message}`);
  }
}

/** Adds the user's headers to every request of a collection that does not do it itself (any but ours). */
const HEADER_SCRIPT: PostmanEvent = {
  listen: 'prerequest',
  script: {
    type: 'text/javascript',
    exec: [
      `// tmf-ctk run --header: the user's headers on every request`,
      `var h = JSON.parse(pm.variables.get('${HEADERS_VARIABLE}') || '{}');`,
      'Object.keys(h).forEach(function (k) { pm.request.headers.upsert({ key: k, value: String(h[k]) }); });',
    ],
  },
};

function emitter(listener: RunEventListener | undefined): (e: RunEvent) => void {
  return (e) => {
    try {
      listener?.(e);
    } catch {
      // A listener that throws never stops the run (as RunEmitter); reporters are isolated by ReporterMux anyway.
    }
  };
}

function variables(o: CollectionRunOptions, plan: CollectionPlan): Array<{ key: string; value: string }> {
  const vars: Record<string, string> = { ...o.envVars };
  if (o.target) vars[o.baseUrlVariable ?? 'baseUrl'] = `${o.target.replace(/\/+$/, '')}${plan.native ? plan.api.basePath : ''}`;
  if (o.headers && Object.keys(o.headers).length) vars[HEADERS_VARIABLE] = JSON.stringify(o.headers);
  return Object.entries(vars).map(([key, value]) => ({ key, value }));
}

/** Names of the user's headers, wherever they come from (--header, an environment's ctk.headers), as given. */
function userHeaders(o: CollectionRunOptions, environment: PostmanEnvironment | undefined): Set<string> {
  const fromEnv = environment?.values?.find((v) => v.key === HEADERS_VARIABLE && v.enabled !== false)?.value;
  const names = new Set(Object.keys(o.headers ?? {}));
  for (const raw of [fromEnv, o.envVars?.[HEADERS_VARIABLE]]) {
    try {
      for (const k of Object.keys(parseHeaders(raw))) names.add(k);
    } catch {
      // A malformed ctk.headers fails every step of the run with its reason (see sandbox/state.ts): nothing to redact.
    }
  }
  return names;
}

/** The same names, lower case: reported `[redacted]` like credentials. */
const userHeaderNames = (o: CollectionRunOptions, environment: PostmanEnvironment | undefined): Set<string> =>
  new Set([...userHeaders(o, environment)].map((k) => k.toLowerCase()));

/**
 * What a collection run records as its configuration: the API it is for as far as the registry knows it, strict
 * and disabled checks as an exported collection carries them (else not strict, nothing excluded), the user's
 * header names, and the sha256 of the collection and environment files.
 */
function collectionConfiguration(o: CollectionRunOptions, plan: CollectionPlan, environment: PostmanEnvironment | undefined, files: CollectionEvidence[]): RunConfiguration {
  const exportedFrom = plan.exported?.document;
  // An exported collection names the document its schemas come from; any other is the registry's, not read.
  const documents = exportedFrom ? [{ api: plan.api.id, title: plan.api.title, version: plan.api.version, ...exportedFrom }] : documentsFor(plan.api);
  const base = fileRunConfiguration({ documents, strict: { [plan.api.id]: plan.exported?.strict ?? false }, headers: userHeaders(o, environment), collections: files });
  const disabled = plan.exported?.disabledChecks ?? [];
  return disabled.length === 0 ? base : {
    ...base, exclusions: disabled.map((name) => ({ api: plan.api.id, kind: 'check' as const, name, reason: 'disabled in the config the collection was exported with' })),
  };
}

function runNewman(newman: Newman, options: NewmanOptions, recorder: RunRecorder): Promise<void> {
  return new Promise((resolve, reject) => {
    newman.run(options, (err) => (err ? reject(err) : resolve()))
      .on('beforeItem', (_e, a) => recorder.beforeItem(a.item))
      .on('beforeRequest', (_e, a) => recorder.beforeRequest(a.item))
      .on('request', (e, a) => recorder.request(e, a.item, a.request, a.response))
      .on('assertion', (e, a) => recorder.assertion(a.item, a.assertion, a.skipped, e ?? a.error));
  });
}

/** Runs a collection through newman; resolves to the result model whatever the target does. */
export async function runCollection(o: CollectionRunOptions): Promise<RunResult> {
  const newman = loadNewman(); // first: a missing newman is DEPENDENCY_MISSING before anything is read or sent
  const where = typeof o.collection === 'string' ? o.collection : 'the collection';
  const files: CollectionEvidence[] = [];
  const fromFile = async (kind: 'collection' | 'environment', source: string): Promise<unknown> => {
    const { data, sha256 } = await readJson(source, kind);
    files.push({ kind, file: basename(source), sha256 });
    return data;
  };
  const loaded = asCollection(typeof o.collection === 'string' ? await fromFile('collection', o.collection) : o.collection, where);
  const environment = (typeof o.environment === 'string' ? await fromFile('environment', o.environment) : o.environment) as PostmanEnvironment | undefined;
  const planned = planCollection(loaded, o.api);
  const plan = o.cases ? { ...planned, cases: planned.cases.map((c, i) => ({ ...c, ...o.cases![i], key: c.key })) } : planned;
  const collection = withCaseIds(plan.native || !o.headers ? loaded : { ...loaded, event: [HEADER_SCRIPT, ...(loaded.event ?? [])] });
  const envVar = variables(o, plan);
  const baseUrl = envVar.find((v) => v.key === (o.baseUrlVariable ?? 'baseUrl'))?.value ?? o.target ?? '';
  const emit = emitter(o.onEvent);
  const timeoutMs = o.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const recorder = new RunRecorder({ plan, emit, timeoutMs, redact: userHeaderNames(o, environment) });
  const startedAt = new Date().toISOString();
  const t0 = performance.now();
  emit({ type: 'runStart', target: baseUrl, apis: [{ id: plan.api.id, version: plan.api.version, cases: plan.cases.length }], startedAt });
  emit({ type: 'apiStart', api: plan.api.id, version: plan.api.version, baseUrl });
  try {
    await runNewman(newman, { ...o.newman, collection, ...(environment ? { environment } : {}), envVar, reporters: [], timeoutRequest: timeoutMs }, recorder);
  } catch (e) {
    throw new CtkError('USAGE', `newman could not run ${where}: ${(e as Error).message}`, { cause: e });
  }
  const cases = recorder.finish();
  const unreachable = recorder.sent > 0 && !recorder.answered;
  const error = unreachable ? { code: 'TARGET_UNREACHABLE', message: `${baseUrl || 'the target'} cannot be reached: ${recorder.lastTransport ?? 'no answer'}` } : undefined;
  // The API says ERROR like the run when it could not complete (src/core/verdict.ts).
  const api: ApiResult = { ...plan.api, baseUrl, cases, summary: summarize(cases, unreachable), durationMs: Math.round(performance.now() - t0), ...(error ? { error } : {}) };
  emit({ type: 'apiEnd', api: api.id, result: api });
  const result: RunResult = {
    schemaVersion: RESULTS_SCHEMA_VERSION, tool: { name: 'tmf-ctk', version: toolVersion() }, target: baseUrl,
    ...(o.company ? { company: o.company } : {}), ...(o.product ? { product: o.product } : {}), ...(o.release ? { release: o.release } : {}),
    startedAt, finishedAt: new Date().toISOString(), durationMs: Math.round(performance.now() - t0),
    apis: [api], summary: runSummary([api], unreachable),
    configuration: o.configuration ?? collectionConfiguration(o, plan, environment, files),
    ...(error ? { error } : {}),
  };
  emit({ type: 'runEnd', result });
  return result;
}
