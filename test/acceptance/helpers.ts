import { spawnSync, type SpawnSyncReturns } from 'node:child_process';

/** The environment of a newcomer: none of the kit's own variables, colours off, CI quiet. */
export function cleanEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!k.startsWith('TMF_CTK_')) env[k] = v;
  return { ...env, NO_COLOR: '1', CI: 'true', ...extra };
}

let netless: boolean | undefined;

/** Whether commands can be run with no network at all (a fresh network namespace holding only loopback). */
export function canRunOffline(): boolean {
  netless ??= spawnSync('unshare', ['-rn', 'sh', '-c', 'ip link set lo up'], { encoding: 'utf8' }).status === 0;
  return netless;
}

/**
 * Runs a command with no network when the machine allows it (`unshare -rn`, loopback only), otherwise
 * as is. Returns the process result and whether it was really offline.
 */
export function runOffline(argv: string[], opts: { cwd: string; env: NodeJS.ProcessEnv; timeoutMs: number }): SpawnSyncReturns<string> & { offline: boolean } {
  const offline = canRunOffline();
  const quoted = argv.map((a) => `'${a.replace(/'/g, `'\\''`)}'`).join(' ');
  const [cmd, args] = offline ? ['unshare', ['-rn', 'sh', '-c', `ip link set lo up && exec ${quoted}`]] : [argv[0]!, argv.slice(1)];
  const r = spawnSync(cmd as string, args as string[], { cwd: opts.cwd, env: opts.env, encoding: 'utf8', timeout: opts.timeoutMs });
  return Object.assign(r, { offline });
}
