import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';

/** A temporary directory removed after the test. */
export async function tempDir(t: { after(fn: () => Promise<void>): void }): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'tmf-ctk-reporters-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

/** A stream that keeps what is written, for the console reporter. */
export function captureStream(): { stream: Writable; text: () => string } {
  let text = '';
  const stream = new Writable({ write(chunk: Buffer | string, _enc, done) { text += chunk.toString(); done(); } });
  return { stream, text: () => text };
}
