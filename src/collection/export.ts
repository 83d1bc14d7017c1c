/**
 * `tmf-ctk export`: the cases of an API as a Postman v2.1 collection that plain newman runs. One folder per
 * case in suite order, one request per step then the case's cleanup; the API's schema definitions and the
 * cases' data are embedded once (`ctk.suite`), the tmf-ctk library once (`ctk.lib`), and each request's
 * scripts are one call into it. `baseUrl` (a collection variable, overridable from an environment or
 * `--env-var`) is the API root: the server root plus the API's base path.
 */
import { createHash } from 'node:crypto';
import { apiSettings, type RunConfig } from '../runner/config.js';
import { documentEvidence } from '../runner/evidence.js';
import { strictCaseId } from '../runner/strict.js';
import { casesFor, strictIds } from '../runner/run.js';
import { operationOf } from '../checks/judge.js';
import type { Case, Step, SuiteTable } from '../core/case-model.js';
import { notSent } from '../core/outcome.js';
import { loadApi } from '../document/load.js';
import type { ApiModel } from '../document/model.js';
import type { SpecSources } from '../document/resolve.js';
import { toolVersion } from '../version.js';
import { sandboxLibrary } from './bundle.js';
import { caseFolder, strictFolder } from './items.js';
import { COLLECTION_SCHEMA, type PostmanCollection } from './postman.js';
import {
  BUILD_VARIABLE, HEADERS_VARIABLE, LENIENCIES_VARIABLE, LIBRARY_VARIABLE, SUITE_FORMAT, SUITE_VARIABLE,
  type SandboxCase, type SandboxOp, type SandboxStep, type SandboxSuite,
} from './suite-json.js';

export const DEFAULT_TARGET = 'http://localhost:8080';
export const NOTIFICATIONS_NOTE = 'notifications need the native runner (tmf-ctk run): Postman cannot host the listener the events are delivered to';
/** The native runner's breaker (src/runner/run.ts): requests in a row failing below HTTP before the rest is not sent. */
const BREAKER = 3;

export interface ExportOptions {
  /** Server root for the default `baseUrl` (the API's base path is appended); default http://localhost:8080. */
  target?: string;
  /** A `tmf-ctk run --config`: payloads, base path, strict mode, disabled checks, skipped cases and features. */
  config?: RunConfig;
  /** Only these case ids. */
  cases?: string[];
  /** Suite data by API id (suites/<API>/); the library API passes the project's own. */
  suites?: SuiteTable;
}

function exportSkipReason(c: Case, s: ReturnType<typeof apiSettings>): string | undefined {
  const excluded = notSent(c, s)?.reason;
  if (excluded) return excluded;
  if ([...c.steps, ...c.cleanup].some((step) => step.event || !step.request)) return NOTIFICATIONS_NOTE;
  return undefined;
}

function sandboxOp(api: ApiModel, step: Step): SandboxOp | undefined {
  const op = operationOf(api, step);
  if (!op) return undefined;
  const responses: SandboxOp['responses'] = {};
  for (const [status, r] of Object.entries(op.responses)) {
    responses[status] = { ...(r.schemaName ? { schemaName: r.schemaName } : {}), ...(r.isArray ? { isArray: true } : {}), ...(r.headers.length ? { headers: r.headers } : {}) };
  }
  return { method: op.method, path: op.path, responses };
}

export function sandboxStep(api: ApiModel, step: Step): SandboxStep {
  const op = sandboxOp(api, step);
  return {
    name: step.name, request: step.request!, expect: step.expect, checks: step.checks, ...(op ? { op } : {}),
    ...(step.capture ? { capture: step.capture } : {}), ...(step.poll ? { poll: step.poll } : {}), ...(step.optionalVars ? { optionalVars: true } : {}),
  };
}

function sandboxCase(c: Case, skip: string | undefined): SandboxCase {
  return { id: c.id, title: c.title, mandatory: c.mandatory, feature: c.feature, ...(c.resource ? { resource: c.resource } : {}), ...(skip ? { skip } : {}) };
}


