import type { ApiModel, ResourceModel } from '../document/model.js';
import { cleanupDelete, createStep } from './steps.js';
import type { Case, Feature, MandatoryAttribute, ResourceData, Step, SuiteData } from '../core/case-model.js';

/** Everything a case factory needs about one resource. */
export interface ResourceContext {
  api: ApiModel;
  suite: SuiteData;
  resource: ResourceModel;
  data: ResourceData;
  /** Every resource's data (for `requires`). */
  all: Record<string, ResourceData>;
  /** id, href, the document's required attributes and the profile's. */
  mandatory: MandatoryAttribute[];
  /** Scalar attributes to filter by, `id` last. */
  filters: string[];
  /** Attribute selected with `fields=`. */
  select: string;
  /** Steps creating the resources this one refers to, and their cleanup. */
  setup: Step[];
  teardown: Step[];
}

export function caseId(ctx: ResourceContext, suffix: string): string {
  return `TC_${ctx.resource.schemaName}_${suffix}`;
}

/** A case of this resource, with the `requires` setup before and its cleanup after. */
export function makeCase(ctx: ResourceContext, suffix: string, init: {
  title: string; feature: Feature; mandatory: boolean; steps: Step[]; cleanup?: Step[]; notApplicable?: string;
}): Case {
  return {
    id: caseId(ctx, suffix), title: init.title, api: ctx.api.id, resource: ctx.resource.name,
    mandatory: init.mandatory, feature: init.feature,
    ...(init.notApplicable ? { notApplicable: init.notApplicable } : createsWithout(ctx, init.steps) ? { notApplicable: ctx.data.unavailable } : {}),
    steps: [...ctx.setup, ...init.steps.map((s) => explainSetup(ctx, s))],
    cleanup: [...(init.cleanup ?? []), ...ctx.teardown],
  };
}

/** The case creates this resource although no valid payload of it exists (`ResourceData.unavailable`). */
function createsWithout(ctx: ResourceContext, steps: Step[]): boolean {
  return !!ctx.data.unavailable && steps.some((s) => s.op && 'kind' in s.op && s.op.kind === 'create' && s.op.resource === ctx.resource.name);
}

/** The document's required list of the entity, as a JSON pointer a reader can open. */
function requiredPointer(api: ApiModel, resource: ResourceModel): string {
  return `#/${api.format === 'openapi3' ? 'components/schemas' : 'definitions'}/${resource.schemaName}/required`;
}

/**
 * A setup create of this resource sends the minimal or the rich payload: N1 or N2 sends the same request and
 * shows why it fails, so a case whose setup fails points there instead of repeating the failure.
 */
function explainSetup(ctx: ResourceContext, step: Step): Step {
  if (!step.name.startsWith('setup') || step.op === undefined || !('kind' in step.op) || step.op.kind !== 'create' || step.setup) return step;
  const rich = step.request?.body === ctx.data.rich;
  return { ...step, setup: { what: rich ? 'create with the richest payload' : 'create with the mandatory attributes only', seeCase: caseId(ctx, rich ? 'N2' : 'N1') } };
}

/**
 * The attributes a response must carry, each with its source: `id` and `href` as the resource's kit request
 * checks them, the document's required list (cited by pointer), then the suite's. A suite rule claiming the
 * document for an attribute this document version does not require keeps only the citation it brings
 * (none: a recommendation).
 */
export function mandatoryAttributes(api: ApiModel, resource: ResourceModel, data: ResourceData): MandatoryAttribute[] {
  const out = new Map<string, MandatoryAttribute>();
  for (const name of ['id', 'href']) out.set(name, { name, source: 'kit', ...(data.kit ? { cite: data.kit } : {}) });
  for (const name of resource.required) out.set(name, { name, source: 'document', cite: { document: requiredPointer(api, resource) } });
  for (const m of data.mandatory) if (!out.has(m.name) || (!out.get(m.name)!.cite && m.cite)) out.set(m.name, m);
  return [...out.values()];
}

function isScalar(v: unknown): boolean {
  return typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean';
}

/**
 * Filter attributes: the suite's, else the mandatory ones that are scalar in the minimal payload or set by
 * the server (`state`, `creationDate`: filtered by the value the server returned); `href` and `id` always last.
 */
function filterAttributes(data: ResourceData, mandatory: MandatoryAttribute[]): string[] {
  const chosen = data.filters ?? mandatory
    .filter((m) => m.name !== 'id' && m.name !== 'href' && m.level !== 'advisory'
      && (data.minimal[m.name] === undefined || isScalar(data.minimal[m.name])))
    .map((m) => m.name);
  // href too: TM Forum's TMF663 kit searches `?href=<the href it was given>` (a TMF630 attribute filter).
  return [...chosen.filter((f) => f !== 'id' && f !== 'href'), 'href', 'id'];
}

export function resourceContext(api: ApiModel, suite: SuiteData, resource: ResourceModel, all: Record<string, ResourceData>): ResourceContext | undefined {
  const data = all[resource.name];
  if (!data) return undefined;
  const mandatory = mandatoryAttributes(api, resource, data);
  const filters = filterAttributes(data, mandatory);
  const select = data.select ?? filters.find((f) => f !== 'href') ?? Object.keys(data.rich)[0] ?? 'id';
  const setup: Step[] = [];
  const teardown: Step[] = [];
  for (const req of data.requires ?? []) {
    const other = api.resources.find((r) => r.name === req.resource);
    const otherData = all[req.resource];
    if (!other || !otherData) continue;
    setup.push({ ...createStep(other, otherData.minimal, req.as, `setup: create ${req.resource}`),
      setup: { what: `create ${req.resource} with the mandatory attributes only`, seeCase: `TC_${other.schemaName}_N1` } });
    teardown.push(...cleanupDelete(other, req.as));
  }
  return { api, suite, resource, data, all, mandatory, filters, select, setup, teardown };
}
