import type { Hub } from './hub.js';
import type { DeliveryOptions } from './notifier.js';
import type { OutboxEntry, Store, StoredEvent } from './store.js';

/**
 * Gets the events of a write to their subscribers. Without an outbox (memory, SQLite) the writing
 * process matches and queues them at once. With one (PostgreSQL) the events were stored in the write's
 * transaction, and every instance runs this pump: it claims undelivered events for a lease (`FOR UPDATE
 * SKIP LOCKED`, so each goes to one instance), delivers them, and deletes them once every delivery is
 * over. An instance killed mid-delivery leaves its lease to expire; another instance then delivers
 * again with the same `eventId` (at least once; listeners de-duplicate on it).
 */
export interface DispatchOptions {
  log: (line: string) => void;
  delivery?: DeliveryOptions;
  /** How long a claimed event is this instance's; default: the longest its delivery can take, plus 5 s. */
  outboxLeaseMs?: number;
}

const BATCH = 50;

/** The longest one delivery can take: every attempt timing out, with the backoffs between them. */
export function deliveryBoundMs(d: DeliveryOptions = {}): number {
  const timeout = d.timeoutMs ?? 5000;
  const retries = d.retries ?? 3;
  const backoff = d.backoffMs ?? 250;
  return timeout * (retries + 1) + backoff * (2 ** retries - 1);
}

export class EventDispatcher {
  private readonly leaseMs: number;
  private readonly held = new Set<string>();
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private again = false;
  private closed = false;

  constructor(private readonly store: Store, private readonly hubs: ReadonlyMap<string, Hub>, private readonly o: DispatchOptions) {
    this.leaseMs = o.outboxLeaseMs ?? deliveryBoundMs(o.delivery) + 5000;
  }

  /** Called by the engine once a write is stored. */
  async dispatch(events: readonly StoredEvent[]): Promise<void> {
    if (this.store.outbox) return this.kick();
    for (const e of events) await this.hubs.get(e.apiId)?.fanOut(e);
  }

  /** Starts the outbox pump: woken by every stored event, and polling for leases that expired. */
  async start(): Promise<void> {
    const outbox = this.store.outbox;
    if (!outbox || this.closed) return;
    await outbox.listen(() => this.kick());
    this.timer = setInterval(() => this.kick(), Math.max(100, Math.min(1000, this.leaseMs / 2)));
    this.timer.unref();
    this.kick();
  }

  /** Runs the pump now, or once more after the current run. */
  kick(): void {
    if (this.closed) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.pump().finally(() => {
      this.running = undefined;
      if (this.again) this.kick();
    });
  }

  private async pump(): Promise<void> {
    const outbox = this.store.outbox!;
    do {
      this.again = false;
      let batch: OutboxEntry[];
      try {
        batch = await outbox.claim(BATCH, this.leaseMs, [...this.hubs.keys()]);
      } catch (e) {
        if (!this.closed) this.o.log(`mock: cannot read the event outbox: ${(e as Error).message}`);
        return;
      }
      for (const entry of batch) this.deliver(entry);
      if (batch.length === BATCH) this.again = true;
    } while (this.again && !this.closed);
  }

  private deliver(entry: OutboxEntry): void {
    const hub = this.hubs.get(entry.event.apiId);
    if (!hub) return;
    this.held.add(entry.seq);
    void hub.fanOut(entry.event)
      .then(({ done }) => done)
      .then(() => (this.closed ? undefined : this.store.outbox!.complete(entry.seq)))
      .catch((e: unknown) => this.o.log(`mock: delivering event ${entry.event.body.eventId} failed: ${(e as Error).message}`))
      .finally(() => this.held.delete(entry.seq));
  }

  /** Stops the pump and hands the events this instance still held to the others at once. */
  async close(): Promise<void> {
    this.closed = true;
    if (this.timer) clearInterval(this.timer);
    await this.running?.catch(() => undefined);
    const outbox = this.store.outbox;
    if (outbox && this.held.size) await outbox.release([...this.held]).catch(() => undefined);
  }
}
