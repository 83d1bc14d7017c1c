import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type Database from 'better-sqlite3';
import { requireDependency } from '../dependency.js';
import { CtkError } from '../errors.js';
import { KeyedLock, MemoryStore, queryInMemory, StoreConflict, type Change, type Resource, type Store, type StoredEvent, type StorePage, type StoreQuery } from './store.js';

/**
 * `--data FILE`: every write goes to SQLite before the request is answered, so an acknowledged write
 * survives a restart and a kill -9. Reads are served from an in-memory mirror loaded at open: the
 * process owns the file (exclusive lock), so the mirror cannot go stale. Events are delivered by this
 * process (no outbox): one process per file.
 */
export class SqliteStore implements Store {
  private readonly db: Database.Database;
  private readonly mirror = new MemoryStore();
  private readonly locks = new KeyedLock();
  private readonly upsert: Database.Statement;
  private readonly remove: Database.Statement;
  private readonly removeLike: Database.Statement;
  private readonly putMeta: Database.Statement;
  private readonly removeMeta: Database.Statement;
  private closed = false;

  constructor(file: string) {
    const SqliteDatabase = requireDependency<typeof Database>('better-sqlite3', 'mock --data');
    try {
      // The lock is held for the life of the other process: waiting (better-sqlite3's default is 5 s) only delays the error.
      this.db = new SqliteDatabase(file, { timeout: 250 });
      // One process per file: a second mock on the same file would serve a stale mirror. Set before
      // WAL so SQLite keeps the WAL index in process memory and holds the lock from the first write.
      this.db.pragma('locking_mode = EXCLUSIVE');
      // WAL: a commit is one append. synchronous=NORMAL: a committed transaction is in the OS before
      // the call returns, which is what survives the process being killed (only a power cut could lose it).
      this.db.pragma('journal_mode = WAL');
      this.db.pragma('synchronous = NORMAL');
      this.db.exec(`
        CREATE TABLE IF NOT EXISTS resources (collection TEXT NOT NULL, id TEXT NOT NULL, body TEXT NOT NULL, PRIMARY KEY (collection, id));
        CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);`);
      this.load();
    } catch (cause) {
      const busy = /locked|busy/i.test((cause as Error).message);
      const noFolder = !existsSync(dirname(resolve(file)));
      throw new CtkError('INPUT_READ', `cannot open the data file ${file}: ${(cause as Error).message}`, {
        cause, hint: busy ? 'another mock server is using this file; stop it or choose another --data FILE'
          : noFolder ? `the folder ${dirname(resolve(file))} does not exist: create it first (the file itself is created when missing)`
            : 'is it an SQLite database written by tmf-ctk mock?',
      });
    }
    // An upsert keeps the rowid, so a replaced resource keeps its place in the collection order.
    this.upsert = this.db.prepare('INSERT INTO resources (collection, id, body) VALUES (?, ?, ?) ON CONFLICT (collection, id) DO UPDATE SET body = excluded.body');
    this.remove = this.db.prepare('DELETE FROM resources WHERE collection = ? AND id = ?');
    this.removeLike = this.db.prepare("DELETE FROM resources WHERE substr(collection, 1, length(?)) = ?");
    this.putMeta = this.db.prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value');
    this.removeMeta = this.db.prepare('DELETE FROM meta WHERE substr(key, 1, length(?)) = ?');
  }

  private load(): void {
    const rows = this.db.prepare('SELECT collection, id, body FROM resources ORDER BY rowid').all() as Array<{ collection: string; id: string; body: string }>;
    for (const row of rows) {
      try {
        this.mirror.putNow(row.collection, { ...(JSON.parse(row.body) as Record<string, unknown>), id: row.id });
      } catch {
        // A row that does not parse was not written by this store; skip it rather than refuse to start.
      }
    }
    for (const m of this.db.prepare('SELECT key, value FROM meta').all() as Array<{ key: string; value: string }>) {
      this.mirror.setMetaNow(m.key, m.value);
    }
  }

  private write(collection: string, resource: Resource): void {
    // Disk first: if the write fails, the mirror still tells the truth.
    this.upsert.run(collection, resource.id, JSON.stringify(resource));
    this.mirror.putNow(collection, resource);
  }

  async get(collection: string, id: string): Promise<Resource | undefined> {
    return this.mirror.getNow(collection, id);
  }

  async list(collection: string): Promise<readonly Resource[]> {
    return this.mirror.listNow(collection);
  }

  async query(collection: string, q: StoreQuery): Promise<StorePage> {
    return queryInMemory(this.mirror.listNow(collection), q);
  }

  count(collection: string): Promise<number> {
    return this.mirror.count(collection);
  }

  async insert(collection: string, resource: Resource): Promise<void> {
    if (this.mirror.getNow(collection, resource.id)) throw new StoreConflict(collection, resource.id);
    this.write(collection, resource);
  }

  async put(collection: string, resource: Resource): Promise<void> {
    this.write(collection, resource);
  }

  update(collection: string, id: string, change: (current: Resource) => Promise<Change> | Change): Promise<{ before: Resource; after: Resource } | undefined> {
    return this.locks.run(`${collection}\u0000${id}`, async () => {
      const before = this.mirror.getNow(collection, id);
      if (!before) return undefined;
      const after = { ...(await change(before)).resource, id };
      if (!this.mirror.getNow(collection, id)) return undefined;
      this.write(collection, after);
      return { before, after };
    });
  }

  async delete(collection: string, id: string, events?: (removed: Resource) => StoredEvent[]): Promise<Resource | undefined> {
    if (!this.mirror.getNow(collection, id)) return undefined;
    this.remove.run(collection, id);
    const removed = this.mirror.deleteNow(collection, id);
    if (removed) events?.(removed);
    return removed;
  }

  async clear(prefix: string): Promise<void> {
    this.removeLike.run(prefix, prefix);
    this.mirror.clearNow(prefix);
  }

  getMeta(key: string): Promise<string | undefined> {
    return this.mirror.getMeta(key);
  }

  async claimMeta(key: string, value: string): Promise<boolean> {
    if (await this.mirror.getMeta(key)) return false;
    this.putMeta.run(key, value);
    this.mirror.setMetaNow(key, value);
    return true;
  }

  async deleteMeta(prefix: string): Promise<void> {
    this.removeMeta.run(prefix, prefix);
    this.mirror.deleteMetaNow(prefix);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    // Fold the WAL back into the database so the file alone is a complete copy.
    this.db.pragma('wal_checkpoint(TRUNCATE)');
    this.db.close();
  }
}
