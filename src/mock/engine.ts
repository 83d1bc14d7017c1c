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
import { buildEvent } from './notifier.js';
import { StoredText, type Resource, type Store, type StoredEvent } from './store.js';

/**
 * The generic resource engine: create, patch, delete and behaviour-driven updates, each an atomic
 * write of the store (see store.ts) carrying the events the document defines for it.
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
  /** Events of a write once stored: delivered in process, or a nudge to the store's outbox. */
  dispatch: (events: readonly StoredEvent[]) => Promise<void>;
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

const notFound = (rt: ResourceRuntime, id: string): MockHttpError => new MockHttpError('NOT_FOUND', `no ${rt.model.name} with id ${id.slice(0, 100)}`);

/** Attributes whose values differ (by JSON text: stored values are plain JSON). */
export function changedAttributes(before: Resource, after: Resource): string[] {
  const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
  return [...keys].filter((k) => JSON.stringify(before[k]) !== JSON.stringify(after[k]));
}

/**
 * `scope` is the tenant's prefix of every collection name ('' without tenants): a tenant's requests
 * name only its own collections, so nothing else is reachable.
 */
export class MockEngine {
  private readonly timers = new Set<NodeJS.Timeout>();
  private closed = false;

  constructor(private readonly store: Store, private readonly opts: EngineOptions) {}

  async get(rt: ResourceRuntime, scope: string, id: string): Promise<Resource> {
    const r = await this.store.get(scope + rt.collection, id);
    if (!r) throw notFound(rt, id);
    return r;
  }

  /** GET by id as the client gets it: from the text the store kept, when it keeps one. */
  async getText(rt: ResourceRuntime, scope: string, id: string, origin: string): Promise<string> {
    const collection = scope + rt.collection;
    const r = this.store.getText ? await this.store.getText(collection, id) : await this.store.get(collection, id);
    if (!r) throw notFound(rt, id);
    return r instanceof StoredText ? rt.representer.textOf(r, origin) : rt.representer.text(r, origin);
  }

  async create(rt: ResourceRuntime, scope: string, raw: unknown, origin: string): Promise<Resource> {
    const body = requireObject(raw, `POST ${rt.model.name}`);
    if (rt.model.createSchemaName) this.validate(rt, rt.model.createSchemaName, body, 'request body');
    const ctx = this.context(rt.owner, scope, origin);
    const { id: _clientId, href: _clientHref, ...rest } = body;
    let draft: Resource = { id: ctx.newId(), ...rest };
    if (typeof draft['@type'] !== 'string') draft['@type'] = rt.model.schemaName;
    if (rt.behaviour.onCreate) draft = { ...(await rt.behaviour.onCreate(draft, ctx)), id: draft.id };
    this.validate(rt, rt.model.schemaName, draft, `the resulting ${rt.model.schemaName}`);
    const events = this.events(rt, scope, 'create', draft, origin);
    await this.store.insert(scope + rt.collection, draft, events);
    await this.published(rt, events);
    await rt.behaviour.afterCreate?.(draft, ctx);
    return (await this.store.get(scope + rt.collection, draft.id)) ?? draft;
  }

  async patch(rt: ResourceRuntime, scope: string, id: string, flavour: PatchFlavour, body: unknown, origin: string): Promise<Resource> {
    const touched = () => {
      if (flavour === 'merge') requireObject(body, `PATCH ${rt.model.name}`);
      else if (!Array.isArray(body)) throw new MockHttpError('INVALID_BODY', 'a JSON Patch body must be an array of operations');
      const names = touchedAttributes(flavour, body);
      const refused = names.filter((a) => !rt.patchable.has(a));
      if (refused.length) {
        throw new MockHttpError('NOT_PATCHABLE', `not patchable: ${refused.map((a) => `"${a.slice(0, 60)}"`).join(', ')}; ${rt.model.updateSchemaName ?? 'the Update schema'} allows ${[...rt.patchable].join(', ')}`);
      }
      return names;
    };
    const ctx = this.context(rt.owner, scope, origin);
    let events: StoredEvent[] = [];
    const done = await this.store.update(scope + rt.collection, id, async (before) => {
      const names = touched();
      let after: Resource = { ...applyPatch(flavour, before, body), id: before.id };
      const changed = Object.fromEntries(names.filter((k) => Object.hasOwn(after, k)).map((k) => [k, after[k]]));
      if (rt.model.updateSchemaName) this.validate(rt, rt.model.updateSchemaName, changed, 'patched attributes');
      if (rt.behaviour.onPatch) after = { ...(await rt.behaviour.onPatch(before, after, ctx)), id: before.id };
      this.validate(rt, rt.model.schemaName, after, `the patched ${rt.model.schemaName}`);
      events = this.changeEvents(rt, scope, before, after, origin);
      return { resource: after, events };
    });
    if (!done) throw notFound(rt, id);
    await this.published(rt, events);
    return done.after;
  }

