/**
 * What a collection's results will be reported as, read from the collection before it runs: its API and its
 * cases. A tmf-ctk collection says so in `ctk.suite`; any other collection (a TM Forum kit) is read by its
 * names: one case per top-level folder (a request outside any folder is a case of its own), mandatory, the
 * API id and version taken from the collection's name when it has them.
 */
import { CHECK_IDS } from '../checks/index.js';
import { CtkError } from '../errors.js';
import { STRICT_CHECK, strictCaseId, strictTitle } from '../runner/strict.js';
import { variableOf, type PostmanCollection, type PostmanItem } from './postman.js';
import { SUITE_FORMAT, SUITE_VARIABLE, type SandboxSuite } from './suite-json.js';

export interface PlannedCase {
  /** The top-level item's id (see withCaseIds). */
  key: string;
  id: string;
  title: string;
  mandatory: boolean;
  resource?: string;
  /** Why a tmf-ctk note case is not run. */
  skip?: string;
  /** The suite the case belongs to when a report mixes several (`TM Forum CTK <kit file>`). */
  suite?: string;
  /** Advisories known before the run (what a TM Forum kit gets wrong, see kit-lint.ts). */
  advisories?: string[];
  /** The API's strict case (`TC_<API>_STRICT`) of an exported collection: settled as natively (src/runner/strict.ts). */
  strict?: boolean;
}

export interface ApiIdentity {
  id: string;
  title: string;
  version: string;
  basePath: string;
}

export interface CollectionPlan {
  api: ApiIdentity;
  cases: PlannedCase[];
  /** tmf-ctk collections: assertion names are check ids; cleanup requests are recorded, never judged. */
  native: boolean;
  knownChecks: ReadonlySet<string>;
  /** tmf-ctk collections: the settings they were exported with (strict leniencies, disabled checks). */
  exported?: { strict: boolean | string[]; disabledChecks: string[]; document?: SandboxSuite['document'] };
}

/** Keys the adapter matches newman's items with; `withCaseIds` gives every top-level item one first. */
export function itemKey(item: { id?: string }, position: number): string {
  return item.id ? item.id : `tmf-ctk-case-${position}`;
}

/** A copy whose top-level items all have ids (newman would invent random ones for those without). */
export function withCaseIds(collection: PostmanCollection): PostmanCollection {
  return { ...collection, item: collection.item.map((item, i) => ({ ...item, id: itemKey(item, i) })) };
}

function suiteOf(collection: PostmanCollection): SandboxSuite | undefined {
  const raw = variableOf(collection, SUITE_VARIABLE);
  if (typeof raw !== 'string') return undefined;
  try {
    const suite = JSON.parse(raw) as SandboxSuite;
    return suite.format === SUITE_FORMAT ? suite : undefined;
  } catch {
    return undefined;
  }
}

/** `TC_ShoppingCart_N1 create with…` → id and title; any other name is both. */
function splitName(name: string): { id: string; title: string } {
  const m = /^([A-Za-z][A-Za-z0-9]*_[\w.-]+)\s+(.+)$/.exec(name.trim());
  return m ? { id: m[1]!, title: m[2]! } : { id: name.trim(), title: name.trim() };
}

function externalApi(collection: PostmanCollection, given?: Partial<ApiIdentity>): ApiIdentity {
  const name = collection.info.name;
  return {
    id: given?.id ?? /TMF\d{3}/i.exec(name)?.[0]?.toUpperCase() ?? name,
    title: given?.title ?? name,
    version: given?.version ?? /v?(\d+\.\d+(?:\.\d+)?)/i.exec(name)?.[1] ?? '',
    basePath: given?.basePath ?? '',
  };
}

export function planCollection(collection: PostmanCollection, given?: Partial<ApiIdentity>): CollectionPlan {
  const suite = suiteOf(collection);
  if (suite) {
    const byId = new Map(suite.cases.map((c) => [c.id, c]));
    const strictId = strictCaseId(suite.api.id);
    const cases = collection.item.map((item, i): PlannedCase => {
      if (item.id === strictId && Array.isArray(suite.strict)) return { key: itemKey(item, i), id: strictId, title: strictTitle(suite.strict), mandatory: true, strict: true };
      const c = byId.get(item.id ?? '');
      if (!c) return { key: itemKey(item, i), ...splitName(item.name ?? `item ${i + 1}`), mandatory: true };
      return { key: itemKey(item, i), id: c.id, title: c.title, mandatory: c.mandatory, ...(c.resource ? { resource: c.resource } : {}), ...(c.skip ? { skip: c.skip } : {}) };
    });
    const exported = { strict: Array.isArray(suite.strict) ? (suite.strict.length ? [...suite.strict] : false) : Boolean(suite.strict), disabledChecks: [...(suite.disabledChecks ?? [])], ...(suite.document ? { document: suite.document } : {}) };
    return { api: { ...suite.api, ...given }, cases, native: true, knownChecks: new Set([...CHECK_IDS, STRICT_CHECK]), exported };
  }
  const cases = collection.item.map((item: PostmanItem, i): PlannedCase => ({ key: itemKey(item, i), ...splitName(item.name ?? `item ${i + 1}`), mandatory: true }));
  return { api: externalApi(collection, given), cases, native: false, knownChecks: new Set() };
}

/** Checks that a parsed file is a Postman v2 collection before newman sees it. */
export function asCollection(data: unknown, where: string): PostmanCollection {
  const c = data as Partial<PostmanCollection> | null;
  if (!c || typeof c !== 'object' || !c.info || typeof c.info.name !== 'string' || !Array.isArray(c.item)) {
    throw new CtkError('USAGE', `${where} is not a Postman collection (v2.0 or v2.1: an object with "info" and "item")`, {
      hint: 'export the collection from Postman as Collection v2.1, or write one with "tmf-ctk export"',
    });
  }
  return c as PostmanCollection;
}

