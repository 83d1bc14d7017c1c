import autocannon from 'autocannon';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { testPostgres } from '../test/helpers/postgres.js';
import { spawnListening } from './spawn.js';

/**
 * The mock's stores side by side in one run: memory, SQLite, PostgreSQL with one instance, and two
 * instances on one PostgreSQL database (the load split between them, as a load balancer would).
 * Each subject is `tmf-ctk mock` in its own process(es). Measures: GET by id, a list with a filter,
 * and a 50/50 create / JSON Patch mix on 20 carts; after the mix every acknowledged PATCH must be in
 * the carts (no lost update). Goal: PostgreSQL ≥ 0.25× memory on GET by id.
 * PostgreSQL comes from TMF_CTK_PG_URL or a throwaway cluster (test/helpers/postgres.ts).
 * BENCH_SECONDS tunes the length of each measure.
 */
const BASE = '/tmf-api/shoppingCart/v4/shoppingCart';
const SECONDS = Number(process.env.BENCH_SECONDS ?? 3);
const CONNECTIONS = 20;
const CARTS = 20;

interface Instance { url: string; stop(): Promise<void> }
interface Figures { byId: number; list: number; mix: number; errors: number; lost: number }

function startMock(args: string[]): Promise<Instance> {
  return spawnListening('tmf-ctk mock', ['bin/tmf-ctk.js', 'mock', '--port', '0', '--api', 'TMF663', '--clock-ms', '0', ...args]);
}

/** Load split evenly over the instances at once; requests per second summed. */
async function load(instances: Instance[], opts: (url: string) => autocannon.Options): Promise<{ rps: number; errors: number }> {
  const results = await Promise.all(instances.map((i) => autocannon({ ...opts(i.url), connections: Math.round(CONNECTIONS / instances.length), duration: SECONDS })));
  return { rps: results.reduce((n, r) => n + r.requests.average, 0), errors: results.reduce((n, r) => n + r.non2xx + r.errors + r.timeouts, 0) };
}

const party = (n: number) => ({ id: `p${n}`, role: 'member', '@referredType': 'Individual' });

async function measure(instances: Instance[]): Promise<Figures> {
  const first = instances[0]!.url;
  const ids: string[] = [];
  for (let i = 0; i < CARTS; i++) {
    const res = await fetch(`${first}${BASE}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ cartItem: [{ id: '1', action: 'add', quantity: 1, status: 'active' }], relatedParty: [] }) });
    ids.push(((await res.json()) as { id: string }).id);
  }
  await load(instances, (url) => ({ url: `${url}${BASE}/sc-1001`, duration: 1 }));
  const byId = await load(instances, (url) => ({ url: `${url}${BASE}/sc-1001` }));
  const list = await load(instances, (url) => ({ url: `${url}${BASE}?cartItem.status=active&limit=10` }));
  // Every PATCH adds a party of its own; those answered 200 must all be in the carts afterwards.
  const acknowledged = new Set<string>();
  let n = 0;
  const mix = await load(instances, (url) => ({
    url,
    requests: [
      { method: 'POST', path: BASE, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ cartItem: [{ id: '1', action: 'add', quantity: 1 }] }) },
      {
        method: 'PATCH', headers: { 'content-type': 'application/json-patch+json' },
        setupRequest: (req, context) => {
          (context as { party?: string }).party = `p${n}`;
          return { ...req, path: `${BASE}/${ids[n % CARTS]}`, body: JSON.stringify([{ op: 'add', path: '/relatedParty/-', value: party(n++) }]) };
        },
        onResponse: (status, _body, context) => void (status === 200 && acknowledged.add(String((context as { party?: string }).party))),
      },
    ],
  }));
  const kept = new Set<string>();
  for (const id of ids) {
    const cart = (await (await fetch(`${first}${BASE}/${id}`)).json()) as { relatedParty: Array<{ id: string }> };
    for (const p of cart.relatedParty) kept.add(p.id);
  }
  const lost = [...acknowledged].filter((p) => !kept.has(p)).length;
  return { byId: byId.rps, list: list.rps, mix: mix.rps, errors: byId.errors + list.errors + mix.errors, lost };
}

const fmt = (n: number): string => Math.round(n).toLocaleString('en-US').padStart(9);

async function subject(name: string, start: () => Promise<Instance[]>, out: Map<string, Figures>): Promise<void> {
  const instances = await start();
  try {
    out.set(name, await measure(instances));
  } finally {
    await Promise.all(instances.map((i) => i.stop()));
  }
}

export async function run(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'tmf-ctk-bench-'));
  const { pg, skipReason } = await testPostgres();
  const figures = new Map<string, Figures>();
  try {
    console.log(`  autocannon, ${CONNECTIONS} connections in all, ${SECONDS} s per measure, loopback; TMF663, ${CARTS} carts patched`);
    await subject('memory', async () => [await startMock([])], figures);
    await subject('SQLite', async () => [await startMock(['--data', join(dir, 'bench.db')])], figures);
    if (pg) {
      const one = await pg.database();
      await subject('PostgreSQL ×1', async () => [await startMock(['--data', one])], figures);
      const two = await pg.database();
      await subject('PostgreSQL ×2', async () => {
        const a = await startMock(['--data', two]);
        return [a, await startMock(['--data', two])];
      }, figures);
    } else {
      console.log(`  PostgreSQL: skipped (${skipReason})`);
    }
    console.log(`  ${'store'.padEnd(15)} ${'GET by id'.padStart(9)} ${'list+filter'.padStart(11)} ${'create/patch'.padStart(12)}   req/s`);
    for (const [name, f] of figures) {
      const notes = [f.errors ? `${f.errors} non-2xx or errors` : '', f.lost ? `${f.lost} LOST UPDATES` : ''].filter(Boolean).join(', ');
      console.log(`  ${name.padEnd(15)} ${fmt(f.byId)}   ${fmt(f.list)}    ${fmt(f.mix)}${notes ? `   (${notes})` : ''}`);
    }
    const mem = figures.get('memory')!;
    const ratio = (label: string, a: number, b: number, goal?: number) =>
      console.log(`  ${label.padEnd(36)} ${(a / b).toFixed(2).padStart(6)}×${goal === undefined ? '' : ` ${a / b >= goal ? 'OK' : 'MISS'} (goal ≥ ${goal}×)`}`);
    const sq = figures.get('SQLite')!;
    ratio('SQLite / memory, GET by id', sq.byId, mem.byId);
    const p1 = figures.get('PostgreSQL ×1');
    const p2 = figures.get('PostgreSQL ×2');
    if (p1 && p2) {
      ratio('PostgreSQL / memory, GET by id', p1.byId, mem.byId, 0.25);
      ratio('PostgreSQL / memory, list+filter', p1.list, mem.list);
      ratio('PostgreSQL / memory, create/patch', p1.mix, mem.mix);
      ratio('two instances / one, GET by id', p2.byId, p1.byId);
      ratio('two instances / one, list+filter', p2.list, p1.list);
      ratio('two instances / one, create/patch', p2.mix, p1.mix);
      if (p2.errors || p2.lost) process.exitCode = 1;
    }
  } finally {
    await pg?.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
