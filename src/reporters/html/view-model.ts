/**
 * RunResult → what the HTML templates show. Pure: no I/O, no clock, no escaping (the templates
 * escape). Every field is present (null when absent) because templates compile in strict mode.
 */
import type { ApiResult, CaseResult, CheckResult, Counts, Exchange, RunResult } from '../../core/results.js';
import { totalOf, verdictDetail } from '../../core/verdict.js';
import type { Identity } from '../identity.js';
import { fileNamePart, formatDuration, plural, stripIllegalDeep, versionSuffix } from '../text.js';
import {
  bodyView, formatDate, headerViews, percent, statusClass, statusView,
  type BodyView, type HeaderView, type StatusClass, type StatusView,
} from './format.js';
import { configurationView, type ConfigurationView } from './configuration-view.js';
import { apiVerdictView, exclusionViews, runVerdictView, type ExclusionView, type VerdictView } from './verdict-view.js';

export type { ExclusionView, VerdictView } from './verdict-view.js';

export interface MetaView {
  company: string;
  product: string | null;
  release: string | null;
  date: string;
  dateIso: string;
  target: string;
  tool: string;
  duration: string;
}

export interface CountsView extends Counts {
  total: number;
}

export interface SummaryView {
  cases: CountsView;
  mandatory: CountsView;
  optional: CountsView;
  checks: CountsView;
  requests: number;
  advisories: number;
  duration: string;
  /** The mandatory counts in the one sentence every report uses (src/core/verdict.ts). */
  detail: string;
  /** CSS widths of the passed/failed/other bar. */
  bar: { passed: string; failed: string; skipped: string };
}

export interface ExchangeView {
  number: number;
  step: string;
  method: string;
  url: string;
  requestHeaders: HeaderView[];
  requestBody: BodyView | null;
  response: { status: number; statusClass: StatusClass; headers: HeaderView[]; body: BodyView | null; duration: string } | null;
  error: string | null;
}

export interface SchemaErrorView {
  pointer: string;
  rule: string;
  message: string;
  expected: string | null;
  found: string | null;
  schema: string;
}

export interface CheckView {
  id: string;
  status: StatusView;
  reason: string | null;
  source: string | null;
  exchange: string | null;
  advisory: string | null;
  schemaErrors: SchemaErrorView[];
}

export interface CaseView {
  anchor: string;
  id: string;
  title: string;
  resource: string | null;
  requirement: 'Mandatory' | 'Optional';
  mandatory: boolean;
  status: StatusView;
  reason: string | null;
  duration: string;
  /** `3 checks: 2 passed, 1 failed · 2 exchanges` */
  checkSummary: string;
  checks: CheckView[];
  exchanges: ExchangeView[];
  advisories: string[];
  /** `TM Forum CTK <kit file>` for a kit's cases; null for tmf-ctk's own. */
  suite: string | null;
}

/** The cases of one suite; `label` is null when the report holds tmf-ctk's suite only. */
export interface SuiteSectionView {
  label: string | null;
  cases: CaseView[];
}

export const NATIVE_SUITE = 'tmf-ctk conformance suite';

export interface ApiReportView {
  pageTitle: string;
  meta: MetaView;
  api: { id: string; title: string; version: string; label: string; baseUrl: string; notes: string[] };
  verdict: VerdictView;
  error: { code: string; message: string } | null;
  exclusions: ExclusionView[];
  configuration: ConfigurationView;
  summary: SummaryView;
  cases: CaseView[];
  /** The cases by suite (tmf-ctk's, then each TM Forum kit's), each in review order. */
  sections: SuiteSectionView[];
  advisories: Array<{ caseId: string; anchor: string; text: string }>;
  indexFile: string;
}

export interface IndexView {
  pageTitle: string;
  meta: MetaView;
  verdict: VerdictView;
  error: { code: string; message: string } | null;
  configuration: ConfigurationView;
  /** `2 APIs` */
  apiCount: string;
  apis: Array<{ fileName: string; id: string; title: string; version: string; verdict: VerdictView; summary: SummaryView; exclusions: number }>;
}

