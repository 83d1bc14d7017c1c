/**
 * Any document: per registered document, the time to generate its suite and mock content from the document
 * (payloads validated, after the load and compile a run does anyway) and the time of a full generated-suite
 * run against its in-process mock, side by side with the 10 s goal (generation + run) per document.
 */
import { createMockServer, runConformance } from '../src/composition.js';
import { loadApi } from '../src/document/load.js';
import { registry } from '../src/document/registry.js';
import { generatedMockContent } from '../src/generate/mock-content.js';
import { generatedSuite } from '../src/generate/suite.js';
import { schemasFor } from '../src/schema/schema-set.js';

const GOAL_MS = 10_000;

export async function run(): Promise<void> {
  console.log('  document          load+compile  generation   full run   total   ratio to 10 s');
  for (const entry of registry()) {
    const selector = `${entry.id}@${entry.version}`;
    const t0 = performance.now();
    const api = loadApi(entry);
    schemasFor(api).compileAll();
    const t1 = performance.now();
    const suite = generatedSuite(api);
    const content = generatedMockContent(api);
    const t2 = performance.now();
    const mock = createMockServer({ apis: [api], content: { [selector]: content }, log: () => undefined });
    try {
      const result = await runConformance({ target: await mock.listen(), apis: [selector], suites: { [selector]: suite }, timeoutMs: 5000 });
      const t3 = performance.now();
      const total = t3 - t0;
      const c = result.summary.cases;
      console.log(`  ${selector.padEnd(16)} ${ms(t1 - t0)} ${ms(t2 - t1)} ${ms(t3 - t2)} ${ms(total)}   ${(total / GOAL_MS).toFixed(2)} ${total < GOAL_MS ? 'OK' : 'SLOW'}  (${c.passed} passed, ${c.failed} failed, ${c.skipped} skipped)`);
    } finally {
      await mock.close();
    }
  }
}

function ms(n: number): string {
  return `${n.toFixed(0).padStart(9)} ms`;
}
