import { randomUUID } from 'node:crypto';
import type { SchemaSet } from '../schema/schema-set.js';
import type { ApiModel, EventKind, EventModel, ResourceModel } from '../document/model.js';
import { applyPatch, touchedAttributes } from '../tmf/patch.js';
import type { PatchFlavour } from '../tmf/media-types.js';
import type { MockContext, ResourceBehaviour } from './behaviour-kit.js';
import { requireObject } from './body.js';
import { MockHttpError } from './errors.js';
import type { Hub } from './hub.js';
import { Representer } from './representation.js';
import type { Resource, Store } from './store.js';

/**
 * The generic resource engine: create, patch, delete and behaviour-driven updates, each one
 * synchronous from read to write (see store.ts), each followed by the events the document defines.
 * Nothing here knows a particular API; that lives in mocks/<API>/.
 */
export interface ApiRuntime {
  api: ApiModel;
  schemas: SchemaSet;
  hub: Hub;
  resources: Map<string, ResourceRuntime>;
}

export interface ResourceRuntime {
  owner: ApiRuntime;
  model: ResourceModel;
  collection: string;
  behaviour: ResourceBehaviour;
  events: Partial<Record<EventKind, EventModel>>;
  /** Attributes the Update schema lists (id and href never). */
  patchable: Set<string>;
  representer: Representer;
}

export interface EngineOptions {
  clockMs: number;
  /** Origin for events not caused by a request (clocks). */
  origin: () => string;
  onEvent?: (apiId: string, event: Record<string, unknown>) => void;
  onTaskError?: (err: unknown) => void;
}

export function resourceRuntime(owner: ApiRuntime, model: ResourceModel, behaviour: ResourceBehaviour): ResourceRuntime {
  const events: Partial<Record<EventKind, EventModel>> = {};
  for (const ev of model.events) events[ev.kind] ??= ev;
  return {
    owner, model, behaviour, events,
    collection: `${owner.api.id}/${model.name}`,
    patchable: new Set(model.patchable),
    representer: new Representer(`${owner.api.basePath}${model.collectionPath}`),
  };
}

function failure(status: 400 | 404 | 409, message: string): MockHttpError {
  return new MockHttpError(status === 404 ? 'NOT_FOUND' : status === 409 ? 'CONFLICT' : 'INVALID_BODY', message, { status });
}

/** Attributes whose values differ (by JSON text: stored values are plain JSON). */
export function changedAttributes(before: Resource, after: Resource): string[] {
  const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
  return [...keys].filter((k) => JSON.stringify(before[k]) !== JSON.stringify(after[k]));
}

export class MockEngine {
  private readonly timers = new Set<NodeJS.Timeout>();
  private closed = false;

  constructor(private readonly store: Store, private readonly opts: EngineOptions) {}

  get(rt: ResourceRuntime, id: string): Resource {
    const r = this.store.get(rt.collection, id);
    if (!r) throw new MockHttpError('NOT_FOUND', `no ${rt.model.name} with id ${id.slice(0, 100)}`);
    return r;
  }

  create(rt: ResourceRuntime, raw: unknown, origin: string): Resource {
    const body = requireObject(raw, `POST ${rt.model.name}`);
    if (rt.model.createSchemaName) this.validate(rt, rt.model.createSchemaName, body, 'request body');
    const ctx = this.context(rt.owner, origin);
    const { id: _clientId, href: _clientHref, ...rest } = body;
    let draft: Resource = { id: ctx.newId(), ...rest };
    if (typeof draft['@type'] !== 'string') draft['@type'] = rt.model.schemaName;
    if (rt.behaviour.onCreate) draft = { ...rt.behaviour.onCreate(draft, ctx), id: draft.id };
    this.validate(rt, rt.model.schemaName, draft, `the resulting ${rt.model.schemaName}`);
    this.store.put(rt.collection, draft);
    this.emit(rt, 'create', draft, origin);
    rt.behaviour.afterCreate?.(draft, ctx);
    return this.store.get(rt.collection, draft.id) ?? draft;
  }

