import autocannon from 'autocannon';
import { startPrismMock } from '../src/mock/prism.js';
import { spawnListening, type Subject } from './spawn.js';

/**
 * Mock throughput, side by side in one run: this mock (its CLI, in its own process), Prism's mock
 * of the same document, and a bare fastify route answering the same bodies. Each subject runs in
 * its own process so autocannon (here) and the server do not share an event loop. The bare route
 * serializes per request (what a plain fastify handler does); its pre-serialized variant shows the ceiling.
 * Goals: ≥ 8× Prism and ≥ 0.6× bare fastify, for GET by id and for the list.
 * BENCH_SECONDS, BENCH_ROUNDS and BENCH_VERBOSE=1 (every measure) tune a run.
 */
const BASE = '/tmf-api/shoppingCart/v4/shoppingCart';
const ID = 'sc-1001';
const SECONDS = Number(process.env.BENCH_SECONDS ?? 2);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const CONNECTIONS = 20;

const BARE = `
import Fastify from 'fastify';
const { item, list } = JSON.parse(process.env.BODIES);
const app = Fastify({ logger: false });
app.get('${BASE}/:id', (req, reply) => { reply.header('content-type', 'application/json;charset=utf-8').send(item); });
app.get('${BASE}', (req, reply) => { reply.header('content-type', 'application/json;charset=utf-8').send(list); });
// The ceiling: the same bodies serialized once, as the mock's cache does.
const itemText = JSON.stringify(item), listText = JSON.stringify(list);
app.get('/text${BASE}/:id', (req, reply) => { reply.header('content-type', 'application/json;charset=utf-8').send(itemText); });
app.get('/text${BASE}', (req, reply) => { reply.header('content-type', 'application/json;charset=utf-8').send(listText); });
const url = await app.listen({ host: '127.0.0.1', port: 0 });
console.log('listening on ' + url);
`;

async function measure(url: string, seconds: number): Promise<{ rps: number; errors: number }> {
  const r = await autocannon({ url, connections: CONNECTIONS, duration: seconds });
  return { rps: r.requests.average, errors: r.non2xx + r.errors + r.timeouts };
}

const fmt = (n: number): string => Math.round(n).toLocaleString('en-US').padStart(8);

export async function run(): Promise<void> {
  const subjects: Subject[] = [];
  try {
    const mock = await spawnListening('tmf-ctk mock', ['bin/tmf-ctk.js', 'mock', '--port', '0', '--api', 'TMF663']);
    subjects.push(mock);
    const item = await (await fetch(`${mock.url}${BASE}/${ID}`)).json();
    const list = await (await fetch(`${mock.url}${BASE}`)).json();
    const bare = await spawnListening('bare fastify', ['--input-type=module', '-e', BARE], { ...process.env, BODIES: JSON.stringify({ item, list }) });
    subjects.push(bare, { ...bare, name: 'bare, text', prefix: '/text', stop: async () => undefined });
    const prism = await startPrismMock({ api: 'TMF663' });
    subjects.push({ name: 'Prism', url: prism.url, stop: () => prism.close() });

    // Other work on the machine makes single runs noisy: measure in rounds, rotating the order, keep each best.
    const figures = new Map<string, { byId: number; list: number; errors: number }>();
    console.log(`  autocannon, ${CONNECTIONS} connections, best of ${ROUNDS} rounds of ${SECONDS} s per measure (after a 1 s warm-up), loopback`);
    for (let round = 0; round < ROUNDS; round++) {
      for (const s of [...subjects.slice(round % subjects.length), ...subjects.slice(0, round % subjects.length)]) {
        const base = `${s.url}${s.prefix ?? ''}${BASE}`;
        if (round === 0) await measure(`${base}/${ID}`, 1);
        const byId = await measure(`${base}/${ID}`, SECONDS);
        if (round === 0) await measure(base, 1);
        const all = await measure(base, SECONDS);
        if (process.env.BENCH_VERBOSE) console.log(`    round ${round + 1} ${s.name}: ${Math.round(byId.rps)} / ${Math.round(all.rps)}`);
        const f = figures.get(s.name) ?? { byId: 0, list: 0, errors: 0 };
        figures.set(s.name, { byId: Math.max(f.byId, byId.rps), list: Math.max(f.list, all.rps), errors: f.errors + byId.errors + all.errors });
      }
    }
    console.log(`  ${'subject'.padEnd(14)} ${'GET by id'.padStart(10)} ${'list'.padStart(10)}   req/s`);
    for (const s of subjects) {
      const f = figures.get(s.name)!;
      console.log(`  ${s.name.padEnd(14)} ${fmt(f.byId)}   ${fmt(f.list)}${f.errors ? `   (${f.errors} non-2xx or errors)` : ''}`);
    }
    const m = figures.get('tmf-ctk mock')!;
    const p = figures.get('Prism')!;
    const b = figures.get('bare fastify')!;
    const line = (label: string, a: number, c: number, goal: number) =>
      `  ${label.padEnd(24)} ${(a / c).toFixed(2).padStart(7)}× ${a / c >= goal ? 'OK' : 'MISS'} (goal ≥ ${goal}×)`;
    console.log(line('mock / Prism, by id', m.byId, p.byId, 8));
    console.log(line('mock / Prism, list', m.list, p.list, 8));
    console.log(line('mock / bare, by id', m.byId, b.byId, 0.6));
    console.log(line('mock / bare, list', m.list, b.list, 0.6));
    const t = figures.get('bare, text')!;
    console.log(`  mock / bare fastify sending pre-serialized text: by id ${(m.byId / t.byId).toFixed(2)}×, list ${(m.list / t.list).toFixed(2)}× (the ceiling)`);
  } finally {
    await Promise.all(subjects.map((s) => s.stop()));
  }
}
