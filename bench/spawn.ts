/** Server processes for the benchmarks: each subject in its own process, so the load generator does not share its event loop. */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const root = fileURLToPath(new URL('..', import.meta.url));

export interface Subject { name: string; url: string; prefix?: string; pid?: number; stop(): Promise<void> }

/** CPU seconds (user + system) a process has used, from /proc (Linux; undefined elsewhere). */
export function cpuSeconds(pid: number | undefined): number | undefined {
  if (pid === undefined) return undefined;
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').replace(/^.*\) /s, '').split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100; // utime, stime in clock ticks (USER_HZ = 100)
  } catch {
    return undefined;
  }
}

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
    name, url, ...(child.pid !== undefined ? { pid: child.pid } : {}),
    async stop() {
      if (child.exitCode !== null) return;
      child.kill('SIGTERM');
      await once(child, 'exit');
    },
  };
}
