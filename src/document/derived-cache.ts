/**
 * A cache of what is derived from a document and costs time to derive again: the parsed form of a YAML
 * document, and the summary `tmf-ctk apis` prints. Entries are named by the document's sha256 (and,
 * for summaries, by a fingerprint of the code that derives them), so a changed document or a changed
 * loader never meets a stale entry. It is only ever a shortcut: unreadable or unwritable, it is skipped.
 * Lives in $XDG_CACHE_HOME/tmf-ctk (default ~/.cache/tmf-ctk); TMF_CTK_NO_CACHE=1 turns it off.
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';

export const NO_CACHE_ENV = 'TMF_CTK_NO_CACHE';

/** The folder, or undefined when caching is off. */
export function derivedCacheDir(env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (/^(1|true|yes)$/i.test(env[NO_CACHE_ENV] ?? '')) return undefined;
  const base = env.XDG_CACHE_HOME ? resolve(env.XDG_CACHE_HOME) : join(homedir(), '.cache');
  return join(base, 'tmf-ctk');
}

export function readDerived(dir: string | undefined, name: string): string | undefined {
  if (!dir) return undefined;
  try {
    return readFileSync(join(dir, name), 'utf8');
  } catch {
    return undefined;
  }
}

/** Written whole or not at all (a temporary file renamed), so a reader never sees half an entry. */
export function writeDerived(dir: string | undefined, name: string, text: string): void {
  if (!dir) return;
  const target = join(dir, name);
  const part = `${target}.${process.pid}.part`;
  try {
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(part, text);
    renameSync(part, target);
  } catch {
    // A cache that cannot be written only costs the time it would have saved.
  }
}
