import type { ApiResult, CaseResult, Counts, RunEvent, RunResult } from '../core/results.js';
import { formatDuration, plural, terminalSafe } from './text.js';
import type { Reporter, ReporterOptions } from './types.js';

type Paint = (code: string, text: string) => string;

const STATUS_WORD: Record<CaseResult['status'], { word: string; color: string }> = {
  pass: { word: 'PASS', color: '32' },
  fail: { word: 'FAIL', color: '31' },
  skip: { word: 'SKIP', color: '33' },
};

/** `N passed, N failed` (+ `, N skipped` when any): the line CI logs are grepped for. */
export function summaryLine(c: Counts): string {
  return `${c.passed} passed, ${c.failed} failed${c.skipped > 0 ? `, ${c.skipped} skipped` : ''}`;
}

/** `TMF663 Shopping Cart Management v4.0.0: NOT CONFORMANT (1 of 4 mandatory cases failed)`. */
export function verdictLine(api: ApiResult): string {
  const m = api.summary.mandatory;
  const total = m.passed + m.failed + m.skipped;
  const verdict = api.summary.conformant ? 'CONFORMANT' : 'NOT CONFORMANT';
  const detail = m.failed > 0
    ? `${m.failed} of ${plural(total, 'mandatory case')} failed`
    : `${m.passed} of ${plural(total, 'mandatory case')} passed`;
  const skipped = m.skipped > 0 ? `, ${m.skipped} skipped` : '';
  const optional = api.summary.optional.failed > 0 ? `; ${api.summary.optional.failed} optional failed` : '';
  return `${terminalSafe(`${api.id} ${api.title} v${api.version}`)}: ${verdict} (${detail}${skipped}${optional})`;
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
      write(paint('1', terminalSafe(`${event.api} v${event.version}`)) + paint('2', ` → ${terminalSafe(event.baseUrl)}`));
    } else if (event.type === 'caseEnd') {
      sawCases = true;
      caseLine(event.result);
    }
  };

  const onEnd = (result: RunResult) => {
    // Re-rendering a saved run sees no events: list its cases the same way a live run would have.
    if (!sawCases) for (const api of result.apis) for (const c of api.cases) caseLine(c);
    write();
    if (result.error) write(paint('31', `run error [${terminalSafe(result.error.code)}]: ${terminalSafe(result.error.message)}`));
    // Never coloured: scripts match this line exactly.
    write(summaryLine(result.summary.cases));
    for (const api of result.apis) write(paint(api.summary.conformant ? '32' : '31', verdictLine(api)));
    return [];
  };

  return { name: 'console', onEvent, onEnd };
}
