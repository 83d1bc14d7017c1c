/**
 * The composition module: the one place where per-API content (suites/<API>/, mocks/<API>/) meets the
 * engine. The engine (document, schema, tmf, mock, runner, checks, suite, collection, reporters) never
 * imports that content; it takes it as options. This module builds the table of APIs and passes it in,
 * so adding an API is its registry entry, its two folders and one line in API_CONTENT
 * (docs/adding-an-api.md). An explicit table, not discovery by import side effect.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { behaviour as mock622 } from '../mocks/TMF622/behaviour.js';
import { behaviour as mock663 } from '../mocks/TMF663/behaviour.js';
import { behaviour as mock666 } from '../mocks/TMF666/behaviour.js';
import { behaviour as mock671 } from '../mocks/TMF671/behaviour.js';
import { behaviour as mock699 } from '../mocks/TMF699/behaviour.js';
import { suite as suite622 } from '../suites/TMF622/index.js';
import { suite as suite663 } from '../suites/TMF663/index.js';
import { suite as suite666 } from '../suites/TMF666/index.js';
import { suite as suite671 } from '../suites/TMF671/index.js';
import { suite as suite699 } from '../suites/TMF699/index.js';
import { exportApi as exportApiWith, exportCollection as exportCollectionWith, type ExportOptions } from './collection/export.js';
import type { Case, SuiteData, SuiteTable } from './core/case-model.js';
import type { RunResult } from './core/results.js';
import type { ApiModel } from './document/model.js';
import type { SpecSources } from './document/resolve.js';
import type { PostmanCollection } from './collection/postman.js';
import type { ApiBehaviour, MockContentTable, SeedData } from './mock/behaviour-kit.js';
import type { MockServerOptions } from './mock/options.js';
import { createMockServer as createMockServerWith, type MockServer } from './mock/server.js';
import { projectRoot } from './paths.js';
import { casesFor as casesForWith, runConformance as runConformanceWith, type RunOptions } from './runner/run.js';

/** What the project adds to the generic engine for one API id (every version of the id shares it). */
export interface ApiContent {
  suite?: SuiteData;
  behaviour?: ApiBehaviour;
  /** Seed data file, relative to the project root. */
  seedFile?: string;
}

export const API_CONTENT: Readonly<Record<string, ApiContent>> = {
  TMF622: { suite: suite622, behaviour: mock622, seedFile: 'mocks/TMF622/seed.json' },
  TMF663: { suite: suite663, behaviour: mock663, seedFile: 'mocks/TMF663/seed.json' },
  TMF666: { suite: suite666, behaviour: mock666, seedFile: 'mocks/TMF666/seed.json' },
  TMF671: { suite: suite671, behaviour: mock671, seedFile: 'mocks/TMF671/seed.json' },
  TMF699: { suite: suite699, behaviour: mock699, seedFile: 'mocks/TMF699/seed.json' },
};

/** The suites by API id. */
export const SUITES: SuiteTable = Object.fromEntries(
  Object.entries(API_CONTENT).flatMap(([id, c]) => (c.suite ? [[id, c.suite]] : [])),
);

const seeds = new Map<string, SeedData>();

/** An API's seed data (read once per process; none when the API has no seed file). */
export function seedOf(apiId: string): SeedData {
  const file = Object.hasOwn(API_CONTENT, apiId) ? API_CONTENT[apiId]?.seedFile : undefined;
  if (!file) return {};
  let data = seeds.get(file);
  if (!data) {
    data = JSON.parse(readFileSync(join(projectRoot, file), 'utf8')) as SeedData;
    seeds.set(file, data);
  }
  return data;
}

/**
 * The mock's per-API content: behaviours now, seed data read when a server first asks for it. With
 * `seeds` (a seed file: `mock --seed FILE`), those records replace the project's seed data of every API.
 */
export function mockContent(seeds?: { data: ReadonlyMap<string, SeedData>; source: string }): MockContentTable {
  return Object.fromEntries(Object.entries(API_CONTENT).map(([id, c]) => [id, {
    ...(c.behaviour ? { behaviour: c.behaviour } : {}),
    ...(seeds ? { seed: seeds.data.get(id) ?? {}, seedSource: seeds.source }
      : c.seedFile ? { get seed() { return seedOf(id); }, seedSource: c.seedFile } : {}),
  }]));
}

/** The mock server with the project's behaviours and seed data (options.content replaces them). */
export function createMockServer(options: MockServerOptions = {}): MockServer {
  return createMockServerWith({ content: mockContent(), ...options });
}

/** A conformance run with the project's suites (options.suites replaces them). */
export function runConformance(options: RunOptions): Promise<RunResult> {
  return runConformanceWith({ suites: SUITES, ...options });
}

export function casesFor(api: ApiModel, options: Pick<RunOptions, 'config' | 'cases' | 'suites'>): Case[] {
  return casesForWith(api, { suites: SUITES, ...options });
}

export function exportCollection(api: ApiModel, options: ExportOptions = {}): Promise<PostmanCollection> {
  return exportCollectionWith(api, { suites: SUITES, ...options });
}

export function exportApi(selector: string, options: ExportOptions & Pick<SpecSources, 'specsDir' | 'env'> = {}): Promise<PostmanCollection> {
  return exportApiWith(selector, { suites: SUITES, ...options });
}
