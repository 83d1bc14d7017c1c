/** Where commands write: injectable so tests can capture output without spawning a process. */
export interface CliIO {
  out: (text: string) => void;
  err: (text: string) => void;
  stdin: () => Promise<string>;
  env: NodeJS.ProcessEnv;
  cwd: string;
}

export function processIO(): CliIO {
  return {
    out: (t) => process.stdout.write(t.endsWith('\n') ? t : `${t}\n`),
    err: (t) => process.stderr.write(t.endsWith('\n') ? t : `${t}\n`),
    stdin: async () => {
      const chunks: Buffer[] = [];
      for await (const c of process.stdin) chunks.push(c as Buffer);
      return Buffer.concat(chunks).toString('utf8');
    },
    env: process.env,
    cwd: process.cwd(),
  };
}

/** A CI job: `CI` set to anything but empty, `false` or `0` (GitHub, GitLab and most runners set `CI=true`, some `CI=1`). */
export function inCI(env: NodeJS.ProcessEnv): boolean {
  const v = env.CI;
  return v !== undefined && v !== '' && v !== 'false' && v !== '0';
}

/** Colour only on a TTY and never with NO_COLOR (https://no-color.org). */
export function useColor(env: NodeJS.ProcessEnv, stream: NodeJS.WritableStream = process.stdout): boolean {
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  if (env.FORCE_COLOR) return true;
  return Boolean((stream as NodeJS.WriteStream).isTTY) && !inCI(env);
}
