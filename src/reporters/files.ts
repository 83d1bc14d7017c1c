import { mkdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { CtkError } from '../errors.js';

const PLAIN: Record<string, string> = {
  EACCES: 'permission denied', EPERM: 'permission denied', EROFS: 'the file system is read-only',
  ENOTDIR: 'a part of the path is a file, not a folder', EEXIST: 'it is a file, not a folder', ENOSPC: 'the disk is full',
};

/**
 * Checks, before any request is sent, that reports can be written to `outDir` (created if needed): a run must
 * not test a server for minutes and then fail to write its evidence. One error, in plain words.
 */
export async function assertWritableDir(outDir: string, option = '--out'): Promise<void> {
  const dir = resolve(outDir);
  const fail = (why: string, cause?: unknown) => new CtkError('OUTPUT_UNWRITABLE', `${option} ${dir}: reports cannot be written there (${why})`,
    { hint: `choose a folder you can write to, e.g. ${option} ./reports`, cause });
  const isFile = await stat(dir).then((s) => !s.isDirectory(), () => false);
  if (isFile) throw fail('it is a file, not a folder');
  const probe = join(dir, `.tmf-ctk-write-test-${process.pid}`);
  try {
    await mkdir(dir, { recursive: true });
    await writeFile(probe, '');
    await rm(probe, { force: true });
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? '';
    throw fail(PLAIN[code] ?? (e as Error).message, e);
  }
}

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
