/**
 * The composition module: the one place where per-API content (suites/<API>/, mocks/<API>/) meets the
 * engine. The engine (document, schema, tmf, mock, runner, checks, suite, collection, reporters) never
 * imports that content; it takes it as options. This module builds the table of APIs and passes it in,
 * so adding an API is its registry entry, its two folders and one line in API_CONTENT
 * (docs/adding-an-api.md). An explicit table, not discovery by import side effect.
 * An API version without folders (a generic document, a v5 document, one given with --spec) gets content
 * generated from its document (src/generate/, docs/any-document.md): the folders add realism, never make an API possible.
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
import type { Case, FolderSuiteData, ResourceData, SuiteData, SuiteTable } from './core/case-model.js';
import { loadApi } from './document/load.js';
import { defaultEntries } from './document/registry.js';
import { generatedMockContent } from './generate/mock-content.js';
import { DEFAULT_SEED, generatedSuite, resourceData } from './generate/suite.js';
import type { RunResult } from './core/results.js';
import type { ApiModel } from './document/model.js';
import type { SpecSources } from './document/resolve.js';
import type { PostmanCollection } from './collection/postman.js';
import { compose, type ApiBehaviour, type MockContent, type MockContentTable, type SeedData } from './mock/behaviour-kit.js';
import type { MockServerOptions } from './mock/options.js';
import { createMockServer as createMockServerWith, type MockServer } from './mock/server.js';
import { projectRoot } from './paths.js';
import { casesFor as casesForWith, runConformance as runConformanceWith, selectedApis, type RunOptions } from './runner/run.js';

/** What the project adds to the generic engine for one API id (every version of the id shares it). */
export interface ApiContent {
  /** The suites/<API>/ folder: what the generator cannot know, layered over the suite generated from the document (foldedSuite). */
  suite?: FolderSuiteData;
  behaviour?: ApiBehaviour;
  /** Seed data file, relative to the project root. */
  seedFile?: string;
  /**
   * Major versions of the document, besides 4, whose resources, attributes and state enums the behaviour
   * fits as written: there it runs on top of the content generated from that document (its seed, its
   * server-set values). The suite and seed stay v4 only.
   */
  behaviourAlsoFits?: readonly string[];
}

export const API_CONTENT: Readonly<Record<string, ApiContent>> = {
  TMF622: { suite: suite622, behaviour: mock622, seedFile: 'mocks/TMF622/seed.json', behaviourAlsoFits: ['5'] },
  TMF663: { suite: suite663, behaviour: mock663, seedFile: 'mocks/TMF663/seed.json' },
  TMF666: { suite: suite666, behaviour: mock666, seedFile: 'mocks/TMF666/seed.json' },
  TMF671: { suite: suite671, behaviour: mock671, seedFile: 'mocks/TMF671/seed.json' },
  TMF699: { suite: suite699, behaviour: mock699, seedFile: 'mocks/TMF699/seed.json' },
};