  patch(rt: ResourceRuntime, id: string, flavour: PatchFlavour, body: unknown, origin: string): Resource {
    const before = this.get(rt, id);
    if (flavour === 'merge') requireObject(body, `PATCH ${rt.model.name}`);
    else if (!Array.isArray(body)) throw new MockHttpError('INVALID_BODY', 'a JSON Patch body must be an array of operations');
    const touched = touchedAttributes(flavour, body);
    const refused = touched.filter((a) => !rt.patchable.has(a));
    if (refused.length) {
      throw new MockHttpError('NOT_PATCHABLE', `not patchable: ${refused.map((a) => `"${a.slice(0, 60)}"`).join(', ')}; ${rt.model.updateSchemaName ?? 'the Update schema'} allows ${[...rt.patchable].join(', ')}`);
    }
    let after: Resource = { ...applyPatch(flavour, before, body), id: before.id };
    const changed = Object.fromEntries(touched.filter((k) => Object.hasOwn(after, k)).map((k) => [k, after[k]]));
    if (rt.model.updateSchemaName) this.validate(rt, rt.model.updateSchemaName, changed, 'patched attributes');
    const ctx = this.context(rt.owner, origin);
    if (rt.behaviour.onPatch) after = { ...rt.behaviour.onPatch(before, after, ctx), id: before.id };
    this.validate(rt, rt.model.schemaName, after, `the patched ${rt.model.schemaName}`);
    return this.commit(rt, before, after, origin);
  }

  remove(rt: ResourceRuntime, id: string, origin: string): void {
    const before = this.get(rt, id);
    this.store.delete(rt.collection, id);
    this.emit(rt, 'delete', before, origin);
  }

  /** Stores a changed resource and sends StateChange and/or AttributeValueChange events for what changed. */
  commit(rt: ResourceRuntime, before: Resource, after: Resource, origin: string): Resource {
    this.store.put(rt.collection, after);
    const changed = changedAttributes(before, after);
    const { stateField: field, withState = [] } = rt.behaviour;
    const stateChanged = field !== undefined && changed.includes(field);
    const others = changed.some((k) => k !== field && !(stateChanged && withState.includes(k)));
    if (stateChanged && rt.events.stateChange) this.emit(rt, 'stateChange', after, origin);
    if (others || (stateChanged && !rt.events.stateChange)) this.emit(rt, 'attributeValueChange', after, origin);
    return after;
  }

  /** Runs each behaviour's onStart (clocks resume after a restart). */
  start(apis: readonly ApiRuntime[]): void {
    for (const api of apis) {
      for (const rt of api.resources.values()) rt.behaviour.onStart?.(this.context(api, this.opts.origin()));
    }
  }

  close(): void {
    this.closed = true;
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
  }

  context(api: ApiRuntime, origin: string): MockContext {
    const now = new Date().toISOString();
    const runtime = (name: string): ResourceRuntime => {
      const rt = api.resources.get(name);
      if (!rt) throw new Error(`${api.api.id} has no resource ${name}`);
      return rt;
    };
    return {
      now: () => now,
      newId: () => randomUUID(),
      clockMs: this.opts.clockMs,
      get: (name, id) => this.store.get(runtime(name).collection, id),
      list: (name) => this.store.list(runtime(name).collection),
      update: (name, id, change) => {
        const rt = runtime(name);
        const before = this.store.get(rt.collection, id);
        if (!before) return undefined;
        const after = change(before);
        return after === before ? before : this.commit(rt, before, { ...after, id }, origin);
      },
      schedule: (ms, task) => this.schedule(api, ms, task),
      fail: (status, message) => {
        throw failure(status, message);
      },
    };
  }

  private schedule(api: ApiRuntime, ms: number, task: (ctx: MockContext) => void): void {
    if (this.closed) return;
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      if (this.closed) return;
      try {
        task(this.context(api, this.opts.origin()));
      } catch (e) {
        this.opts.onTaskError?.(e);
      }
    }, ms);
    // Clocks must not keep a process alive on their own (tests, embedding).
    timer.unref();
    this.timers.add(timer);
  }

  private emit(rt: ResourceRuntime, kind: EventKind, resource: Resource, origin: string): void {
    const ev = rt.events[kind];
    if (!ev) return; // only the events the document defines for this resource
    const event = rt.owner.hub.publish(ev, rt.representer.represent(resource, origin));
    this.opts.onEvent?.(rt.owner.api.id, event);
  }

  private validate(rt: ResourceRuntime, schema: string, data: unknown, what: string): void {
    assertValid(rt.owner.schemas, schema, data, what);
  }
}

/** 400 with the first few schema errors, each with what was expected and found. */
export function assertValid(schemas: SchemaSet, schema: string, data: unknown, what: string): void {
  const result = schemas.validate(schema, data);
  if (result.valid) return;
  const details = result.errors.slice(0, 5).map((e) => `${e.message}${e.expected ? ` (expected ${e.expected}, found ${e.found ?? 'nothing'})` : ''}`);
  const more = result.errors.length > 5 ? `; and ${result.errors.length - 5} more` : '';
  throw new MockHttpError('INVALID_BODY', `${what} is invalid against ${schema}: ${details.join('; ')}${more}`);
}
