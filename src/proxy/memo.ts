/**
 * Judging is a pure function of the exchange: the same request answered with the same bytes gets the same
 * checks. A client polling one resource, or re-reading a list that has not changed, is judged once and the
 * result reused (each exchange is still counted, kept and reported). Bounded: the most recent `entries`
 * distinct exchanges (by a sha256 of the exchange), each with bodies up to `maxBodyBytes`; larger ones are judged every time.
 */
import { createHash } from 'node:crypto';
import type { CheckResult, Exchange } from '../core/results.js';

/** Response headers that change on every answer and that no check reads. */
const VOLATILE = new Set(['date', 'x-request-id', 'x-correlation-id', 'traceparent', 'age', 'expires', 'last-modified', 'server-timing', 'keep-alive', 'connection']);

export interface MemoOptions {
  entries?: number;
  maxBodyBytes?: number;
}

export class JudgmentMemo {
  readonly #map = new Map<string, readonly CheckResult[]>();
  readonly #entries: number;
  readonly #maxBody: number;
  hits = 0;
  misses = 0;

  constructor(o: MemoOptions = {}) {
    this.#entries = o.entries ?? 512;
    this.#maxBody = o.maxBodyBytes ?? 64 * 1024;
  }

  /** The key of an exchange, or undefined when it is too large to remember. */
  key(routeKey: string, ex: Exchange, unvalidated: string | undefined): string | undefined {
    const res = ex.response;
    if (!res || this.#entries === 0) return undefined;
    const reqBody = ex.request.body ?? '';
    const resBody = res.body ?? '';
    if (reqBody.length > this.#maxBody || resBody.length > this.#maxBody) return undefined;
    const reqType = ex.request.headers['content-type'] ?? '';
    let head = '';
    for (const k of Object.keys(res.headers).sort()) if (!VOLATILE.has(k.toLowerCase())) head += `${k.toLowerCase()}:${res.headers[k]}\n`;
    // Lengths before each part keep the parts from running into one another; the digest keeps memory at 44
    // characters a key however large the bodies (512 keys of two 64 KB bodies would hold 64 MB).
    return createHash('sha256')
      .update(`${routeKey}\0${ex.request.method} ${ex.request.url}\0${unvalidated ?? ''}\0${reqType.length}:${reqType}${reqBody.length}:${reqBody}\0${res.status}\0${head.length}:${head}`)
      .update(resBody)
      .digest('base64');
  }

  get(key: string): readonly CheckResult[] | undefined {
    const hit = this.#map.get(key);
    if (!hit) {
      this.misses += 1;
      return undefined;
    }
    this.hits += 1;
    // Most recently used last: re-insert.
    this.#map.delete(key);
    this.#map.set(key, hit);
    return hit;
  }

  set(key: string, checks: readonly CheckResult[]): void {
    if (this.#entries === 0) return;
    this.#map.set(key, checks);
    if (this.#map.size > this.#entries) this.#map.delete(this.#map.keys().next().value!);
  }
}
