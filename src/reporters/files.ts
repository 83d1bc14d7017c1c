import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';

/**
 * Writes one report file. It goes to a temporary name first and is renamed into place, so a
 * reader (a CI upload step, a browser) never sees half a report after a crash or a full disk.
 */
export async function writeReportFile(outDir: string, name: string, content: string): Promise<string> {
  const dir = resolve(outDir);
  await mkdir(dir, { recursive: true });
  const path = join(dir, name);
  const tmp = `${path}.${process.pid}.${Date.now()}.tmp`;
  try {
    await writeFile(tmp, content, 'utf8');
    await rename(tmp, path);
  } catch (e) {
    await rm(tmp, { force: true });
    throw e;
  }
  return path;
}
