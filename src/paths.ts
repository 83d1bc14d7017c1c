import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The checkout's root, whichever way the code is run (tsx from src/, or an installed copy). */
export const projectRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
