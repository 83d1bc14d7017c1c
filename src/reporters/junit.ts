import { hostname } from 'node:os';
import type { ApiResult, CaseResult, CheckResult, RunResult } from '../core/results.js';
import { writeReportFile } from './files.js';
import { identityOf, type Identity } from './identity.js';
import { verdictDetail } from '../core/verdict.js';
import { collectionLabel, formatDuration, stripIllegalXml, versionSuffix } from './text.js';
import type { Reporter, ReporterOptions } from './types.js';

/*
 * JUnit XML as Jenkins, GitLab and GitHub Actions read it, valid against the Ant/Windyroad schema
 * plus testcase-level <system-out> (Jenkins/Surefire). Choices:
 * - one <testsuite> per API, one <testcase> per case, at most one <failure> per case (Windyroad allows
 *   one); its `type` is the first failing check's id and its text lists every failing check;
 * - an optional case that failed does not fail certification, so it is a <skipped> whose message says
 *   it failed: CI must not go red on a conformant server. Optional cases carry `[optional]` in their name.
 * - a case never run because the run could not complete is an <error> (not a failure); excluded and not
 *   applicable cases are <skipped> with the config's reason; a mandatory case that ran no check is a <failure>
 *   (it can never pass, and it keeps the API from being conformant).
 */

/** Escapes text for element content or a double-quoted attribute, dropping what XML 1.0 forbids. */
export function xmlEscape(value: unknown): string {
  return stripIllegalXml(String(value ?? ''))
    .replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;').replace(/'/g, '&apos;')
    // Attribute values are normalised by parsers: keep line breaks and tabs as references.
    .replace(/\n/g, '&#10;').replace(/\r/g, '&#13;').replace(/\t/g, '&#9;');
}

