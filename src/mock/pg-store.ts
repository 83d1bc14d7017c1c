import pg from 'pg';
import { CtkError } from '../errors.js';
import { MockHttpError } from './errors.js';
import { MIGRATIONS, SCHEMA_VERSION } from './pg-migrations.js';
import { idsNamedByHref, keyAttributes, requiredAttributes, translateFilters } from './pg-query.js';
import { followsIdAndHref, queryInMemory, restText, StoreConflict, StoredText, type Change, type Outbox, type OutboxEntry, type Resource, type Store, type StoredEvent, type StorePage, type StoreQuery } from './store.js';

/**
 * `--data postgres://…`: the state of a sandbox that any number of mock instances share. Nothing is
 * cached in the process, so a write on one instance is read on another at once. Writes are single
 * statements (the resource, its events in the outbox and a NOTIFY, atomically); an update is
 * optimistic: read with its version, compute, write if the version is unchanged, else read again
 * (so no lost update, and no connection held while behaviours run); past MAX_TRIES it is a 409.
 */
const CHANNEL = 'tmf_ctk_outbox';

/**
 * What a read selects: the text kept at write time (doc), and the JSONB body only for a row without
 * one (see migration 2). resourceOf makes the resource of it: the attributes in the order they were
 * written, as the memory store keeps them, so every answer has the same bytes whichever the store.
 */
const READ = 'id, doc, CASE WHEN doc IS NULL THEN body END AS body';
interface ReadRow { id: string; doc: string | null; body: Resource | null }

function resourceOf(row: ReadRow): Resource {
  return row.doc === null ? row.body! : { id: row.id, ...(JSON.parse(row.doc) as Record<string, unknown>) };
}

interface PendingRead {
  collection: string;
  id: string;
  promise: Promise<StoredText | Resource | undefined>;
  resolve(r: StoredText | Resource | undefined): void;
  reject(e: unknown): void;
}
const MAX_TRIES = 25;
/** Runs one statement (on the pool, or on the client of a transaction). */
type Runner = <R extends pg.QueryResultRow = Record<string, unknown>>(text: string, values: unknown[], name?: string) => Promise<pg.QueryResult<R>>;
/** Reads per batched statement: beyond it, the next reads of the same turn start another batch. */
const MAX_BATCH = 500;

/** Events are kept only when their hub has a subscription at the time of the write (nobody else could hear them). */
function outboxInsert(events: string, condition = 'true'): string {
  return `INSERT INTO tmf_ctk_outbox (api_id, hub, media_type, event_id, body)
    SELECT e->>'apiId', e->>'hub', e->>'mediaType', e->>'eventId', e->>'body' FROM jsonb_array_elements(${events}::jsonb) WITH ORDINALITY AS x(e, n)
    WHERE EXISTS (SELECT 1 FROM tmf_ctk_resources s WHERE s.collection = e->>'hub') AND ${condition} ORDER BY n`;
}

function eventsParam(events: readonly StoredEvent[]): string {
  return JSON.stringify(events.map((e) => ({ apiId: e.apiId, hub: e.hub, mediaType: e.mediaType, eventId: e.body.eventId, body: JSON.stringify(e.body) })));
}

/** `postgres://user@host:5432/db` without a password, for messages. */
export function describeUrl(url: string): string {
  try {
    const u = new URL(url);
    return `${u.username ? `${decodeURIComponent(u.username)}@` : ''}${u.host}${u.pathname}`;
  } catch {
    return 'the PostgreSQL URL given';
  }
}

/** What to try, by what the server or the driver said (SQLSTATE 28P01/28000: authentication; 3D000: no such database). */
export function connectHint(cause: unknown): string {
  const code = (cause as { code?: string }).code;
  const message = (cause as Error).message ?? '';
  if (code === '28P01') return 'the password was refused: check PGPASSWORD or the one in the URL (it is never printed)';
  if (code === '28000' || /password|SASL|SCRAM/i.test(message)) {
    return 'the server asks for a password: set PGPASSWORD, or put it in the URL (postgres://USER:PASSWORD@HOST:PORT/DB; it is never printed)';
  }
  if (/timeout/i.test(message)) return 'nothing answered as PostgreSQL at that host and port within the connect timeout: check --data';
  if (code === '3D000') return 'the database does not exist: create it first, e.g. createdb -h HOST -p PORT -U USER DB';
  return 'is the server running at that host and port, and does the database exist? e.g. createdb -h HOST -p PORT -U USER DB';
}

