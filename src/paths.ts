import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The checkout's (or installed package's) root, whichever way the code is run: tsx from src/, or the
 * compiled copy in dist/<fingerprint>/src/ (bin/compiled.js). The root is the first folder up that
 * holds specs/registry.json.
 */
function findRoot(from: string): string {
  for (let dir = from; dirname(dir) !== dir; dir = dirname(dir)) {
    if (existsSync(join(dir, 'specs', 'registry.json'))) return dir;
  }
  return resolve(from, '..');
}

export const projectRoot = findRoot(dirname(fileURLToPath(import.meta.url)));
