import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/**
 * Loads and compiles every definition of the five certified APIs in a fresh process each time
 * (nothing cached), and prints the median wall time against the 1 s goal.
 */
const WORKER = `
import { defaultEntries } from './src/document/registry.ts';
import { loadApi } from './src/document/load.ts';
import { schemasFor } from './src/schema/schema-set.ts';
const t0 = performance.now();
let defs = 0;
for (const e of defaultEntries()) defs += schemasFor(loadApi(e)).compileAll();
const t1 = performance.now();
console.log(JSON.stringify({ ms: t1 - t0, defs }));
`;

export async function run(): Promise<void> {
  const root = fileURLToPath(new URL('..', import.meta.url));
  const times: number[] = [];
  let defs = 0;
  for (let i = 0; i < 5; i++) {
    const r = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', WORKER], { cwd: root, encoding: 'utf8' });
    if (r.status !== 0) throw new Error(r.stderr);
    const out = JSON.parse(r.stdout.trim().split('\n').pop()!) as { ms: number; defs: number };
    times.push(out.ms);
    defs = out.defs;
  }
  times.sort((a, b) => a - b);
  const median = times[2]!;
  console.log(`  five certified APIs: load + compile ${defs} definitions, median of 5 cold runs: ${median.toFixed(0)} ms`);
  console.log(`  ratio to the 1 s goal: ${(median / 1000).toFixed(2)} (goal < 1.00) ${median < 1000 ? 'OK' : 'SLOW'}`);
}
