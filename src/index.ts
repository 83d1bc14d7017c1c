/**
 * The public library API. The CLI is a thin shell over these; users may import them directly.
 */
export { CtkError, ErrorCodes, isCtkError, type ErrorCode } from './errors.js';
export type * from './document/model.js';
export { loadApi, loadApis, type LoadOptions } from './document/load.js';
export { registry, defaultEntries, findEntry, selectEntries } from './document/registry.js';
export { resolveSpec, type SpecSources } from './document/resolve.js';
export { fetchSpecs, type FetchOptions, type FetchOutcome } from './document/fetch.js';
export { SchemaSet, schemasFor, type ValidationResult } from './schema/schema-set.js';
export { formatError, type SchemaError } from './schema/errors.js';
export * as tmf from './tmf/index.js';
export type * from './core/results.js';
export type { Reporter, ReporterOptions } from './reporters/types.js';
export { type RunOptions } from './runner/run.js';
export { API_CONTENT, SUITES, createMockServer, runConformance, casesFor, exportApi, exportCollection, mockContent, seedOf, generatedContent, suiteFor, suitesFor, type ApiContent, type GeneratorOptions } from './composition.js';
export { loadSpecFile, entryOfFile } from './document/spec-file.js';
export { generatedSuite, resourceData, DEFAULT_SEED } from './generate/suite.js';
export { generatedMockContent } from './generate/mock-content.js';
export { generatePayload, resourcePayloads, type ResourcePayloads } from './generate/payloads.js';
export { loadConfig, loadConfigFile, validateConfig, CONFIG_SCHEMA, type RunConfig, type ApiConfig, type Excluded } from './runner/config.js';
export { exitCodeFor, settleCase, summarize, runSummary, verdictDetail, verdictWord } from './core/verdict.js';
export { TokenSource, type OAuth2Config } from './runner/oauth2.js';
export { buildCases, resolvedResources, type BuildOptions } from './suite/generate.js';
export type * from './core/case-model.js';
export { resolveTemplate, type Vars } from './core/template.js';
export { CHECKS, CHECK_IDS, isCheckId, type Check, type CheckContext, type CheckId, type CheckOutcome } from './checks/index.js';
export { RunEmitter, type RunEventListener } from './runner/events.js';
export { type MockServer } from './mock/server.js';
export type { MockServerOptions } from './mock/options.js';
export type { ApiBehaviour, ResourceBehaviour, MockContent, MockContentTable, SeedData } from './mock/behaviour-kit.js';
export { MemoryStore, StoreConflict, type Store, type Resource, type StoredEvent, type StoreQuery, type StorePage, type Change, type Outbox } from './mock/store.js';
export { PgStore } from './mock/pg-store.js';
export type { TenantsConfig } from './mock/tenancy.js';
export { startPrismMock, type PrismOptions, type PrismMock } from './mock/prism.js';
export { runCollection, planCollection, type ExportOptions, type CollectionRunOptions, type PostmanCollection, type PostmanEnvironment } from './collection/index.js';
export { runKit, openKit, prepareKit, type KitRunOptions, type KitFiles, type PreparedKit } from './collection/index.js';
export { mergeRuns } from './runner/summary.js';