/** The suites/<API>/ folders by API id (what they set; suiteFor/suitesFor give the suites the runner uses). */
export const SUITES: Readonly<Record<string, FolderSuiteData>> = Object.fromEntries(
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
export function mockContent(seeds?: RecordedSeeds): MockContentTable {
  return Object.fromEntries(Object.entries(API_CONTENT).map(([id, c]) => [id, {
    ...(c.behaviour ? { behaviour: c.behaviour } : {}),
    ...(seeds ? { seed: seeds.data.get(id) ?? {}, seedSource: seeds.source }
      : c.seedFile ? { get seed() { return seedOf(id); }, seedSource: c.seedFile } : {}),
  }]));
}

/** The folders were written for the v4 documents: other versions of an id get generated content. */
function hasFolders(api: ApiModel): boolean {
  return api.version.startsWith('4.') && Object.hasOwn(API_CONTENT, api.id);
}

const generated = new WeakMap<ApiModel, Map<number, { suite: SuiteData; mock: MockContent }>>();

/** The suite and mock content generated from an API's document with a seed (once per loaded model and seed). */
export function generatedContent(api: ApiModel, seed = DEFAULT_SEED): { suite: SuiteData; mock: MockContent } {
  let bySeed = generated.get(api);
  if (!bySeed) generated.set(api, (bySeed = new Map()));
  let hit = bySeed.get(seed);
  if (!hit) {
    hit = { suite: generatedSuite(api, seed), mock: generatedMockContent(api, seed) };
    bySeed.set(seed, hit);
  }
  return hit;
}

/** What the composition adds to the engine's options: the seed of generated content (`--generator-seed`, default 1). */
export interface GeneratorOptions {
  generatorSeed?: number;
}

/** Records that replace every API's seed data (`mock --seed FILE`, a file `proxy --record` wrote). */
export interface RecordedSeeds {
  data: ReadonlyMap<string, SeedData>;
  source: string;
}

const folded = new WeakMap<ApiModel, Map<number, SuiteData>>();

/**
 * A folder's suite on top of the generator (docs/suites.md): per resource, the data generated from the document
 * (payloads, patch, filters, select, E3's contextMissing, same-document `requires`), computed from the
 * folder's payloads where it sets them, with the folder's fields layered over it field by field (the folder's
 * win). A resource the folder leaves out (a resource a newer document adds) is generated whole. The suite-level
 * fields (features, flows, versions) stay the folder's. Once per loaded model and seed.
 */
export function foldedSuite(api: ApiModel, folder: FolderSuiteData, seed = DEFAULT_SEED): SuiteData {
  let bySeed = folded.get(api);
  if (!bySeed) folded.set(api, (bySeed = new Map()));
  let hit = bySeed.get(seed);
  if (!hit) {
    const forVersion = folder.versions?.[api.version]?.resources ?? {};
    const resources = Object.fromEntries(api.resources.map((r) => {
      const given: Partial<ResourceData> = { ...folder.resources[r.name], ...forVersion[r.name] };
      return [r.name, { ...resourceData(api, r, seed, given), ...given } as ResourceData];
    }));
    // A folder resource this document version does not expose stays as written (flows may read it).
    for (const [name, data] of Object.entries(folder.resources)) if (!Object.hasOwn(resources, name)) resources[name] = { minimal: {}, rich: {}, mandatory: [], ...data };
    hit = { ...folder, resources };
    bySeed.set(seed, hit);
  }
  return hit;
}

/** The suite the runner uses for an API: its folder's layered over the generated data where it has one (foldedSuite), else the generated suite. */
export function suiteFor(api: ApiModel, seed?: number): SuiteData | undefined {
  if (!hasFolders(api)) return generatedContent(api, seed).suite;
  const folder = API_CONTENT[api.id]?.suite;
  return folder ? foldedSuite(api, folder, seed) : undefined;
}

/** The suites of the given APIs, by `id@version`: folded where the API has a folder, else generated. */
export function suitesFor(apis: readonly ApiModel[], seed?: number): SuiteTable {
  return { ...Object.fromEntries(apis.flatMap((a) => {
    const suite = suiteFor(a, seed);
    return suite ? [[`${a.id}@${a.version}`, suite]] : [];
  })) };
}

/** The project's behaviour for a version without folders, when it declares that it fits that version. */
function fittingBehaviour(api: ApiModel): ApiBehaviour | undefined {
  const c = Object.hasOwn(API_CONTENT, api.id) ? API_CONTENT[api.id] : undefined;
  return c?.behaviour && c.behaviourAlsoFits?.includes(api.version.split('.')[0]!) ? c.behaviour : undefined;
}

/** Generated hooks first (server-set values the document asks for), then the project's (states, clocks). */
function layered(generated: ApiBehaviour | undefined, project: ApiBehaviour): ApiBehaviour {
  const names = new Set([...Object.keys(generated?.resources ?? {}), ...Object.keys(project.resources)]);
  return { resources: Object.fromEntries([...names].map((n) => [n, compose(generated?.resources[n] ?? {}, project.resources[n] ?? {})])) };
}

function contentFor(apis: readonly ApiModel[], seed?: number, recorded?: RecordedSeeds): MockContentTable {
  const generatedFor = (a: ApiModel): MockContent => {
    const generated = generatedContent(a, seed).mock;
    const project = fittingBehaviour(a);
    const mock = project ? { ...generated, behaviour: layered(generated.behaviour, project) } : generated;
    return recorded ? { ...mock, seed: recorded.data.get(a.id) ?? {}, seedSource: recorded.source } : mock;
  };
  return { ...mockContent(recorded), ...Object.fromEntries(apis.filter((a) => !hasFolders(a)).map((a) => [`${a.id}@${a.version}`, generatedFor(a)])) };
}

/** The models a selection names; undefined when it cannot be loaded (the engine then reports why, as usual). */
function modelsOf(load: () => ApiModel[]): ApiModel[] {
  try {
    return load();
  } catch {
    return [];
  }
}

/** The mock server with the project's behaviours and seed data, generated ones for APIs without folders (options.content replaces them). */
export function createMockServer(options: MockServerOptions & GeneratorOptions & { recordedSeeds?: RecordedSeeds } = {}): MockServer {
  const selectors: ReadonlyArray<string | ApiModel> = options.apis ?? defaultEntries().map((e) => `${e.id}@${e.version}`);
  const apis = modelsOf(() => selectors.map((a) => (typeof a === 'string' ? loadApi(a, { specsDir: options.specsDir, env: options.env }) : a)));
  return createMockServerWith({ content: contentFor(apis, options.generatorSeed, options.recordedSeeds), ...options, ...(apis.length ? { apis } : {}) });
}

/** A conformance run with the project's suites, generated ones for APIs without folders (options.suites replaces them). */
export function runConformance(options: RunOptions & GeneratorOptions): Promise<RunResult> {
  const apis = modelsOf(() => selectedApis(options));
  return runConformanceWith({ suites: suitesFor(apis, options.generatorSeed), ...options });
}

export function casesFor(api: ApiModel, options: Pick<RunOptions, 'config' | 'cases' | 'suites'>): Case[] {
  return casesForWith(api, { suites: suitesFor([api]), ...options });
}

export function exportCollection(api: ApiModel, options: ExportOptions & GeneratorOptions = {}): Promise<PostmanCollection> {
  return exportCollectionWith(api, { suites: suitesFor([api], options.generatorSeed), ...options });
}

export function exportApi(selector: string, options: ExportOptions & GeneratorOptions & Pick<SpecSources, 'specsDir' | 'env'> = {}): Promise<PostmanCollection> {
  const apis = modelsOf(() => [loadApi(selector, { specsDir: options.specsDir, env: options.env })]);
  return exportApiWith(selector, { suites: suitesFor(apis, options.generatorSeed), ...options });
}