/** Element text: like xmlEscape but line breaks stay readable. */
function xmlText(value: string): string {
  return xmlEscape(value).replace(/&#10;/g, '\n').replace(/&#9;/g, '\t');
}

function attrs(values: Record<string, string | number>): string {
  return Object.entries(values).map(([k, v]) => ` ${k}="${xmlEscape(v)}"`).join('');
}

const seconds = (ms: number) => (Math.max(0, ms || 0) / 1000).toFixed(3);

/** Windyroad's timestamp: `YYYY-MM-DDTHH:MM:SS`, no zone allowed; ours are UTC. */
function timestamp(iso: string | undefined, fallback: string): string {
  const d = new Date(iso ?? fallback);
  return (Number.isNaN(d.getTime()) ? new Date(0) : d).toISOString().slice(0, 19);
}

function checkLine(c: CheckResult): string {
  const lines = [`[${c.check}]${c.source ? ` (${c.source}${c.cite ? `: ${c.cite}` : ''})` : ''} ${c.reason ?? c.status}`];
  for (const e of c.schemaErrors ?? []) {
    lines.push(`    at ${e.pointer || '(root)'}: ${e.rule}: ${e.message}${e.expected ? `; expected ${e.expected}` : ''}${e.found ? `; found ${e.found}` : ''} (${e.schema})`);
  }
  return lines.join('\n');
}

function exchangesText(c: CaseResult): string {
  const lines = c.exchanges.map((x, i) => {
    const outcome = x.response ? `${x.response.status} (${formatDuration(x.response.durationMs)})` : `no response: ${x.error ?? 'unknown error'}`;
    return `${i + 1}. ${x.step}: ${x.request.method} ${x.request.url} -> ${outcome}`;
  });
  for (const a of c.advisories ?? []) lines.push(`advisory: ${a}`);
  return lines.join('\n');
}

function outcomeElement(c: CaseResult): string {
  if (c.status === 'not-run') return `<error${attrs({ message: c.reason ?? 'not run', type: 'not-run' })}/>`;
  if (c.status === 'excluded' || c.status === 'not-applicable') return `<skipped${attrs({ message: c.reason ?? c.status })}/>`;
  if (c.status === 'skip' && c.mandatory) return `<failure${attrs({ message: c.reason ?? 'no check ran', type: 'no-check-ran' })}/>`;
  if (c.status === 'skip') return `<skipped${attrs({ message: c.reason ?? 'skipped' })}/>`;
  if (c.status !== 'fail') return '';
  const failing = c.checks.filter((k) => k.status === 'fail');
  const first = failing[0];
  const transport = c.exchanges.find((x) => x.error)?.error;
  const message = c.reason ?? (first ? `${first.check}: ${first.reason ?? 'failed'}` : transport ?? 'failed');
  const body = failing.length > 0 ? failing.map(checkLine).join('\n') : message;
  if (!c.mandatory) {
    return `<skipped${attrs({ message: `optional case failed (does not affect the verdict): ${message}` })}>${xmlText(body)}</skipped>`;
  }
  const type = first?.check ?? (transport ? 'transport' : 'case');
  return `<failure${attrs({ message, type })}>${xmlText(body)}</failure>`;
}

function testcase(api: ApiResult, c: CaseResult): string {
  const name = `${c.id} ${c.title}${c.mandatory ? '' : ' [optional]'}${c.suite ? ` [${c.suite}]` : ''}`;
  const classname = `${api.id}.${c.resource ?? 'api'}`;
  const out = exchangesText(c);
  return `    <testcase${attrs({ name, classname, time: seconds(c.durationMs) })}>`
    + outcomeElement(c)
    + (out ? `<system-out>${xmlText(out)}</system-out>` : '')
    + '</testcase>';
}

/** Counts as the XML reports them (optional failures are skipped, see the top of this file). */
export function junitCounts(api: ApiResult): { tests: number; failures: number; errors: number; skipped: number } {
  const failures = api.cases.filter((c) => (c.status === 'fail' || c.status === 'skip') && c.mandatory).length;
  const errors = api.cases.filter((c) => c.status === 'not-run').length;
  const skipped = api.cases.length - failures - errors - api.cases.filter((c) => c.status === 'pass').length;
  return { tests: api.cases.length, failures, errors, skipped };
}

const countsText = (c: ApiResult['summary']['mandatory']) =>
  `${c.passed} passed, ${c.failed} failed, ${c.skipped} ran no check, ${c.excluded} excluded, ${c.notRun} not run, ${c.notApplicable} not applicable`;

/** How the run was configured, as properties (RunResult.configuration; absent in older saved runs). */
function evidenceProps(result: RunResult, apiId: string): Record<string, string> {
  const c = result.configuration;
  if (!c) return { configuration: 'not recorded' };
  const doc = c.documents.find((d) => d.api === apiId);
  const mine = c.exclusions.filter((e) => e.api === undefined || e.api === apiId);
  return {
    ...(doc ? { 'document.file': doc.file, 'document.sha256': doc.sha256, 'document.published': String(doc.published), ...(doc.fromRegistry ? { 'document.read': 'false (the registry\'s entry for the API; the suite\'s own assertions judged)' } : {}) } : {}),
    strict: String(c.strict[apiId] ?? false),
    'config.file': c.config?.file ?? 'none',
    ...(c.config ? { 'config.sha256': c.config.sha256 } : {}),
    headers: Object.keys(c.headers).join(', ') || 'none',
    ...Object.fromEntries(mine.map((e, i) => [`config.excludes.${i + 1}`, `${e.kind} ${e.name}: ${e.reason}`])),
    ...Object.fromEntries((c.collections ?? []).map((k, i) => [`suite.file.${i + 1}`, `${collectionLabel(k)} sha256 ${k.sha256}`])),
    ...(c.observed ? { 'observed.upstream': c.observed.upstream } : {}),
  };
}

function testsuite(result: RunResult, who: Identity, api: ApiResult, id: number, host: string): string {
  const counts = junitCounts(api);
  const firstExchange = api.cases.flatMap((c) => c.exchanges)[0]?.startedAt;
  const s = api.summary;
  const props: Record<string, string> = {
    api: api.id, version: api.version, baseUrl: api.baseUrl, target: result.target,
    verdict: s.verdict,
    verdictDetail: verdictDetail(s.mandatory),
    mandatory: countsText(s.mandatory),
    optional: countsText(s.optional),
    ...(api.error ? { error: `${api.error.code}: ${api.error.message}` } : {}),
    ...Object.fromEntries(api.cases.filter((c) => c.exclusion).map((c) => [`excluded.${c.id}`, `${c.mandatory ? 'mandatory' : 'optional'}; ${c.exclusion!.by} ${c.exclusion!.names.join(', ')}: ${c.exclusion!.reason}`])),
    tool: `${result.tool.name} ${result.tool.version}`,
    ...evidenceProps(result, api.id),
    ...(who.company ? { company: who.company } : {}),
    ...(who.product ? { product: who.product } : {}),
    ...(who.release ? { release: who.release } : {}),
  };
  const summary = `${api.id}${versionSuffix(api.version)}: ${props.verdict}; mandatory ${props.mandatory}; optional ${props.optional}; ${s.requests} requests; ${s.advisories} advisories`;
  return [
    `  <testsuite${attrs({ name: `${api.id} ${api.title}${versionSuffix(api.version)}`, package: `tmf-ctk.${api.id}`, id, tests: counts.tests, failures: counts.failures, errors: counts.errors, skipped: counts.skipped, time: seconds(api.durationMs), timestamp: timestamp(firstExchange, result.startedAt), hostname: host })}>`,
    '    <properties>',
    ...Object.entries(props).map(([name, value]) => `      <property${attrs({ name, value })}/>`),
    '    </properties>',
    ...api.cases.map((c) => testcase(api, c)),
    `    <system-out>${xmlText(summary)}</system-out>`,
    '    <system-err/>',
    '  </testsuite>',
  ].join('\n');
}

/** The whole document; pure, so tests validate it without touching the disk. */
export function renderJunit(result: RunResult, who: Identity = identityOf(result, { outDir: '.' }), host = hostname() || 'localhost'): string {
  const totals = result.apis.map(junitCounts).reduce((a, b) => ({ tests: a.tests + b.tests, failures: a.failures + b.failures, errors: a.errors + b.errors }), { tests: 0, failures: 0, errors: 0 });
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites${attrs({ name: `tmf-ctk ${result.target}`, tests: totals.tests, failures: totals.failures, errors: totals.errors, time: seconds(result.durationMs) })}>`,
    ...result.apis.map((api, i) => testsuite(result, who, api, i, host)),
    '</testsuites>',
    '',
  ].join('\n');
}

export function junitReporter(options: ReporterOptions): Reporter {
  return {
    name: 'junit',
    async onEnd(result: RunResult) {
      return [await writeReportFile(options.outDir, 'junit.xml', renderJunit(result, identityOf(result, options)))];
    },
  };
}