export class PgStore implements Store {
  private readonly pool: pg.Pool;
  private opening?: Promise<void>;
  private listener?: pg.Client;
  /** GETs by id waiting for the end of this turn of the event loop (see getText). */
  private reads?: Map<string, PendingRead>;
  private closed = false;
  readonly outbox: Outbox;

  /** Sees the rows each statement answered (tests count what a query reads). */
  private readonly observe?: (text: string, rows: readonly Record<string, unknown>[]) => void;

  constructor(private readonly url: string, { max = 20, observe, connectTimeoutMs = 10_000 }: {
    max?: number; observe?: (text: string, rows: readonly Record<string, unknown>[]) => void;
    /** A server that accepts the connection but never answers as PostgreSQL is STORE_UNAVAILABLE after this. */
    connectTimeoutMs?: number;
  } = {}) {
    this.observe = observe;
    this.pool = new pg.Pool({ connectionString: url, max, application_name: 'tmf-ctk mock', connectionTimeoutMillis: connectTimeoutMs });
    // An idle connection dropped by the server must not crash the process; the next query reconnects.
    this.pool.on('error', () => undefined);
    this.outbox = {
      claim: (n, lease, apis) => this.claim(n, lease, apis),
      complete: async (seq) => void (await this.sql('DELETE FROM tmf_ctk_outbox WHERE seq = $1', [seq])),
      release: async (seqs) => void (await this.sql("UPDATE tmf_ctk_outbox SET lease_until = '-infinity' WHERE seq = ANY($1::bigint[])", [seqs])),
      listen: (wake) => this.listen(wake),
    };
  }

  open(): Promise<void> {
    return (this.opening ??= this.migrate());
  }

