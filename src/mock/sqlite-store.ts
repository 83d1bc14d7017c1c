import type Database from 'better-sqlite3';
import { requireDependency } from '../dependency.js';
import { CtkError } from '../errors.js';
import { MemoryStore, type Resource, type Store } from './store.js';

/**
 * `--data FILE`: every write goes to SQLite before the request is answered, so an acknowledged write
 * survives a restart and a kill -9. Reads are served from an in-memory mirror loaded at open: the
 * process owns the file (exclusive lock), so the mirror cannot go stale.
 */
export class SqliteStore implements Store {
  private readonly db: Database.Database;
  private readonly mirror = new MemoryStore();
  private readonly upsert: Database.Statement;
  private readonly remove: Database.Statement;
  private readonly putMeta: Database.Statement;
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
      throw new CtkError('INPUT_READ', `cannot open the data file ${file}: ${(cause as Error).message}`, {
        cause, hint: busy ? 'another mock server is using this file; stop it or choose another --data FILE' : 'is it an SQLite database written by tmf-ctk mock?',
      });
    }
    // An upsert keeps the rowid, so a replaced resource keeps its place in the collection order.
    this.upsert = this.db.prepare('INSERT INTO resources (collection, id, body) VALUES (?, ?, ?) ON CONFLICT (collection, id) DO UPDATE SET body = excluded.body');
    this.remove = this.db.prepare('DELETE FROM resources WHERE collection = ? AND id = ?');
    this.putMeta = this.db.prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value');
  }

  private load(): void {
    const rows = this.db.prepare('SELECT collection, id, body FROM resources ORDER BY rowid').all() as Array<{ collection: string; id: string; body: string }>;
    for (const row of rows) {
      try {
        this.mirror.put(row.collection, { ...(JSON.parse(row.body) as Record<string, unknown>), id: row.id });
      } catch {
        // A row that does not parse was not written by this store; skip it rather than refuse to start.
      }
    }
    for (const m of this.db.prepare('SELECT key, value FROM meta').all() as Array<{ key: string; value: string }>) {
      this.mirror.setMeta(m.key, m.value);
    }
  }

  list(collection: string): readonly Resource[] {
    return this.mirror.list(collection);
  }

  get(collection: string, id: string): Resource | undefined {
    return this.mirror.get(collection, id);
  }

  put(collection: string, resource: Resource): void {
    // Disk first: if the write fails, the mirror still tells the truth.
    this.upsert.run(collection, resource.id, JSON.stringify(resource));
    this.mirror.put(collection, resource);
  }

  delete(collection: string, id: string): boolean {
    const changed = this.remove.run(collection, id).changes > 0;
    this.mirror.delete(collection, id);
    return changed;
  }

  count(collection: string): number {
    return this.mirror.count(collection);
  }

  getMeta(key: string): string | undefined {
    return this.mirror.getMeta(key);
  }

  setMeta(key: string, value: string): void {
    this.putMeta.run(key, value);
    this.mirror.setMeta(key, value);
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    // Fold the WAL back into the database so the file alone is a complete copy.
    this.db.pragma('wal_checkpoint(TRUNCATE)');
    this.db.close();
  }
}
