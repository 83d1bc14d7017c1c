/**
 * Start-up of the CLI in fresh processes, side by side in one run: as shipped (the compiled copy of the
 * sources from bin/compiled.js, document summaries and parsed YAML from the derived cache) against the
 * previous way (TMF_CTK_NO_CACHE=1: the sources through tsx, every document parsed and loaded). Pairs
 * alternate so that a drift of the machine's speed hits both sides; medians and their ratio are printed.
 * Goal: cold `tmf-ctk apis` under 300 ms.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createMockServer } from '../src/composition.js';

const ROUNDS = 5;
const BIN = fileURLToPath(new URL('../bin/tmf-ctk.js', import.meta.url));
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** The child's own CPU time (user + system), written to fd 3 as it exits: wall time alone moves with the machine's load. */
const CPU_PROBE = `data:text/javascript,${encodeURIComponent(
  "import { writeSync } from 'node:fs'; process.on('exit', () => { const u = process.cpuUsage(); writeSync(3, String((u.user + u.system) / 1000)); });",
)}`;

interface Timing { wallMs: number; cpuMs: number }

/** Not spawnSync: the mock a run talks to lives in this process and must keep answering. */
function timedRun(args: string[], env: NodeJS.ProcessEnv): Promise<Timing> {
  const t0 = performance.now();
  const child = spawn(process.execPath, ['--import', CPU_PROBE, BIN, ...args], { env, stdio: ['ignore', 'ignore', 'pipe', 'pipe'] });
  let err = '';
  let cpu = '';
  child.stderr!.on('data', (c: Buffer) => { err += c.toString(); });
  child.stdio[3]!.on('data', (c: Buffer) => { cpu += c.toString(); });
  return new Promise((done, fail) => child.on('close', (code) => {
    const wallMs = performance.now() - t0;
    if (code === 0) done({ wallMs, cpuMs: Number(cpu) });
    else fail(new Error(`tmf-ctk ${args.join(' ')} exited ${code}: ${err}`));
  }));
}

async function compare(label: string, args: string[], goalMs?: number): Promise<void> {
  const base = { ...process.env, NO_COLOR: '1', CI: 'true' };
  const now: Timing[] = [];
  const before: Timing[] = [];
  await timedRun(args, base); // fills the caches once, as the first call after an install or a pull does
  for (let i = 0; i < ROUNDS; i++) {
    now.push(await timedRun(args, base));
    before.push(await timedRun(args, { ...base, TMF_CTK_NO_CACHE: '1' }));
  }
  const [a, b, ac, bc] = [median(now.map((t) => t.wallMs)), median(before.map((t) => t.wallMs)), median(now.map((t) => t.cpuMs)), median(before.map((t) => t.cpuMs))];
  const goal = goalMs === undefined ? '' : `   goal < ${goalMs} ms: ${a < goalMs ? 'OK' : 'SLOW'}`;
  const ms = (x: number) => `${x.toFixed(0).padStart(5)} ms`;
  console.log(`  ${label.padEnd(34)} wall ${ms(a)}  previous ${ms(b)}  ratio ${(a / b).toFixed(2)}${goal}`);
  console.log(`  ${''.padEnd(34)} cpu  ${ms(ac)}  previous ${ms(bc)}  ratio ${(ac / bc).toFixed(2)}`);
}

export async function run(): Promise<void> {
  console.log(`  medians of ${ROUNDS} fresh processes each; previous = TMF_CTK_NO_CACHE=1 (tsx, no derived cache); load average ${loadavg()[0]!.toFixed(1)} on ${cpus().length} cores`);
  await compare('tmf-ctk apis', ['apis'], 300);
  await compare('tmf-ctk run --help', ['run', '--help']);
  const mock = createMockServer({ log: () => undefined, clockMs: 20 });
  const url = await mock.listen();
  const out = mkdtempSync(join(tmpdir(), 'tmf-ctk-bench-startup-'));
  try {
    await compare('tmf-ctk run --api TMF671 (one API)', ['run', '--target', url, '--api', 'TMF671', '--reporter', 'json', '--out', out]);
  } finally {
    await mock.close();
    rmSync(out, { recursive: true, force: true });
  }
}
