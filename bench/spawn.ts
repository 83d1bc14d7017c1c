/** Server processes for the benchmarks: each subject in its own process, so the load generator does not share its event loop. */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';

export const root = fileURLToPath(new URL('..', import.meta.url));

export interface Subject { name: string; url: string; prefix?: string; stop(): Promise<void> }

/** Spawns a server process and resolves with the URL of its "listening on" line. */
export async function spawnListening(name: string, args: string[], env: NodeJS.ProcessEnv = process.env): Promise<Subject> {
  const child: ChildProcess = spawn(process.execPath, args, { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let err = '';
  child.stderr!.on('data', (c: Buffer) => (err = `${err}${c.toString()}`.slice(-2000)));
  const url = await new Promise<string>((done, fail) => {
    let out = '';
    child.stdout!.on('data', (c: Buffer) => {
      out += c.toString();
      const m = /listening on (http:\/\/\S+)/.exec(out);
      if (m) done(m[1]!);
    });
    child.once('exit', (code) => fail(new Error(`${name} exited with ${code} before listening: ${err.slice(0, 500)}`)));
  });
  return {
    name, url,
    async stop() {
      if (child.exitCode !== null) return;
      child.kill('SIGTERM');
      await once(child, 'exit');
    },
  };
}
