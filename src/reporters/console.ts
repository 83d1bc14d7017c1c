import type { ApiResult, CaseResult, Counts, RunEvent, RunResult } from '../core/results.js';
import { verdictDetail, verdictWord } from '../core/verdict.js';
import { collectionLabel, documentNote, formatDuration, terminalSafe, versionSuffix } from './text.js';
import type { Reporter, ReporterOptions } from './types.js';

type Paint = (code: string, text: string) => string;

const STATUS_WORD: Record<CaseResult['status'], { word: string; color: string }> = {
  pass: { word: 'PASS', color: '32' },
  fail: { word: 'FAIL', color: '31' },
  skip: { word: 'SKIP', color: '33' },
  'not-run': { word: 'NOT RUN', color: '31' },
  'not-applicable': { word: 'N/A', color: '2' },
  excluded: { word: 'EXCLUDED', color: '33' },
};

const VERDICT_COLOR: Record<ApiResult['summary']['verdict'], string> = {
  conformant: '32', 'conformant with exclusions': '33', 'not conformant': '31', error: '31',
};

/** `N passed, N failed` (+ `, N skipped`, `, N not run`… when any): the line CI logs are grepped for. */
export function summaryLine(c: Counts): string {
  const more = ([['skipped', c.skipped], ['excluded', c.excluded], ['not run', c.notRun], ['not applicable', c.notApplicable]] as const)
    .filter(([, n]) => n > 0).map(([word, n]) => `, ${n} ${word}`).join('');
  return `${c.passed} passed, ${c.failed} failed${more}`;
}

/** `TMF663 Shopping Cart Management v4.0.0: NOT CONFORMANT (1 of 4 applicable mandatory cases failed)`. */
export function verdictLine(api: ApiResult): string {
  const optional = api.summary.optional.failed > 0 ? `; ${api.summary.optional.failed} optional failed` : '';
  return `${terminalSafe(`${api.id} ${api.title}${versionSuffix(api.version)}`)}: ${verdictWord(api.summary.verdict)} (${verdictDetail(api.summary.mandatory)}${optional})`;
}

/** How the run was configured, in a few lines (the evidence every report carries). */
export function configurationLines(result: RunResult): string[] {
  const c = result.configuration;
  if (!c) return [`configuration: not recorded (saved by ${result.tool.name} ${result.tool.version})`];
  const strict = Object.entries(c.strict).map(([id, on]) => `${id} ${on ? 'yes' : 'no'}`).join(', ') || 'no';
  const headers = Object.keys(c.headers);
  return [
    `configuration: ${c.tool.name} ${c.tool.version}; config ${c.config ? `${c.config.file} sha256 ${c.config.sha256}` : 'none'}; strict: ${strict}; headers: ${headers.length ? `${headers.join(', ')} (values redacted)` : 'none'}`,
    ...(c.observed ? [`  observed traffic forwarded to ${c.observed.upstream} (tmf-ctk proxy)`] : []),
    ...c.documents.map((d) => `  document ${d.api} ${d.version} ${d.file} sha256 ${d.sha256}${d.published && !d.fromRegistry ? '' : ` (${documentNote(d)})`}`),
    ...(c.collections ?? []).map((k) => `  ${collectionLabel(k)} sha256 ${k.sha256}`),
    ...c.exclusions.map((e) => `  config excludes ${e.kind} ${e.name}${e.api ? ` (${e.api})` : ''}: ${e.reason}`),
    ...(c.auth ? [`  auth: OAuth2 client credentials of ${c.auth.oauth2.clientId} from ${c.auth.oauth2.tokenUrl} (bearer tokens redacted)`] : []),
  ];
}

/**
 * Progress and summary on the console. On a terminal: one line per case under a header per API.
 * Quiet (CI): only failing cases, then the summary. Colour only when asked (NO_COLOR, pipes).
 */
export function consoleReporter(options: ReporterOptions): Reporter {
  const stream = options.stream ?? process.stdout;
  const paint: Paint = options.color ? (code, text) => `\u001b[${code}m${text}\u001b[0m` : (_code, text) => text;
  const write = (line = '') => void stream.write(`${line}\n`);
  let sawCases = false;

  const caseLine = (c: CaseResult) => {
    if (options.quiet && c.status !== 'fail') return;
    const s = STATUS_WORD[c.status] ?? STATUS_WORD.fail;
    const prefix = options.quiet ? `${c.api} ` : '  ';
    const tag = c.mandatory ? '' : paint('2', ' [optional]');
    write(`${prefix}${paint(s.color, s.word)} ${terminalSafe(`${c.id} ${c.title}`)}${tag} ${paint('2', `(${formatDuration(c.durationMs)})`)}`);
    if (c.status !== 'pass' && c.reason) write(`${prefix}     ${paint('2', terminalSafe(c.reason))}`);
  };

  const onEvent = (event: RunEvent) => {
    if (event.type === 'apiStart' && !options.quiet) {
      write(paint('1', terminalSafe(`${event.api}${versionSuffix(event.version)}`)) + paint('2', ` → ${terminalSafe(event.baseUrl)}`));
    } else if (event.type === 'caseEnd') {
      sawCases = true;
      caseLine(event.result);
    }
  };

  const onEnd = (result: RunResult) => {
    // Re-rendering a saved run sees no events: list its cases the same way a live run would have.
    if (!sawCases) for (const api of result.apis) for (const c of api.cases) caseLine(c);
    write();
    for (const line of configurationLines(result)) write(paint('2', terminalSafe(line)));
    // Never coloured: scripts match this line exactly. The run error itself goes to stderr (the CLI prints it).
    write(summaryLine(result.summary.cases));
    for (const api of result.apis) {
      write(paint(VERDICT_COLOR[api.summary.verdict] ?? '31', verdictLine(api)));
      // The mandatory exclusions are what keeps the verdict from CONFORMANT: each named, with the config's reason.
      const excluded = api.cases.filter((k) => k.exclusion);
      for (const c of excluded.filter((k) => k.mandatory)) {
        const by = `${c.exclusion!.by} ${c.exclusion!.names.join(', ')}: ${c.exclusion!.reason}`;
        // A case that failed on a check still run is a failure first: the disabled check it also relies on is a note.
        const line = c.status === 'fail' ? `${c.id} failed; it also relies on ${by}` : `excluded: ${c.id} by ${by}`;
        write(paint('33', `  ${terminalSafe(line)}`));
      }
      const optional = excluded.filter((k) => !k.mandatory).length;
      if (optional > 0) write(paint('2', `  and ${optional} optional case${optional === 1 ? '' : 's'} excluded (see the reports)`));
    }
    return [];
  };

  return { name: 'console', onEvent, onEnd };
}
