/**
 * What the sandbox remembers between the requests of a run: the current case's captured values, whether the
 * case stopped (and why), polling deadlines, and the run-wide breaker — the native runner's rules
 * (src/runner/case.ts, run.ts) carried across Postman requests.
 */
import type { Vars } from '../../core/template.js';
import { HEADERS_VARIABLE } from '../suite-json.js';
import type { Pm } from './pm.js';

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

function randomHex(bytes: number): string {
  let s = '';
  for (let i = 0; i < bytes * 2; i++) s += Math.floor(Math.random() * 16).toString(16);
  return s;
}

/** Headers as `ctk.headers` holds them: a JSON object, or `Name: value` lines. */
export function parseHeaders(raw: unknown): Record<string, string> {
  if (typeof raw !== 'string' || raw.trim() === '') return {};
  if (raw.trim().startsWith('{')) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(raw);
    } catch (e) {
      throw new Error(`${HEADERS_VARIABLE} is not a JSON object (${(e as Error).message}); use {"Name": "value"} or "Name: value" lines`);
    }
    return isObject(parsed) ? Object.fromEntries(Object.entries(parsed).map(([k, v]) => [k, String(v)])) : {};
  }
  const out: Record<string, string> = {};
  for (const line of raw.split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon > 0) out[line.slice(0, colon).trim()] = line.slice(colon + 1).trim();
  }
  return out;
}

/** The user's headers (auth…) from the `ctk.headers` variable, whichever scope sets it. */
export function userHeaders(pm: Pm): Record<string, string> {
  return parseHeaders(pm.variables.get(HEADERS_VARIABLE));
}

export class CaseState {
  caseId: string | undefined;
  vars: Vars = {};
  /** `transport`: a request failed below HTTP (no cleanup either); `failed`: a step whose captures later steps need failed. */
  stopped: 'transport' | 'failed' | undefined;
  /** Set when the rest of the run is not sent: why. */
  notRun: string | undefined;
  readonly #breaker: number;
  readonly #runId = randomHex(4);
  #inRow = 0;
  #everAnswered = false;
  #mirrored: string[] = [];
  #poll: { key: string; deadline: number } | undefined;
  #repeating: string | undefined;

  constructor(breaker: number) {
    this.#breaker = breaker;
  }

  /** Called before each request: the first step of a case (or another case) starts afresh; a poll repeat does not. */
  enter(pm: Pm, caseId: string, index: number, key: string): void {
    if (this.#repeating === key) {
      this.#repeating = undefined;
      return;
    }
    if (index === 0 || caseId !== this.caseId) this.#startCase(pm, caseId);
  }

  #startCase(pm: Pm, caseId: string): void {
    for (const name of this.#mirrored) pm.collectionVariables.unset(name);
    this.#mirrored = [];
    const baseUrl = String(pm.variables.get('baseUrl') ?? '').replace(/\/+$/, '');
    this.vars = { runId: this.#runId, baseUrl, listener: { url: '' } };
    this.caseId = caseId;
    this.stopped = undefined;
    this.#poll = undefined;
  }

  transportFailed(cleanup: boolean): void {
    if (cleanup) return;
    this.stopped = 'transport';
    this.#inRow += 1;
    // As the native runner: a target that never answered is unreachable; N failures in a row stop the run.
    if (!this.#everAnswered) this.notRun = 'the target is unreachable';
    else if (this.#inRow >= this.#breaker) this.notRun = `${this.#breaker} requests in a row failed below HTTP`;
  }

  answered(): void {
    this.#everAnswered = true;
    this.#inRow = 0;
  }

  startPoll(key: string, timeoutMs: number): void {
    if (this.#poll?.key !== key) this.#poll = { key, deadline: Date.now() + timeoutMs };
  }

  /** Whether a polling step may send again within its deadline; marks the next entry as a repeat. */
  mayRepeat(key: string, intervalMs: number): boolean {
    if (this.#poll?.key !== key || Date.now() + intervalMs > this.#poll.deadline) return false;
    this.#repeating = key;
    return true;
  }

  /**
   * Captures become collection variables, so `{{created.id}}` in a request reads the same in Postman: the
   * value itself (objects as JSON) and each top-level scalar attribute as `name.attribute`.
   */
  mirror(pm: Pm, names: string[]): void {
    for (const name of names) {
      const v = this.vars[name];
      this.#set(pm, name, typeof v === 'string' ? v : JSON.stringify(v));
      if (!isObject(v)) continue;
      for (const [k, x] of Object.entries(v)) {
        if (typeof x === 'string' || typeof x === 'number' || typeof x === 'boolean') this.#set(pm, `${name}.${k}`, String(x));
      }
    }
  }

  #set(pm: Pm, key: string, value: string): void {
    pm.collectionVariables.set(key, value);
    this.#mirrored.push(key);
  }
}
