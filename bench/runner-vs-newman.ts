/**
 * The native runner against newman on the same cases and the same mock, in one process: the five APIs'
 * suites natively (runConformance), and the same suites exported as Postman collections run through newman
 * (runCollection). Cases Postman cannot run (notifications) are left out of both sides, so both send the same
 * requests. Two rounds, alternating; the best time of each side and the ratio against the ≥ 10× goal.
 */
import { planCollection, runCollection, type PostmanCollection } from '../src/collection/index.js';
import { createMockServer, exportApi, runConformance } from '../src/composition.js';
import type { RunResult } from '../src/core/results.js';
import { defaultEntries } from '../src/document/registry.js';

const ROUNDS = 2;

const best = (xs: number[]) => Math.min(...xs);
const counts = (results: RunResult[]) => results.reduce((n, r) => ({
  cases: n.cases + r.summary.cases.passed + r.summary.cases.failed, failed: n.failed + r.summary.cases.failed, requests: n.requests + r.summary.requests,
}), { cases: 0, failed: 0, requests: 0 });

async function timed<T>(fn: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const t0 = performance.now();
  const value = await fn();
  return { ms: performance.now() - t0, value };
}

export async function run(): Promise<void> {
  // A fast clock: TMF622 orders reach their final states within a few polls on both sides.
  const mock = createMockServer({ log: () => undefined, clockMs: 20 });
  const url = await mock.listen();
  try {
    const apis = defaultEntries().map((e) => e.id);
    const exported = await timed(() => Promise.all(apis.map((id) => exportApi(id))));
    const collections: PostmanCollection[] = exported.value;
    // The cases both sides run: those not exported as notes.
    const runnable = collections.flatMap((c) => planCollection(c).cases.filter((k) => !k.skip).map((k) => k.id));
    const native: number[] = [];
    const newman: number[] = [];
    let last: { native: RunResult[]; newman: RunResult[] } = { native: [], newman: [] };
    for (let round = 0; round < ROUNDS; round++) {
      const n = await timed(async () => [await runConformance({ target: url, apis, cases: runnable })]);
      const p = await timed(async () => {
        const out: RunResult[] = [];
        for (const collection of collections) out.push(await runCollection({ collection, target: url }));
        return out;
      });
      native.push(n.ms);
      newman.push(p.ms);
      last = { native: n.value, newman: p.value };
    }
    const a = counts(last.native);
    const b = counts(last.newman);
    const ratio = best(newman) / best(native);
    console.log(`  five APIs, ${a.cases} cases run by both (notification cases left out: Postman cannot host the listener)`);
    console.log(`  native runner:  best ${best(native).toFixed(0)} ms of ${ROUNDS} (${a.requests} requests, ${a.failed} failed cases)`);
    console.log(`  newman:         best ${best(newman).toFixed(0)} ms of ${ROUNDS} (${b.requests} requests, ${b.failed} failed cases; export once: ${exported.ms.toFixed(0)} ms)`);
    console.log(`  ratio newman / native: ${ratio.toFixed(1)}× (goal ≥ 10×) ${ratio >= 10 ? 'OK' : 'BELOW GOAL'}`);
  } finally {
    await mock.close();
  }
}