  async remove(rt: ResourceRuntime, scope: string, id: string, origin: string): Promise<void> {
    let events: StoredEvent[] = [];
    const removed = await this.store.delete(scope + rt.collection, id, (before) => (events = this.events(rt, scope, 'delete', before, origin)));
    if (!removed) throw notFound(rt, id);
    await this.published(rt, events);
  }

  /** Changes a stored resource and sends StateChange and/or AttributeValueChange events for what changed. */
  async update(rt: ResourceRuntime, scope: string, id: string, change: (current: Resource) => Resource, origin: string): Promise<Resource | undefined> {
    let events: StoredEvent[] = [];
    const done = await this.store.update(scope + rt.collection, id, (before) => {
      const after = { ...change(before), id };
      events = this.changeEvents(rt, scope, before, after, origin);
      return { resource: after, events };
    });
    await this.published(rt, events);
    return done?.after;
  }

  /** StateChange and/or AttributeValueChange events for what changed between two versions. */
  private changeEvents(rt: ResourceRuntime, scope: string, before: Resource, after: Resource, origin: string): StoredEvent[] {
    const changed = changedAttributes(before, after);
    const { stateField: field, withState = [] } = rt.behaviour;
    const stateChanged = field !== undefined && changed.includes(field);
    const others = changed.some((k) => k !== field && !(stateChanged && withState.includes(k)));
    const out: StoredEvent[] = [];
    if (stateChanged && rt.events.stateChange) out.push(...this.events(rt, scope, 'stateChange', after, origin));
    if (others || (stateChanged && !rt.events.stateChange)) out.push(...this.events(rt, scope, 'attributeValueChange', after, origin));
    return out;
  }

  /** Runs each behaviour's onStart in a tenant's space (clocks resume after a restart). */
  async start(apis: readonly ApiRuntime[], scope: string): Promise<void> {
    for (const api of apis) {
      for (const rt of api.resources.values()) await rt.behaviour.onStart?.(this.context(api, scope, this.opts.origin()));
    }
  }

  close(): void {
    this.closed = true;
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
  }

  context(api: ApiRuntime, scope: string, origin: string): MockContext {
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
      get: (name, id) => this.store.get(scope + runtime(name).collection, id),
      list: (name) => this.store.list(scope + runtime(name).collection),
      update: (name, id, change) => this.update(runtime(name), scope, id, change, origin),
      schedule: (ms, task) => this.schedule(api, scope, ms, task),
      fail: (status, message) => {
        throw failure(status, message);
      },
    };
  }

  private schedule(api: ApiRuntime, scope: string, ms: number, task: (ctx: MockContext) => void | Promise<void>): void {
    if (this.closed) return;
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      if (this.closed) return;
      Promise.resolve()
        .then(() => task(this.context(api, scope, this.opts.origin())))
        .catch((e: unknown) => {
          if (!this.closed) this.opts.onTaskError?.(e);
        });
    }, ms);
    // Clocks must not keep a process alive on their own (tests, embedding).
    timer.unref();
    this.timers.add(timer);
  }

  /** The event the document defines for this kind of change, if any, with the resource as clients see it. */
  private events(rt: ResourceRuntime, scope: string, kind: EventKind, resource: Resource, origin: string): StoredEvent[] {
    const ev = rt.events[kind];
    if (!ev) return [];
    const { api } = rt.owner;
    return [{ apiId: api.id, hub: rt.owner.hub.collectionFor(scope), mediaType: api.mediaType, body: buildEvent(ev, rt.representer.represent(resource, origin)) }];
  }

  private async published(rt: ResourceRuntime, events: readonly StoredEvent[]): Promise<void> {
    if (events.length === 0) return;
    for (const e of events) this.opts.onEvent?.(rt.owner.api.id, e.body);
    await this.opts.dispatch(events);
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
