/**
 * Adding an API needs no engine change (docs/adding-an-api.md): a small TMF-style fixture document with a
 * registry-like entry, its suite data and its mock behaviour, handed to the engine through the library's
 * options (MockServerOptions.content, RunOptions.suites, models from loadApi), runs its generated cases
 * against the mock and passes. Without the behaviour the same run fails on the profile attribute the
 * behaviour sets, so the pass is earned.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { RunResult } from '../../src/core/results.ts';
import { sha256 } from '../../src/document/document.ts';
import { loadApi } from '../../src/document/load.ts';
import type { ApiEntry, ApiModel } from '../../src/document/model.ts';
import type { MockContentTable, SeedData } from '../../src/mock/behaviour-kit.ts';
import { createMockServer, type MockServer } from '../../src/mock/server.ts';
import { runConformance } from '../../src/runner/run.ts';
import { behaviour } from '../fixtures/fixture-api/behaviour.ts';
import { suite } from '../fixtures/fixture-api/suite.ts';

const DIR = join(dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'fixture-api');
const readJson = <T>(name: string): T => JSON.parse(readFileSync(join(DIR, name), 'utf8')) as T;

/** The fixture's registry entry, with the document's sha256 as `specs/registry.json` would keep it. */
function fixtureEntry(): ApiEntry {
  const entry = readJson<{ apis: ApiEntry[] }>('registry.json').apis[0]!;
  return { ...entry, sha256: sha256(readFileSync(join(DIR, entry.file))) };
}

const CONTENT: MockContentTable = { TMF999: { behaviour, seed: readJson<SeedData>('seed.json'), seedSource: 'test/fixtures/fixture-api/seed.json' } };

function failures(result: RunResult): string[] {
  return result.apis.flatMap((a) => a.cases).filter((c) => c.status === 'fail').map((c) => `${c.id}: ${c.reason}`);
}

describe('a fixture API added through the library, no engine change', () => {
  let api: ApiModel;
  let mock: MockServer;
  let url: string;
  before(async () => {
    // The entry is resolved like a registered one: `--specs DIR` first.
    api = loadApi(fixtureEntry(), { specsDir: DIR, env: {} });
    mock = createMockServer({ apis: [api], content: CONTENT, checkResponses: true, log: () => undefined });
    url = await mock.listen();
  });
  after(() => mock?.close());

  it('loads into the operation model: one resource, its CRUD operations, hub and four events', () => {
    assert.equal(api.quirks.find((q) => q.id === 'checksum'), undefined, 'sha256 as in the entry');
    assert.deepEqual(api.resources.map((r) => r.name), ['widget']);
    const ops = api.resources[0]!.operations;
    for (const kind of ['list', 'create', 'retrieve', 'patch', 'delete'] as const) assert.ok(ops[kind], kind);
    assert.ok(api.hub?.register && api.hub.unregister);
    assert.deepEqual(api.events.map((e) => e.eventType).sort(),
      ['WidgetAttributeValueChangeEvent', 'WidgetCreateEvent', 'WidgetDeleteEvent', 'WidgetStateChangeEvent']);
  });

  it('the mock serves it under its base path with its seed data and behaviour', async () => {
    const seeded = await fetch(`${url}/tmf-api/widget/v4/widget/wg-9001`);
    assert.equal(seeded.status, 200);
    const created = await fetch(`${url}/tmf-api/widget/v4/widget`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: 'w' }),
    });
    assert.equal(created.status, 201);
    const body = await created.json() as Record<string, unknown>;
    assert.equal(body.state, 'active');
    assert.equal(typeof body.lastUpdate, 'string');
  });

  it('its generated suite passes against the mock: every mandatory case, notifications included', async () => {
    const result = await runConformance({ target: url, apis: [api], suites: { TMF999: suite }, timeoutMs: 5000 });
    assert.deepEqual(failures(result), []);
    assert.equal(result.summary.verdict, 'conformant');
    const cases = result.apis[0]!.cases;
    const passed = new Set(cases.filter((c) => c.status === 'pass').map((c) => c.id));
    for (const id of ['N1', 'N2', 'N3', 'N4', 'N5', 'E1', 'E2', 'PAGING1', 'PATCH1', 'DELETE1', 'NOTIF1']) {
      assert.ok(passed.has(`TC_Widget_${id}`), `TC_Widget_${id} passed`);
    }
    assert.deepEqual(mock.violations, [], 'every mock answer valid against the fixture document');
  });

  it('without the behaviour the profile attribute it sets is missing, and the run says so', async () => {
    const bare = createMockServer({ apis: [api], content: {}, log: () => undefined });
    try {
      const result = await runConformance({ target: await bare.listen(), apis: [api], suites: { TMF999: suite }, cases: ['TC_Widget_N1'], timeoutMs: 5000 });
      assert.equal(result.summary.verdict, 'not conformant');
      assert.match(failures(result).join('\n'), /TC_Widget_N1: .*mandatory-attributes: .*state/);
    } finally {
      await bare.close();
    }
  });
});
