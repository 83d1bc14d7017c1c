/** The typed stream of a run's events (see RunEvent in results.ts). A listener that throws never stops the run. */
import type { RunEvent } from '../core/results.js';

export type RunEventListener = (event: RunEvent) => void;

export class RunEmitter {
  private readonly listeners: RunEventListener[] = [];
  /** Listener failures, kept so the caller can report them after the run. */
  readonly errors: string[] = [];

  on(listener: RunEventListener): this {
    this.listeners.push(listener);
    return this;
  }

  emit(event: RunEvent): void {
    for (const l of this.listeners) {
      try {
        l(event);
      } catch (e) {
        if (this.errors.length < 20) this.errors.push(`${event.type}: ${(e as Error).message}`);
      }
    }
  }
}
