import { main } from '../../src/cli/main.js';
import type { CliIO } from '../../src/cli/io.js';

export interface CliRun {
  code: number;
  out: string;
  err: string;
}

/** The caller's environment without the switches that change console output (CI quiets it), so a test reads the same output on a laptop and in CI. */
function defaultEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1' };
  delete env.CI;
  delete env.FORCE_COLOR;
  return env;
}

/** Runs the CLI in-process with captured output (no child process: fast and deterministic). */
export async function runCli(argv: string[], opts: { stdin?: string; env?: NodeJS.ProcessEnv; cwd?: string } = {}): Promise<CliRun> {
  let out = '';
  let err = '';
  const io: CliIO = {
    out: (t) => { out += t.endsWith('\n') ? t : `${t}\n`; },
    err: (t) => { err += t.endsWith('\n') ? t : `${t}\n`; },
    stdin: async () => opts.stdin ?? '',
    env: opts.env ?? defaultEnv(),
    cwd: opts.cwd ?? process.cwd(),
  };
  const code = await main(argv, io);
  return { code, out, err };
}
