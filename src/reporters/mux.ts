import type { RunEvent, RunResult } from '../core/results.js';
import type { Reporter } from './types.js';

export interface ReportError {
  reporter: string;
  message: string;
}

export interface ReportOutcome {
  /** Every file the reporters wrote, in reporter order. */
  files: string[];
  /** One entry per reporter hook that threw; the other reporters still ran. */
  errors: ReportError[];
}

const messageOf = (e: unknown) => (e instanceof Error ? e.message : String(e));

/**
 * Fans run events out to reporters (Playwright's multiplexer): a reporter that throws in `onEvent`
 * or `onEnd` is recorded and skipped for that call, and never stops the run or the other reporters.
 */
export class ReporterMux {
  readonly #reporters: readonly Reporter[];
  /** First onEvent failure per reporter, plus how many followed: one broken hook must not flood the output. */
  readonly #eventErrors = new Map<string, { message: string; more: number }>();

  constructor(reporters: readonly Reporter[]) {
    this.#reporters = reporters;
  }

  emit(event: RunEvent): void {
    for (const r of this.#reporters) {
      if (!r.onEvent) continue;
      try {
        r.onEvent(event);
      } catch (e) {
        const seen = this.#eventErrors.get(r.name);
        if (seen) seen.more += 1;
        else this.#eventErrors.set(r.name, { message: `onEvent(${event.type}): ${messageOf(e)}`, more: 0 });
      }
    }
  }

  async end(result: RunResult): Promise<ReportOutcome> {
    const errors: ReportError[] = [...this.#eventErrors].map(([reporter, { message, more }]) => ({
      reporter, message: more > 0 ? `${message} (and ${more} more)` : message,
    }));
    // Reporters finish concurrently; each call is wrapped so a synchronous throw is caught too.
    const outcomes = await Promise.allSettled(this.#reporters.map(async (r) => (r.onEnd ? await r.onEnd(result) : [])));
    const files: string[] = [];
    outcomes.forEach((o, i) => {
      const name = this.#reporters[i]!.name;
      if (o.status === 'fulfilled') files.push(...(Array.isArray(o.value) ? o.value : []));
      else errors.push({ reporter: name, message: `onEnd: ${messageOf(o.reason)}` });
    });
    return { files, errors };
  }
}