function description(api: ApiModel, basePath: string, skipped: number, strict: readonly string[]): string {
  return [
    `Conformance cases of ${api.id} ${api.title} v${api.version}, exported by tmf-ctk ${toolVersion()}.`,
    '',
    `Run: newman run THIS_FILE --env-var baseUrl=http://HOST:PORT${basePath}`,
    `Headers for every request (auth): --env-var '${HEADERS_VARIABLE}={"Authorization":"Bearer …"}', or the same variable in an environment.`,
    '',
    'Each folder is one case (TM Forum kit names: TC_<Resource>_N1…); optional cases end in [optional] and do not decide conformance.',
    'The scripts call the tmf-ctk library in the collection variable ctk.lib (bundled from src/collection/sandbox: the same checks,',
    'request building and ajv schema validation as `tmf-ctk run`); ctk.suite holds the API\'s schema definitions and the cases.',
    'Once loaded, the library takes both variables out of the run (postman-sandbox copies every variable into every script, which',
    'would triple the time per request) and puts them back for the last case, so a run leaves the collection as it found it.',
    `${skipped} case(s) are notes that are never sent (notifications need the native runner's listener; cases that do not apply).`,
    ...(strict.length ? [
      `Strict mode (${strict.join(', ')}): as in \`tmf-ctk run --strict\`, answers are judged with the default reading and the leniencies`,
      `they take are recorded in ${LENIENCIES_VARIABLE}; the last folder, ${strictCaseId(api.id)}, fails once per leniency taken, listing the cases.`,
    ] : []),
  ].join('\n');
}

/** What a run of the collection records as its document (src/runner/evidence.ts's evidence, without the API's names the suite already has). */
function exportedDocument(api: ApiModel): NonNullable<SandboxSuite['document']> {
  const { file, sha256, published } = documentEvidence(api);
  return { file, sha256, published };
}

/** The collection of one API (its suite, with the config's payloads and settings). */
export async function exportCollection(api: ApiModel, options: ExportOptions = {}): Promise<PostmanCollection> {
  const settings = apiSettings(options.config ?? {}, api.id);
  const cases = casesFor(api, { config: options.config, suites: options.suites, ...(options.cases ? { cases: options.cases } : {}) });
  const skips = cases.map((c) => exportSkipReason(c, settings));
  const basePath = settings.basePath ?? api.basePath;
  const strict = strictIds(settings.strict);
  const suite: Omit<SandboxSuite, 'build'> = {
    format: SUITE_FORMAT,
    api: { id: api.id, version: api.version, title: api.title, basePath, mediaType: api.mediaType },
    document: exportedDocument(api),
    definitions: api.definitions, strict, disabledChecks: [...settings.disabledChecks], breaker: BREAKER,
    cases: cases.map((c, i) => sandboxCase(c, skips[i])),
  };
  const library = await sandboxLibrary();
  const build = createHash('sha256').update(library).update(JSON.stringify(suite)).digest('hex').slice(0, 16);
  const target = (options.target ?? DEFAULT_TARGET).replace(/\/+$/, '');
  return {
    info: { name: `tmf-ctk ${api.id} ${api.title} v${api.version}`, description: description(api, basePath, skips.filter(Boolean).length, strict), schema: COLLECTION_SCHEMA },
    variable: [
      { key: 'baseUrl', value: `${target}${basePath}`, type: 'string', description: 'The API root: server root + base path' },
      { key: HEADERS_VARIABLE, value: '', type: 'string', description: 'Headers for every request: a JSON object or "Name: value" lines' },
      { key: BUILD_VARIABLE, value: build, type: 'string' },
      { key: SUITE_VARIABLE, value: JSON.stringify({ ...suite, build }), type: 'string' },
      { key: LIBRARY_VARIABLE, value: library, type: 'string' },
      ...(strict.length ? [{ key: LENIENCIES_VARIABLE, value: '{}', type: 'string', description: 'Strict mode: the leniencies the run\'s answers took, and the cases that took them' }] : []),
    ],
    item: [
      ...cases.map((c, i) => caseFolder(c, skips[i], (step) => sandboxStep(api, step))),
      ...(strict.length ? [strictFolder(api.id, strict)] : []),
    ],
  };
}

/** Loads an API (`TMF663`, `TMF671@4.0.0`) and exports its collection. */
export async function exportApi(selector: string, options: ExportOptions & Pick<SpecSources, 'specsDir' | 'env'> = {}): Promise<PostmanCollection> {
  const api = loadApi(selector, { specsDir: options.specsDir, env: options.env });
  return exportCollection(api, options);
}
