/**
 * Generates the cases of an API from its operation model and its suite data: the kits' cases and
 * ours for every resource, then the API's flows. The result is plain data (see types.ts): the runner
 * executes it, the Postman exporter translates it.
 */
import type { ApiModel } from '../document/model.js';
import { crudCases } from './cases-crud.js';
import { lifecycleCases } from './cases-lifecycle.js';
import { queryCases } from './cases-query.js';
import { patchQueryCases } from './cases-patch-query.js';
import { readOnlyCases } from './cases-readonly.js';
import { resourceContext } from './context.js';
import type { Case, ResourceData, SuiteData } from '../core/case-model.js';

export interface BuildOptions {
  /** Per-resource payload replacements (a vendor's real productOffering ids…), by resource name. */
  payloads?: Record<string, Partial<Pick<ResourceData, 'minimal' | 'rich' | 'patch'>>>;
  /** How long flows wait for a state (ms). */
  flowTimeoutMs?: number;
  pollIntervalMs?: number;
}

/** The suite data of an API at its version, with the version's replacements and the vendor's payloads applied. */
export function resolvedResources(api: ApiModel, suite: SuiteData, options: BuildOptions = {}): Record<string, ResourceData> {
  const out: Record<string, ResourceData> = {};
  const forVersion = suite.versions?.[api.version]?.resources ?? {};
  for (const [name, data] of Object.entries(suite.resources)) {
    out[name] = { ...data, ...forVersion[name], ...options.payloads?.[name] } as ResourceData;
  }
  return out;
}

export function buildCases(api: ApiModel, options: BuildOptions = {}, suite: SuiteData | undefined): Case[] {
  if (!suite) return [];
  const resources = resolvedResources(api, suite, options);
  const cases: Case[] = [];
  for (const r of api.resources) {
    const ctx = resourceContext(api, suite, r, resources);
    if (!ctx) continue;
    cases.push(...readOnlyCases(ctx), ...crudCases(ctx), ...queryCases(ctx), ...lifecycleCases(ctx), ...patchQueryCases(ctx));
  }
  const flows = suite.flows?.({
    version: api.version, resources,
    timeouts: { flowMs: options.flowTimeoutMs ?? 10_000, pollMs: options.pollIntervalMs ?? 50 },
  }) ?? [];
  for (const f of flows) cases.push({ ...f, api: api.id });
  return cases;
}