export const INDEX_FILE = 'index.html';

/**
 * `<COMPANY>-<API>-v<version>-HTMLReport.html`, every part made safe for any file system; no `-v` part when
 * the API has no version (a third-party collection).
 */
export function htmlReportFileName(company: string | undefined, api: Pick<ApiResult, 'id' | 'version'>): string {
  const version = fileNamePart((api.version ?? '').replace(/^v(?=\d)/i, ''), '');
  return `${fileNamePart(company, 'tmf-ctk')}-${fileNamePart(api.id, 'API')}${version ? `-v${version}` : ''}-HTMLReport.html`;
}

/** One file name per API; a clash (two versions sanitised alike) gets a numeric suffix. */
export function reportFileNames(company: string | undefined, apis: readonly ApiResult[]): string[] {
  const used = new Set<string>();
  return apis.map((api) => {
    const base = htmlReportFileName(company, api);
    let name = base;
    for (let n = 2; used.has(name); n++) name = base.replace(/-HTMLReport\.html$/, `-${n}-HTMLReport.html`);
    used.add(name);
    return name;
  });
}

function metaView(result: RunResult, who: Identity): MetaView {
  return {
    company: who.company ?? 'tmf-ctk',
    product: who.product ?? null,
    release: who.release ?? null,
    date: formatDate(result.startedAt),
    dateIso: result.startedAt,
    target: result.target,
    tool: `${result.tool.name} ${result.tool.version}`,
    duration: formatDuration(result.durationMs),
  };
}

/** `?? 0`: a results.json written before a count existed still renders. */
const countsView = (c: Counts): CountsView => {
  const full = { ...c, notRun: c.notRun ?? 0, notApplicable: c.notApplicable ?? 0, excluded: c.excluded ?? 0 };
  return { ...full, total: totalOf(full) };
};

function summaryView(s: ApiResult['summary'], durationMs: number): SummaryView {
  const cases = countsView(s.cases);
  return {
    cases, mandatory: countsView(s.mandatory), optional: countsView(s.optional), checks: countsView(s.checks),
    requests: s.requests, advisories: s.advisories, duration: formatDuration(durationMs), detail: verdictDetail(countsView(s.mandatory)),
    bar: { passed: percent(cases.passed, cases.total), failed: percent(cases.failed + cases.notRun, cases.total), skipped: percent(cases.total - cases.passed - cases.failed - cases.notRun, cases.total) },
  };
}

function exchangeView(x: Exchange, i: number): ExchangeView {
  const r = x.response;
  return {
    number: i + 1, step: x.step, method: x.request.method, url: x.request.url,
    requestHeaders: headerViews(x.request.headers), requestBody: bodyView(x.request.body),
    response: r
      ? { status: r.status, statusClass: statusClass(r), headers: headerViews(r.headers), body: bodyView(r.body, r.truncated), duration: formatDuration(r.durationMs) }
      : null,
    error: x.error ?? null,
  };
}

function checkView(c: CheckResult, exchanges: readonly Exchange[]): CheckView {
  const x = c.exchange === undefined ? undefined : exchanges[c.exchange];
  return {
    id: c.check, status: statusView(c.status), reason: c.reason ?? null, source: c.source ? `${c.source}${c.cite ? ` — ${c.cite}` : ''}` : null,
    exchange: x && c.exchange !== undefined ? `#${c.exchange + 1} ${x.step}` : null,
    advisory: c.advisory ?? null,
    schemaErrors: (c.schemaErrors ?? []).map((e) => ({
      pointer: e.pointer === '' ? '(root)' : e.pointer, rule: e.rule, message: e.message,
      expected: e.expected ?? null, found: e.found ?? null, schema: e.schema,
    })),
  };
}