  private async migrate(): Promise<void> {
    let client: pg.PoolClient;
    try {
      client = await this.pool.connect();
    } catch (cause) {
      // A connection refused mid-authentication can stay open: let it go, so a failed start ends its process.
      this.closed = true;
      this.pool.end().catch(() => undefined);
      throw new CtkError('STORE_UNAVAILABLE', `cannot connect to PostgreSQL at ${describeUrl(this.url)}: ${(cause as Error).message}`, {
        cause, hint: connectHint(cause),
      });
    }
    try {
      // One instance migrates at a time; the others then find the schema current.
      await client.query("SELECT pg_advisory_lock(hashtext('tmf-ctk schema'))");
      await client.query('CREATE TABLE IF NOT EXISTS tmf_ctk_schema (version integer PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())');
      const current = Number((await client.query('SELECT coalesce(max(version), 0) AS v FROM tmf_ctk_schema')).rows[0].v);
      if (current > SCHEMA_VERSION) {
        throw new CtkError('STORE_SCHEMA', `the database ${describeUrl(this.url)} has schema version ${current}; this tmf-ctk knows up to ${SCHEMA_VERSION}`, {
          hint: 'a newer tmf-ctk wrote it: upgrade tmf-ctk, or give this one another database',
        });
      }
      for (const m of MIGRATIONS.filter((x) => x.version > current)) {
        await client.query('BEGIN');
        await client.query(m.sql);
        await client.query('INSERT INTO tmf_ctk_schema (version) VALUES ($1)', [m.version]);
        await client.query('COMMIT');
      }
    } catch (e) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw e;
    } finally {
      await client.query("SELECT pg_advisory_unlock(hashtext('tmf-ctk schema'))").catch(() => undefined);
      client.release();
    }
  }

  /** One statement; data PostgreSQL cannot store (a NUL in text) is the client's 400, not a 500. */
  private async sql<R extends pg.QueryResultRow = Record<string, unknown>>(text: string, params: unknown[], name?: string): Promise<pg.QueryResult<R>> {
    if (!this.opening) await this.open();
    else await this.opening;
    return this.run<R>(this.pool, text, params, name);
  }

  private async run<R extends pg.QueryResultRow = Record<string, unknown>>(on: pg.Pool | pg.PoolClient, text: string, params: unknown[], name?: string): Promise<pg.QueryResult<R>> {
    try {
      // A named statement is parsed and planned once per connection (the hot reads), not on every request.
      const r = await on.query<R>(name ? { name, text, values: params } : { text, values: params });
      this.observe?.(text, r.rows);
      return r;
    } catch (e) {
      const code = (e as { code?: string }).code;
      if (code === '22P05' || code === '22021' || code === '54000') throw new MockHttpError('INVALID_BODY', `the body cannot be stored: ${(e as Error).message.slice(0, 200)}`);
      if (code === '23505') throw new StoreConflict(String(params[0]), String(params[1]));
      throw e;
    }
  }

  async get(collection: string, id: string): Promise<Resource | undefined> {
    const row = (await this.sql<ReadRow>(`SELECT ${READ} FROM tmf_ctk_resources WHERE collection = $1 AND id = $2`, [collection, id], 'tmf_ctk_get')).rows[0];
    return row && resourceOf(row);
  }

  /**
   * GET by id: the text kept at write time (no JSONB parse), or the body of a row without one. The
   * reads asked for in one turn of the event loop go to PostgreSQL together, as one statement sent
   * after the last of them arrived (so each still sees every write acknowledged before it was asked,
   * on any instance): one round trip for many requests under load, and no added wait when idle.
   */
  getText(collection: string, id: string): Promise<StoredText | Resource | undefined> {
    // A NUL is refused by PostgreSQL: that error must stay this request's own, not fail the others.
    if (collection.includes('\u0000') || id.includes('\u0000')) return this.getTexts([{ collection, id }]).then((r) => r[0]);
    let reads = this.reads;
    if (!reads || reads.size >= MAX_BATCH) {
      const batch: Map<string, PendingRead> = (reads = this.reads = new Map());
      setImmediate(() => this.flushReads(batch));
    }
    const key = `${collection}\u0000${id}`;
    let read = reads.get(key);
    if (!read) {
      let resolve!: PendingRead['resolve'];
      let reject!: PendingRead['reject'];
      const promise = new Promise<StoredText | Resource | undefined>((ok, fail) => ((resolve = ok), (reject = fail)));
      read = { collection, id, promise, resolve, reject };
      reads.set(key, read);
    }
    return read.promise;
  }

  private flushReads(batch: Map<string, PendingRead>): void {
    const reads = [...batch.values()];
    if (this.reads === batch) this.reads = undefined;
    this.getTexts(reads).then((found) => reads.forEach((r, i) => r.resolve(found[i])), (e: unknown) => reads.forEach((r) => r.reject(e)));
  }

  private async getTexts(keys: ReadonlyArray<{ collection: string; id: string }>): Promise<Array<StoredText | Resource | undefined>> {
    type Row = ReadRow & { n: number };
    const rows = keys.length === 1
      ? (await this.sql<Row>(`SELECT 1 AS n, ${READ} FROM tmf_ctk_resources WHERE collection = $1 AND id = $2`, [keys[0]!.collection, keys[0]!.id], 'tmf_ctk_get_text')).rows
      : (await this.sql<Row>(`SELECT k.n::int AS n, r.id, r.doc, CASE WHEN r.doc IS NULL THEN r.body END AS body
          FROM unnest($1::text[], $2::text[]) WITH ORDINALITY AS k(c, i, n) JOIN tmf_ctk_resources r ON r.collection = k.c AND r.id = k.i`,
        [keys.map((k) => k.collection), keys.map((k) => k.id)], 'tmf_ctk_get_texts')).rows;
    const found = new Array<StoredText | Resource | undefined>(keys.length);
    for (const row of rows) found[row.n - 1] = row.doc !== null && followsIdAndHref(row.doc) ? new StoredText(row.id, row.doc) : resourceOf(row);
    return found;
  }

  private async versioned(collection: string, id: string): Promise<{ body: Resource; version: number } | undefined> {
    const row = (await this.sql<ReadRow & { version: number }>(`SELECT ${READ}, version FROM tmf_ctk_resources WHERE collection = $1 AND id = $2`, [collection, id])).rows[0];
    return row && { body: resourceOf(row), version: row.version };
  }

  async list(collection: string): Promise<readonly Resource[]> {
    return (await this.sql<ReadRow>(`SELECT ${READ} FROM tmf_ctk_resources WHERE collection = $1 ORDER BY seq`, [collection])).rows.map(resourceOf);
  }

  async count(collection: string): Promise<number> {
    return Number((await this.sql<{ n: string }>('SELECT count(*) AS n FROM tmf_ctk_resources WHERE collection = $1', [collection])).rows[0]!.n);
  }

  /**
   * TMF630 query. SQL selects the matching rows: translated filters (pg-query.ts), the ids that `href=`
   * operands name, and the attributes the other filters need present. Without filters left to the
   * process and without sort, SQL also pages and counts (X-Total-Count), and only the page is read.
   * Otherwise the process decides with the shared code (src/tmf/), reading of each matching row only its
   * id and the top-level attributes the filters and sort keys name (keysOnly); then only the page's
   * bodies are read. A search by href reads at most one row per href operand, whole.
   */
  async query(collection: string, q: StoreQuery): Promise<StorePage> {
    const t = translateFilters(q.filters, 2);
    const params: unknown[] = [collection, ...t.params];
    const clauses = ['collection = $1', ...t.clauses];
    const ids = idsNamedByHref(t.rest, q.view);
    if (ids) {
      if (ids.length === 0) return queryInMemory([], { ...q, filters: t.rest });
      params.push(ids);
      clauses.push(`id = ANY($${params.length}::text[])`);
    }
    for (const attr of requiredAttributes(t.rest)) {
      params.push(attr);
      clauses.push(`body ? $${params.length}::text`);
    }
    const where = clauses.join(' AND ');
    if (t.rest.length === 0 && q.sort.length === 0) {
      const n = params.length + 1;
      const r = await this.sql<ReadRow & { total: string }>(
        `SELECT ${READ}, count(*) OVER () AS total FROM tmf_ctk_resources WHERE ${where} ORDER BY seq OFFSET $${n} LIMIT $${n + 1}`,
        [...params, q.offset, q.limit ?? null]);
      if (r.rows.length > 0) return { items: r.rows.map(resourceOf), total: Number(r.rows[0]!.total) };
      if (q.offset === 0 && q.limit !== 0) return { items: [], total: 0 };
      const total = Number((await this.sql<{ n: string }>(`SELECT count(*) AS n FROM tmf_ctk_resources WHERE ${where}`, params)).rows[0]!.n);
      return { items: [], total };
    }
    if (ids) {
      // At most one row per operand: read them whole.
      const rows = (await this.sql<ReadRow>(`SELECT ${READ} FROM tmf_ctk_resources WHERE ${where} ORDER BY seq`, params)).rows;
      return queryInMemory(rows.map(resourceOf), { ...q, filters: t.rest });
    }
    return this.keysOnly(collection, where, params, { ...q, filters: t.rest });
  }

  /**
   * Filters and sorts the matching rows in the process over their keys only: per row its id and, for each
   * top-level attribute a filter or sort key names, its value (`[value]`, or NULL when absent, so a JSON
   * null stays apart from a missing attribute). valuesAt and firstValueAt read nothing else, so the
   * shared code decides as over whole resources. Then the page's bodies are read by id. The two reads
   * are one state: each row's (seq, version) must be unchanged in the second, else both run again
   * (after a few tries, in one REPEATABLE READ transaction).
   */
  private async keysOnly(collection: string, where: string, params: unknown[], q: StoreQuery): Promise<StorePage> {
    const attrs = keyAttributes(q.filters, q.sort);
    const all = [...params];
    const columns = attrs.map((attr, i) => {
      all.push(attr);
      const p = `$${all.length}::text`;
      // The stored href is not part of a resource kept with its text (resourceOf): absent then, as there.
      return `CASE WHEN body ? ${p}${attr === 'href' ? ' AND doc IS NULL' : ''} THEN jsonb_build_array(body -> ${p}) END AS k${i}`;
    });
    const keysSql = `SELECT id, seq::text AS rowseq, version${columns.map((c) => `, ${c}`).join('')} FROM tmf_ctk_resources WHERE ${where} ORDER BY seq`;
    type KeyRow = { id: string; rowseq: string; version: number } & Record<string, unknown>;
    type BodyRow = ReadRow & { rowseq: string; version: number };
    const attempt = async (run: Runner): Promise<StorePage | undefined> => {
      const keys = (await run<KeyRow>(keysSql, all)).rows;
      const partial = keys.map((row) => {
        const r: Resource = { id: row.id };
        attrs.forEach((attr, i) => {
          const v = row[`k${i}`] as unknown[] | null;
          if (v !== null) Object.defineProperty(r, attr, { value: v[0], enumerable: true, writable: true, configurable: true });
        });
        return r;
      });
      const rowOf = new Map<Resource, KeyRow>(partial.map((r, i) => [r, keys[i]!]));
      const page = queryInMemory(partial, q);
      if (page.items.length === 0) return page;
      const wanted = page.items.map((r) => rowOf.get(r)!);
      const bodies = (await run<BodyRow>(`SELECT ${READ}, seq::text AS rowseq, version FROM tmf_ctk_resources WHERE collection = $1 AND id = ANY($2::text[])`,
        [collection, wanted.map((k) => k.id)], 'tmf_ctk_page')).rows;
      const byId = new Map(bodies.map((b) => [b.id, b]));
      const items: Resource[] = [];
      for (const k of wanted) {
        const b = byId.get(k.id);
        if (!b || b.rowseq !== k.rowseq || b.version !== k.version) return undefined;
        items.push(resourceOf(b));
      }
      return { items, total: page.total };
    };
    for (let i = 0; i < 3; i++) {
      const page = await attempt((text, values, name) => this.sql(text, values, name));
      if (page) return page;
    }
    return this.snapshot(async (run) => (await attempt(run))!);
  }

  /** Statements that see one state of the database (a read-only REPEATABLE READ transaction). */
  private async snapshot<T>(fn: (run: Runner) => Promise<T>): Promise<T> {
    if (!this.opening) await this.open();
    else await this.opening;
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY');
      const out = await fn((text, values, name) => this.run(client, text, values, name));
      await client.query('COMMIT');
      return out;
    } catch (e) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw e;
    } finally {
      client.release();
    }
  }

  async insert(collection: string, resource: Resource, events: readonly StoredEvent[] = []): Promise<void> {
    await this.sql(`WITH r AS (INSERT INTO tmf_ctk_resources (collection, id, body, doc) VALUES ($1, $2, $3, $5) RETURNING 1),
      o AS (${outboxInsert('$4')} RETURNING 1)
      SELECT (SELECT count(*) FROM (SELECT pg_notify('${CHANNEL}', '') FROM o LIMIT 1) x) AS notified`,
    [collection, resource.id, JSON.stringify(resource), eventsParam(events), restText(resource)]);
  }

  async put(collection: string, resource: Resource): Promise<void> {
    await this.sql(`INSERT INTO tmf_ctk_resources (collection, id, body, doc) VALUES ($1, $2, $3, $4)
      ON CONFLICT (collection, id) DO UPDATE SET body = excluded.body, doc = excluded.doc, version = tmf_ctk_resources.version + 1`,
    [collection, resource.id, JSON.stringify(resource), restText(resource)]);
  }

  /** Writes `body` (or deletes, when null) if the version is still `version`, with the events; false when it moved. */
  private async writeIf(collection: string, id: string, version: number, body: Resource | null, events: readonly StoredEvent[]): Promise<boolean> {
    const change = body === null
      ? 'DELETE FROM tmf_ctk_resources WHERE collection = $1 AND id = $2 AND version = $3 RETURNING 1'
      : 'UPDATE tmf_ctk_resources SET body = $5, doc = $6, version = version + 1 WHERE collection = $1 AND id = $2 AND version = $3 RETURNING 1';
    const r = await this.sql<{ n: string }>(`WITH w AS (${change}),
      o AS (${outboxInsert('$4', 'EXISTS (SELECT 1 FROM w)')} RETURNING 1)
      SELECT (SELECT count(*) FROM w) AS n, (SELECT count(*) FROM (SELECT pg_notify('${CHANNEL}', '') FROM o LIMIT 1) x) AS notified`,
    body === null ? [collection, id, version, eventsParam(events)] : [collection, id, version, eventsParam(events), JSON.stringify(body), restText(body)]);
    return Number(r.rows[0]!.n) > 0;
  }

  async update(collection: string, id: string, change: (current: Resource) => Promise<Change> | Change): Promise<{ before: Resource; after: Resource } | undefined> {
    for (let attempt = 0; attempt < MAX_TRIES; attempt++) {
      const current = await this.versioned(collection, id);
      if (!current) return undefined;
      const { resource, events } = await change(current.body);
      const after = { ...resource, id };
      if (await this.writeIf(collection, id, current.version, after, events)) return { before: current.body, after };
      // Another instance (or request) wrote in between: start again from its version, after a short random pause.
      await new Promise((r) => setTimeout(r, Math.random() * 5 * (attempt + 1)));
    }
    throw new MockHttpError('CONFLICT', `${id.slice(0, 100)} is being changed by other requests; try again`);
  }

  async delete(collection: string, id: string, events?: (removed: Resource) => StoredEvent[]): Promise<Resource | undefined> {
    for (let attempt = 0; attempt < MAX_TRIES; attempt++) {
      const current = await this.versioned(collection, id);
      if (!current) return undefined;
      if (await this.writeIf(collection, id, current.version, null, events?.(current.body) ?? [])) return current.body;
    }
    throw new MockHttpError('CONFLICT', `${id.slice(0, 100)} is being changed by other requests; try again`);
  }

  async clear(prefix: string): Promise<void> {
    await this.sql('DELETE FROM tmf_ctk_resources WHERE starts_with(collection, $1)', [prefix]);
  }

  async getMeta(key: string): Promise<string | undefined> {
    return (await this.sql<{ value: string }>('SELECT value FROM tmf_ctk_meta WHERE key = $1', [key])).rows[0]?.value;
  }

  async claimMeta(key: string, value: string): Promise<boolean> {
    const r = await this.sql('INSERT INTO tmf_ctk_meta (key, value) VALUES ($1, $2) ON CONFLICT (key) DO NOTHING RETURNING 1', [key, value]);
    return (r.rowCount ?? 0) > 0;
  }

  async deleteMeta(prefix: string): Promise<void> {
    await this.sql('DELETE FROM tmf_ctk_meta WHERE starts_with(key, $1)', [prefix]);
  }

  private async claim(max: number, leaseMs: number, apiIds: readonly string[]): Promise<OutboxEntry[]> {
    const r = await this.sql<{ seq: string; api_id: string; hub: string; media_type: string; body: string }>(
      `UPDATE tmf_ctk_outbox SET lease_until = clock_timestamp() + $2 * interval '1 millisecond', attempts = attempts + 1
       WHERE seq IN (SELECT seq FROM tmf_ctk_outbox WHERE lease_until < clock_timestamp() AND api_id = ANY($3::text[])
                     ORDER BY seq LIMIT $1 FOR UPDATE SKIP LOCKED)
       RETURNING seq::text AS seq, api_id, hub, media_type, body`, [max, leaseMs, apiIds]);
    return r.rows
      .sort((a, b) => Number(BigInt(a.seq) - BigInt(b.seq)))
      .map((row) => ({ seq: row.seq, event: { apiId: row.api_id, hub: row.hub, mediaType: row.media_type, body: JSON.parse(row.body) as StoredEvent['body'] } }));
  }

  private async listen(wake: () => void): Promise<void> {
    if (this.closed || this.listener) return;
    const client = new pg.Client({ connectionString: this.url, application_name: 'tmf-ctk mock (events)' });
    // A lost listener only slows delivery down to the polling interval.
    client.on('error', () => undefined);
    client.on('notification', () => wake());
    await client.connect();
    await client.query(`LISTEN ${CHANNEL}`);
    this.listener = client;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.listener?.end().catch(() => undefined);
    await this.pool.end();
  }
}
