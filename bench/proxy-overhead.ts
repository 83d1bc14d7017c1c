import autocannon from 'autocannon';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cpuSeconds, spawnListening, type Subject } from './spawn.js';

/**
 * What the validating proxy costs, side by side in one run: the mock directly; behind a bare forwarder (Node's
 * http, nothing read: the ceiling of any Node proxy on this machine); behind `tmf-ctk proxy` judging every
 * exchange anew (`--memo 0`); behind `tmf-ctk proxy` as shipped (repeated exchanges judged once). Each in its
 * own process. Throughput and p50 latency for GET by id and the list.
 * Goal: through the proxy at least 0.5× direct throughput. BENCH_SECONDS and BENCH_ROUNDS tune a run.
 */
const BASE = '/tmf-api/shoppingCart/v4/shoppingCart';
const SECONDS = Number(process.env.BENCH_SECONDS ?? 2);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const CONNECTIONS = 10;

/** Throughput, p50, and CPU µs per request of the forwarding process (the proxy or the bare forwarder) and of the mock. */
interface Figure { rps: number; p50: number; cpuUs?: number; mockCpuUs?: number; loadCpuUs: number }

async function measure(url: string, seconds: number, pids: { own?: number; mock?: number } = {}): Promise<Figure> {
  const before = { own: cpuSeconds(pids.own), mock: cpuSeconds(pids.mock) };
  const load0 = process.cpuUsage();
  const r = await autocannon({ url, connections: CONNECTIONS, duration: seconds });
  const load = process.cpuUsage(load0);
  const perRequest = (pid: number | undefined, t0: number | undefined) => {
    const t1 = cpuSeconds(pid);
    return t0 === undefined || t1 === undefined || r.requests.total === 0 ? undefined : ((t1 - t0) * 1e6) / r.requests.total;
  };
  return { rps: r.requests.average, p50: r.latency.p50, cpuUs: perRequest(pids.own, before.own), mockCpuUs: perRequest(pids.mock, before.mock),
    loadCpuUs: r.requests.total ? (load.user + load.system) / r.requests.total : 0 };
}

const us = (v: number | undefined) => (v === undefined ? '—' : `${Math.round(v)} µs`);

export async function run(): Promise<void> {
  const subjects: Subject[] = [];
  try {
    const mock = await spawnListening('mock', ['bin/tmf-ctk.js', 'mock', '--port', '0', '--api', 'TMF663']);
    subjects.push(mock);
    const out = mkdtempSync(join(tmpdir(), 'tmf-ctk-bench-proxy-'));
    const proxyArgs = (memo: string) => ['bin/tmf-ctk.js', 'proxy', '--upstream', mock.url, '--port', '0', '--api', 'TMF663', '--out', out, '--reporter', 'json', '--max-exchanges', '100', '--memo', memo];
    const bare = await spawnListening('bare', ['--import', 'tsx', 'bench/bare-forwarder.ts', mock.url]);
    const anew = await spawnListening('anew', proxyArgs('0'), { ...process.env, CI: 'true' });
    const proxy = await spawnListening('proxy', proxyArgs('512'), { ...process.env, CI: 'true' });
    subjects.push(bare, anew, proxy);
    const behind = [bare, anew, proxy];
    const id = ((await (await fetch(`${mock.url}${BASE}?limit=1`)).json()) as Array<{ id: string }>)[0]!.id;
    const best = new Map<string, Figure>();
    const keep = (k: string, f: Figure) => {
      const b = best.get(k);
      if (!b || f.rps > b.rps) best.set(k, f);
    };
    for (let round = 0; round < ROUNDS; round++) {
      for (const s of round % 2 ? [...behind, mock] : [mock, ...behind]) {
        if (round === 0) await measure(`${s.url}${BASE}/${id}`, 1);
        const pids = { own: s === mock ? undefined : s.pid, mock: mock.pid };
        keep(`${s.name} by id`, await measure(`${s.url}${BASE}/${id}`, SECONDS, pids));
        keep(`${s.name} list`, await measure(`${s.url}${BASE}?limit=20`, SECONDS, pids));
      }
    }
    console.log(`  autocannon, ${CONNECTIONS} connections, best of ${ROUNDS} rounds of ${SECONDS} s, loopback`);
    const label = { bare: 'bare forwarder (ceiling)', anew: 'tmf-ctk proxy --memo 0', proxy: 'tmf-ctk proxy' } as const;
    for (const what of ['by id', 'list']) {
      const d = best.get(`mock ${what}`)!;
      console.log(`  ${what.padEnd(6)} direct ${Math.round(d.rps).toString().padStart(6)} req/s p50 ${d.p50} ms | CPU per request: mock ${us(d.mockCpuUs)}, load generator ${us(d.loadCpuUs)}`);
      for (const s of behind) {
        const p = best.get(`${s.name} ${what}`)!;
        const ratio = p.rps / d.rps;
        const goal = s.name === 'bare' ? '' : ` ${ratio >= 0.5 ? 'OK' : 'MISS'} (goal ≥ 0.5×)`;
        console.log(`         ${label[s.name as keyof typeof label].padEnd(24)} ${Math.round(p.rps).toString().padStart(6)} req/s p50 ${p.p50} ms | added p50 ${(p.p50 - d.p50).toFixed(1)} ms | its CPU ${us(p.cpuUs)} per request | ${ratio.toFixed(2)}×${goal}`);
      }
    }
  } finally {
    for (const s of subjects.reverse()) await s.stop();
  }
}
