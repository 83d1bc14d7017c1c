/**
 * The public library API. The CLI is a thin shell over these; users may import them directly.
 */
export { CtkError, ErrorCodes, isCtkError, type ErrorCode } from './errors.js';
export type * from './spec/model.js';
export { loadApi, loadApis, type LoadOptions } from './spec/load.js';
export { registry, defaultEntries, findEntry, selectEntries } from './spec/registry.js';
export { resolveSpec, type SpecSources } from './spec/resolve.js';
export { fetchSpecs, type FetchOptions, type FetchOutcome } from './spec/fetch.js';
export { SchemaSet, schemasFor, type ValidationResult } from './schema/schema-set.js';
export { formatError, type SchemaError } from './schema/errors.js';
export * as tmf from './tmf/index.js';
export type * from './runner/results.js';
export type { Reporter, ReporterOptions } from './reporters/types.js';
export { runConformance, casesFor, type RunOptions } from './runner/run.js';
export { loadConfig, validateConfig, CONFIG_SCHEMA, type RunConfig, type ApiConfig } from './runner/config.js';
export { buildCases, resolvedResources, type BuildOptions } from './runner/suite/generate.js';
export type * from './runner/suite/types.js';
export { resolveTemplate, type Vars } from './runner/template.js';
export { CHECKS, CHECK_IDS, type Check, type CheckContext, type CheckOutcome } from './checks/index.js';
export { RunEmitter, type RunEventListener } from './runner/events.js';
export { SUITES } from '../suites/index.js';
export { createMockServer, type MockServer, type MockServerOptions } from './mock/server.js';
export type { Store, Resource } from './mock/store.js';
export { startPrismMock, type PrismOptions, type PrismMock } from './mock/prism.js';
export { exportApi, exportCollection, runCollection, planCollection, type ExportOptions, type CollectionRunOptions, type PostmanCollection, type PostmanEnvironment } from './collection/index.js';