function checkSummary(checks: readonly CheckResult[]): string {
  const n = (s: string) => checks.filter((c) => c.status === s).length;
  const parts = [`${n('pass')} passed`, `${n('fail')} failed`, ...(n('skip') > 0 ? [`${n('skip')} skipped`] : [])];
  return `${plural(checks.length, 'check')}: ${parts.join(', ')}`;
}

function caseView(c: CaseResult, index: number): CaseView {
  // `?? []`: results.json files written before a field existed still render.
  const advisories = [...new Set([...(c.advisories ?? []), ...c.checks.flatMap((k) => (k.advisory ? [k.advisory] : []))])];
  return {
    anchor: `case-${index + 1}`, id: c.id, title: c.title, resource: c.resource ?? null,
    requirement: c.mandatory ? 'Mandatory' : 'Optional', mandatory: c.mandatory,
    status: statusView(c.status), reason: c.reason ?? null, duration: formatDuration(c.durationMs),
    checkSummary: `${checkSummary(c.checks)} · ${plural(c.exchanges.length, 'exchange')}`, checks: c.checks.map((k) => checkView(k, c.exchanges)),
    exchanges: c.exchanges.map(exchangeView), advisories, suite: c.suite ?? null,
  };
}

function suiteSections(cases: readonly CaseView[]): SuiteSectionView[] {
  const labels = [...new Set(cases.map((c) => c.suite))];
  if (labels.length === 1 && labels[0] === null) return [{ label: null, cases: [...cases].sort(reviewOrder) }];
  return labels.map((label) => ({ label: label ?? NATIVE_SUITE, cases: cases.filter((c) => c.suite === label).sort(reviewOrder) }));
}

/** Failed cases first (mandatory before optional), then the rest in run order. */
function reviewOrder(a: CaseView, b: CaseView): number {
  const rank = (c: CaseView) => (c.status.key === 'fail' || c.status.key === 'not-run' ? (c.mandatory ? 0 : 1) : 2);
  return rank(a) - rank(b);
}

/**
 * The view of one API's report. Control characters a target sent are dropped: HTML cannot show them
 * and a lone surrogate would not even survive encoding to UTF-8.
 */
export function apiReportView(result: RunResult, api: ApiResult, who: Identity): ApiReportView {
  return stripIllegalDeep(buildApiView(result, api, who));
}

function buildApiView(result: RunResult, api: ApiResult, who: Identity): ApiReportView {
  const cases = api.cases.map(caseView);
  const label = `${api.id} ${api.title}${versionSuffix(api.version)}`;
  return {
    pageTitle: `${label} — conformance report`,
    meta: metaView(result, who),
    api: { id: api.id, title: api.title, version: api.version, label, baseUrl: api.baseUrl, notes: api.notes ?? [] },
    verdict: apiVerdictView(api),
    error: api.error ?? null,
    exclusions: exclusionViews(api),
    configuration: configurationView(result, api.id),
    summary: summaryView(api.summary, api.durationMs),
    cases: [...cases].sort(reviewOrder),
    sections: suiteSections(cases),
    advisories: cases.flatMap((c) => c.advisories.map((text) => ({ caseId: c.id, anchor: c.anchor, text }))),
    indexFile: INDEX_FILE,
  };
}

export function indexView(result: RunResult, who: Identity, fileNames: readonly string[]): IndexView {
  return stripIllegalDeep<IndexView>({
    pageTitle: `Conformance reports — ${who.company ?? 'tmf-ctk'}`,
    meta: metaView(result, who),
    verdict: runVerdictView(result),
    error: result.error ?? null,
    configuration: configurationView(result),
    apiCount: plural(result.apis.length, 'API'),
    apis: result.apis.map((api, i) => ({
      fileName: fileNames[i]!, id: api.id, title: api.title, version: api.version,
      verdict: apiVerdictView(api), summary: summaryView(api.summary, api.durationMs), exclusions: exclusionViews(api).length,
    })),
  });
}
