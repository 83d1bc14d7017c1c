import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { startCli, stop, type MockProcess } from '../mock/cli-process.js';
import { expected, http, loadKinds, type Kind } from './helpers.js';

/**
 * `tmf-ctk mock --data FILE` killed with SIGKILL while 30 clients create, patch and delete on five
 * APIs, then restarted on the same file: every write the mock acknowledged is there. A write whose
 * answer never came (in flight at the kill) may or may not have happened; both are accepted.
 */
const CLIENTS = 30;
const KILL_AFTER_MS = 1500;

interface Written {
  kind: Kind;
  id: string;
  /** What a read must show: the create's value or the last acknowledged patch. */
  shows: unknown;
  /** A patch sent whose answer never came. */
  maybe?: unknown;
  deleted: 'no' | 'maybe' | 'yes';
}

const dir = mkdtempSync(join(tmpdir(), 'tmf-ctk-kill9-'));
const children: MockProcess[] = [];
after(async () => {
  for (const c of children) await stop(c, 'SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});

async function start(dataFile: string): Promise<MockProcess> {
  const p = await startCli(['--port', '0', '--all', '--no-seed', '--clock-ms', '0', '--data', dataFile]);
  children.push(p);
  return p;
}

/** Requests started and not yet answered: proof that the kill came mid-load. */
let inFlight = 0;
let inFlightAtKill = 0;

async function send(url: string, method: string, body?: unknown, contentType?: string) {
  inFlight++;
  try {
    return await http(url, method, body, contentType);
  } catch {
    return undefined; // the mock died under this request: no acknowledgement
  } finally {
    inFlight--;
  }
}

/** Create, patch, sometimes delete, until the mock dies under it. */
async function writer(n: number, base: string, kinds: Kind[], written: Written[], alive: () => boolean): Promise<void> {
  for (let round = 0; alive() && round < 5000; round++) {
    const kind = kinds[(n + round) % kinds.length]!;
    const c = await send(`${base}${kind.path}`, 'POST', kind.create);
    if (c?.status !== 201) continue;
    const w: Written = { kind, id: (c.json as { id: string }).id, shows: kind.read(c.json as Record<string, unknown>), deleted: 'no' };
    written.push(w);
    const value = n * 100_000 + round + 1;
    w.maybe = expected(kind, value);
    const p = await send(`${base}${kind.path}/${w.id}`, 'PATCH', kind.patch(value), 'application/merge-patch+json');
    if (p?.status === 200) w.shows = w.maybe;
    if (round % 3 !== 0) continue;
    w.deleted = 'maybe';
    const d = await send(`${base}${kind.path}/${w.id}`, 'DELETE');
    if (d?.status === 204) w.deleted = 'yes';
  }
}

/** What the restarted mock must show for one write; a list of problems. */
async function check(base: string, w: Written): Promise<string | undefined> {
  const r = await http(`${base}${w.kind.path}/${w.id}`);
  if (w.deleted === 'yes') return r.status === 404 ? undefined : `${w.id}: acknowledged delete, got ${r.status}`;
  if (r.status === 404) return w.deleted === 'maybe' ? undefined : `${w.kind.api} ${w.id}: acknowledged create lost`;
  if (r.status !== 200) return `${w.id}: ${r.status}`;
  const seen = w.kind.read(r.json as Record<string, unknown>);
  if (seen === w.shows || seen === w.maybe) return undefined;
  return `${w.kind.api} ${w.id}: shows ${String(seen)}, acknowledged ${String(w.shows)}`;
}

describe('kill -9 mid-load with --data, then a restart on the same file', () => {
  it('every acknowledged create, patch and delete survives', async () => {
    const dataFile = join(dir, 'load.db');
    const kinds = loadKinds();
    const first = await start(dataFile);
    const written: Written[] = [];
    let alive = true;
    const writers = Array.from({ length: CLIENTS }, (_, n) => writer(n, first.url, kinds, written, () => alive));
    await new Promise((r) => setTimeout(r, KILL_AFTER_MS));
    // A loaded machine acknowledges slowly: kill once every client has had a write acknowledged (at most 30 s more).
    for (const until = Date.now() + 30_000; written.length < CLIENTS && Date.now() < until;) await new Promise((r) => setTimeout(r, 50));
    inFlightAtKill = inFlight;
    assert.equal(await stop(first, 'SIGKILL'), 'SIGKILL');
    alive = false;
    await Promise.all(writers);

    const second = await start(dataFile);
    const problems = (await Promise.all(written.map((w) => check(second.url, w)))).filter(Boolean);
    const acked = { creates: written.length, patches: written.filter((w) => w.shows === w.maybe).length, deletes: written.filter((w) => w.deleted === 'yes').length };
    process.stdout.write(`# kill -9: ${acked.creates} acknowledged creates, ${acked.patches} patches, ${acked.deletes} deletes in ${KILL_AFTER_MS} ms; `
      + `${inFlightAtKill} requests in flight at the kill; after restart: ${problems.length} lost\n`);
    assert.ok(inFlightAtKill > 0, 'killed mid-load');
    assert.ok(acked.creates >= CLIENTS, `enough writes acknowledged before the kill: ${acked.creates}`);
    assert.deepEqual(problems, []);
    assert.equal(await stop(second, 'SIGTERM'), 0, 'the restarted mock stops cleanly');
  });
});
