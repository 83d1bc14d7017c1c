import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';

/** `tmf-ctk mock` as a child process: what a user runs. Tests stop only the processes they start. */
export const ROOT = fileURLToPath(new URL('../..', import.meta.url));

export interface MockProcess {
  child: ChildProcess;
  url: string;
  stdout(): string;
  stderr(): string;
  /** Resolves with the exit code (or the signal name). */
  exit: Promise<number | string>;
}

export function spawnCli(args: string[]): { child: ChildProcess; stdout: () => string; stderr: () => string; exit: Promise<number | string> } {
  const child = spawn(process.execPath, ['bin/tmf-ctk.js', ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout!.on('data', (c: Buffer) => (out += c.toString()));
  child.stderr!.on('data', (c: Buffer) => (err += c.toString()));
  const exit = once(child, 'exit').then(([code, signal]) => (code ?? signal) as number | string);
  return { child, stdout: () => out, stderr: () => err, exit };
}

/** Starts `tmf-ctk mock ARGS` and waits for its "listening on" line. */
export async function startCli(args: string[], timeoutMs = 20_000): Promise<MockProcess> {
  const p = spawnCli(['mock', ...args]);
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no "listening on" within ${timeoutMs} ms: ${p.stderr()}`)), timeoutMs);
    const check = () => {
      const m = /listening on (http:\/\/\S+)/.exec(p.stdout());
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    };
    p.child.stdout!.on('data', check);
    void p.exit.then((code) => {
      clearTimeout(timer);
      reject(new Error(`exited ${code} before listening: ${p.stderr()}`));
    });
  });
  return { ...p, url };
}

/** Stops a child this test started, by its own pid, and waits for it. */
export async function stop(p: { child: ChildProcess; exit: Promise<number | string> }, signal: NodeJS.Signals = 'SIGTERM'): Promise<number | string> {
  if (p.child.exitCode === null && p.child.signalCode === null) p.child.kill(signal);
  return p.exit;
}
