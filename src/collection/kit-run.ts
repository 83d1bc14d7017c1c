/**
 * `tmf-ctk run --ctk KIT`: one of TM Forum's v4 Conformance Test Kits run as its index.js runs it (see
 * kit-prepare.ts), through newman inside tmf-ctk's runner: every request and response recorded, each kit
 * folder a case (`TC_ShoppingCart_N1`), each `pm.test` a check, what the kit gets wrong an advisory.
 *
 *   const result = await runKit({ kit: 'TMF663-ShoppingCart_v4.0.0.zip', target: 'http://localhost:8080' });
 *
 * The base URL: `target` plus the API's published base path (as native runs; a target that already ends with
 * it is used as it is), or the kit's config.json `url` without a target. It goes into the variable index.js
 * sets (`Shopping_Cart`), with the trailing slash the kits' URLs (`{{Shopping_Cart}}shoppingCart`) need.
 */
import { CtkError } from '../errors.js';
import type { ApiEntry } from '../document/model.js';
import type { CollectionEvidence, RunConfiguration, RunResult } from '../core/results.js';
import { fileRunConfiguration } from '../runner/evidence.js';
import { apiBaseUrl } from '../runner/run.js';
import type { RunEventListener } from '../runner/events.js';
import { documentsFor, knownEntry } from './evidence.js';
import { openKit, type KitFiles } from './kit-files.js';
import { prepareKit, type PreparedKit } from './kit-prepare.js';
import { runCollection } from './newman.js';
import type { ApiIdentity } from './plan.js';

export interface KitRunOptions {
  /** A kit folder or its .zip. */
  kit: string;
  /** The server root (the API's base path is appended); the kit's config.json url when absent. */
  target?: string;
  timeoutMs?: number;
  /** The run's `--header`s: on every request after config.headers, reported `[redacted]`. */
  headers?: Record<string, string>;
  company?: string;
  product?: string;
  release?: string;
  onEvent?: RunEventListener;
  /** Called with what the run wants the user to know before it starts (where the kit's requests go). */
  onNotice?: (message: string) => void;
}

function registryEntry(kit: PreparedKit): ApiEntry | undefined {
  return knownEntry(kit.apiId, kit.version);
}

function pathOf(url: string | undefined): string {
  try {
    return url ? new URL(url).pathname : '';
  } catch {
    return '';
  }
}

/** What the kit's results are reported as: the registry's API when the kit names one, else the kit's names. */
export function kitApi(kit: PreparedKit): ApiIdentity {
  const entry = registryEntry(kit);
  return {
    id: kit.apiId ?? kit.collection.info.name,
    title: entry?.title ?? kit.collection.info.name,
    version: kit.version ?? entry?.version ?? '',
    basePath: entry?.basePath ?? pathOf(kit.config.url).replace(/\/+$/, ''),
  };
}

/** The URL put into the kit's base URL variable (see the module comment). */
export function kitBaseUrl(kit: PreparedKit, api: ApiIdentity, target: string | undefined): string {
  if (target) return `${apiBaseUrl(target, api.basePath).url}/`;
  if (!kit.config.url) {
    throw new CtkError('USAGE', `the kit's ${kit.recipe.configFile} has no url and no --target was given`, { hint: 'pass --target URL (the server root)' });
  }
  return kit.config.url;
}

/** The kit's files as evidence: a zip's sha256 (covering everything in it), a folder's collection, environment and config.json. */
function kitEvidence(files: KitFiles, kit: PreparedKit): CollectionEvidence[] {
  if (files.archiveSha256) return [{ kind: 'ctk', file: files.name, sha256: files.archiveSha256 }];
  const { collectionFile, environmentFile, configFile } = kit.recipe;
  return ([['collection', collectionFile], ['environment', environmentFile], ['config', configFile]] as const)
    .flatMap(([kind, file]) => {
      const sha256 = files.sha256(file);
      return sha256 ? [{ kind, file, kit: files.name, sha256 }] : [];
    });
}

/** What the kit run records as its configuration: the API it is for, not strict, config.json's and --header's names. */
export function kitConfiguration(files: KitFiles, kit: PreparedKit, api: ApiIdentity, headers: Record<string, string> = {}): RunConfiguration {
  return fileRunConfiguration({
    documents: documentsFor(api), strict: { [api.id]: false },
    headers: new Set([...Object.keys(kit.config.headers ?? {}), ...Object.keys(headers)]), collections: kitEvidence(files, kit),
  });
}

export async function runKit(o: KitRunOptions): Promise<RunResult> {
  const files = await openKit(o.kit);
  const kit = prepareKit(files);
  const api = kitApi(kit);
  const baseUrl = kitBaseUrl(kit, api, o.target);
  o.onNotice?.(`${kit.suite}: ${kit.recipe.collectionFile}, {{${kit.recipe.baseUrlVariable}}} = ${baseUrl}`);
  return runCollection({
    collection: kit.collection, environment: kit.environment, envVars: { [kit.recipe.baseUrlVariable]: baseUrl }, baseUrlVariable: kit.recipe.baseUrlVariable,
    api, cases: kit.cases, timeoutMs: o.timeoutMs, ...(o.headers && Object.keys(o.headers).length ? { headers: o.headers } : {}),
    company: o.company, product: o.product, release: o.release, onEvent: o.onEvent,
    configuration: kitConfiguration(files, kit, api, o.headers),
    // As the kits' index.js: vendors' test servers often have self-signed certificates.
    newman: { insecure: true },
  });
}
