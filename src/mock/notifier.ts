import { randomUUID } from 'node:crypto';
import type { EventModel } from '../document/model.js';
import { withDeadline } from '../deadline.js';

/**
 * Event delivery to hub subscribers: asynchronous (never on a request's path), bounded (a queue
 * limit, a concurrency limit, a timeout per attempt, a retry limit), and stopped for a subscription
 * as soon as it is deleted. Redirects are not followed: a callback may only reach an allowed host.
 */
export interface DeliveryOptions {
  /** Per attempt. */
  timeoutMs?: number;
  /** Retries after the first attempt, for network errors, timeouts, 429 and 5xx. */
  retries?: number;
  /** First retry delay; doubles each retry. */
  backoffMs?: number;
  concurrency?: number;
  /** Deliveries waiting beyond this are dropped (and counted). */
  maxQueue?: number;
  /** Told of every failed attempt, in one line (`tmf-ctk mock --log`). */
  onFailure?: (line: string) => void;
}

/** Why an attempt failed, in words: the callback's status, or the transport error with its code. */
function failureOf(e: unknown): string {
  const err = e as Error & { cause?: { code?: string; message?: string } };
  if (err?.name === 'TimeoutError') return 'no answer within the timeout';
  const code = err?.cause?.code;
  return `${err?.cause?.message ?? err?.message ?? String(e)}${code && !String(err?.cause?.message).includes(code) ? ` (${code})` : ''}`;
}

export interface DeliveryStats {
  queued: number;
  inFlight: number;
  delivered: number;
  failed: number;
  retried: number;
  dropped: number;
}

export interface Delivery {
  /** The hub collection the subscription lives in (tenant-scoped). */
  hub: string;
  subscriptionId: string;
  callback: string;
  body: string;
  mediaType: string;
  attempt: number;
  /** Called once the delivery is over: delivered, failed, dropped, unsubscribed or closed. */
  settled?: () => void;
}

/** The event body: `eventId`, `eventTime`, `eventType`, and the resource under the envelope key the document declares. */
export function buildEvent(ev: EventModel, resource: Record<string, unknown>, now = new Date()): Record<string, unknown> & { eventId: string } {
  return {
    eventId: randomUUID(),
    eventTime: now.toISOString(),
    eventType: ev.eventType,
    ...(ev.eventTypeValue ? { '@type': ev.eventTypeValue } : {}),
    [ev.envelopeKey]: { ...(ev.envelopeTypeValue ? { '@type': ev.envelopeTypeValue } : {}), [ev.payloadKey]: resource },
  };
}

export class Notifier {
  private readonly opts: Required<DeliveryOptions>;
  private readonly queue: Delivery[] = [];
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly abort = new AbortController();
  private readonly waiters: Array<() => void> = [];
  private readonly counts = { delivered: 0, failed: 0, retried: 0, dropped: 0 };
  private inFlight = 0;
  private closed = false;

  /** `isActive(d)`: is the subscription still registered? Checked before every attempt. */
  constructor(private readonly isActive: (d: Delivery) => Promise<boolean>, opts: DeliveryOptions = {}) {
    this.opts = { timeoutMs: 5000, retries: 3, backoffMs: 250, concurrency: 16, maxQueue: 10_000, onFailure: () => undefined, ...opts };
  }

  enqueue(d: Omit<Delivery, 'attempt'>): void {
    if (this.closed) return;
    if (this.queue.length >= this.opts.maxQueue) {
      this.counts.dropped++;
      return d.settled?.();
    }
    this.queue.push({ ...d, attempt: 0 });
    this.pump();
  }

  stats(): DeliveryStats {
    return { queued: this.queue.length + this.timers.size, inFlight: this.inFlight, ...this.counts };
  }

  /** Resolves when nothing is queued, waiting for a retry, or in flight. */
  idle(): Promise<void> {
    if (this.isIdle()) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  close(): void {
    this.closed = true;
    this.abort.abort();
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    this.queue.length = 0;
    this.settle();
    // Unfinished deliveries are not settled: a store's outbox leaves their events for another instance.
  }

  private isIdle(): boolean {
    return this.queue.length === 0 && this.inFlight === 0 && this.timers.size === 0;
  }

  private settle(): void {
    if (!this.isIdle()) return;
    for (const w of this.waiters.splice(0)) w();
  }

  private pump(): void {
    while (!this.closed && this.inFlight < this.opts.concurrency && this.queue.length > 0) {
      const d = this.queue.shift()!;
      this.inFlight++;
      void this.attempt(d).finally(() => {
        this.inFlight--;
        this.pump();
        this.settle();
      });
    }
    this.settle();
  }

  /** One POST, within the timeout even under GC pressure (src/deadline.ts), stopped when the notifier closes. */
  private post(d: Delivery): Promise<Response> {
    return withDeadline(this.opts.timeoutMs, (signal) => fetch(d.callback, {
      method: 'POST', headers: { 'content-type': d.mediaType }, body: d.body, redirect: 'manual', signal,
    }), this.abort.signal);
  }

  private async attempt(d: Delivery): Promise<void> {
    if (!(await this.isActive(d).catch(() => true))) return d.settled?.(); // unsubscribed while waiting: stop
    if (this.closed) return;
    let retry: boolean;
    let why: string;
    try {
      const res = await this.post(d);
      // The listener's body is not read; cancelling it is not awaited: a cancel that never settles (an undici
      // connection already returned to its pool) would hold the delivery, and the mock's idle(), forever.
      void res.body?.cancel().catch(() => undefined);
      if (res.status >= 200 && res.status < 300) {
        this.counts.delivered++;
        return d.settled?.();
      }
      retry = res.status === 429 || res.status >= 500;
      why = `status ${res.status}`;
    } catch (e) {
      retry = true; // refused, reset, timed out
      why = failureOf(e);
    }
    if (this.closed) return;
    const what = `notification to ${d.callback} (subscription ${d.subscriptionId}) failed: ${why}`;
    if (!retry || d.attempt >= this.opts.retries) {
      this.counts.failed++;
      this.opts.onFailure(`${what}; given up after ${d.attempt + 1} attempt${d.attempt === 0 ? '' : 's'}`);
      return d.settled?.();
    }
    this.opts.onFailure(`${what}; retry ${d.attempt + 1} of ${this.opts.retries} in ${this.opts.backoffMs * 2 ** d.attempt} ms`);
    this.counts.retried++;
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      if (this.closed) return;
      this.queue.push({ ...d, attempt: d.attempt + 1 });
      this.pump();
    }, this.opts.backoffMs * 2 ** d.attempt);
    timer.unref();
    this.timers.add(timer);
  }
}
