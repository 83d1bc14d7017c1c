import { PgStore } from './pg-store.js';
import { SqliteStore } from './sqlite-store.js';
import { MemoryStore, type Store } from './store.js';

/** `--data`: nothing (memory), a `postgres://` URL (shared by instances), or an SQLite file path. */
export function isDatabaseUrl(data: string): boolean {
  return /^postgres(ql)?:\/\//i.test(data);
}

export function openStore(data: string | undefined): Store {
  if (!data) return new MemoryStore();
  return isDatabaseUrl(data) ? new PgStore(data) : new SqliteStore(data);
}
