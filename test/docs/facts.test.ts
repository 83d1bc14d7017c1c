/**
 * Figures the docs state that the code decides: the case counts of docs/suites.md and the case total of
 * `npm start` in docs/benchmarks.md are what the suites generate for the registered documents.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { casesFor } from '../../src/composition.ts';
import { loadApi } from '../../src/document/load.ts';
import { defaultEntries, findEntry } from '../../src/document/registry.ts';
import { projectRoot } from '../../src/paths.ts';

const read = (page: string) => readFileSync(join(projectRoot, page), 'utf8').replace(/\s+/g, ' ');
const count = (selector: string) => {
  const cases = casesFor(loadApi(findEntry(selector)), {});
  return { all: cases.length, mandatory: cases.filter((c) => c.mandatory).length };
};

describe('figures in the docs', () => {
  it('docs/suites.md states each certified API\'s case count (mandatory in brackets), and other v4 versions\'', () => {
    const sentence = /Case counts \(mandatory in brackets\): (.+?\))\./.exec(read('docs/suites.md'))?.[1];
    assert.ok(sentence, 'the sentence is there');
    const stated = new Map([...sentence.matchAll(/(TMF\d+) (\d+) \((\d+)(?:; v([\d.]+) (\d+))?\)/g)].map((m) => [m[1]!, m]));
    for (const e of defaultEntries()) {
      const m = stated.get(e.id);
      assert.ok(m, `${e.id} is stated`);
      assert.deepEqual({ all: Number(m[2]), mandatory: Number(m[3]) }, count(e.id), e.id);
      if (m[4]) assert.equal(Number(m[5]), count(`${e.id}@${m[4]}`).all, `${e.id} v${m[4]}`);
    }
  });

  it('docs/benchmarks.md and docs/suites.md agree with the total of cases npm start runs', () => {
    const total = defaultEntries().reduce((n, e) => n + count(e.id).all, 0);
    assert.match(read('docs/benchmarks.md'), new RegExp(`five APIs, ${total} cases`));
  });
});
