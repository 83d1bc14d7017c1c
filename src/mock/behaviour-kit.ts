/**
 * What a per-API behaviour (`mocks/<API>/behaviour.ts`) may do: small hooks around the generic
 * engine, plus a state-machine helper so most APIs are data. This module imports nothing from the
 * engine, so behaviours can load before it.
 */
import type { Resource } from './store.js';

export type { Resource };

/** What a hook can ask of the engine. Changes made through it are stored and notified like a PATCH. */
export interface MockContext {
  /** The time now as an ISO 8601 string (one clock for a whole request). */
  now(): string;
  newId(): string;
  /** Milliseconds per automatic state step (`--clock-ms`); 0 means states never move by themselves. */
  readonly clockMs: number;
  get(resource: string, id: string): Promise<Resource | undefined>;
  list(resource: string): Promise<readonly Resource[]>;
  /**
   * Replaces a stored resource with `change(current)`, serialised against other updates of it (any
   * instance); events follow from the difference. Undefined if it is gone.
   */
  update(resource: string, id: string, change: (current: Resource) => Resource): Promise<Resource | undefined>;
  /** Runs `task` later, with a fresh context, on a timer the server owns (cleared when it closes). */
  schedule(ms: number, task: (ctx: MockContext) => void | Promise<void>): void;
  /** Refuses the request with a TMF Error (400 invalid, 404 missing, 409 conflict). */
  fail(status: 400 | 404 | 409, message: string): never;
}

export interface ResourceBehaviour {
  /** The attribute whose change is a state change (StateChangeEvent rather than AttributeValueChangeEvent). */
  stateField?: string;
  /**
   * Attributes that change along with the state (dates, item states): when the state changes, their
   * change is part of the StateChangeEvent, not an AttributeValueChangeEvent of its own.
   */
  withState?: string[];
  /** Completes a new resource (server-set dates, states, computed values) before it is validated and stored. */
  onCreate?(draft: Resource, ctx: MockContext): Resource | Promise<Resource>;
  /**
   * Completes or refuses a patched resource before it is validated and stored. It runs while the
   * resource is locked: read other resources through ctx if needed, but do not update this one.
   */
  onPatch?(before: Resource, after: Resource, ctx: MockContext): Resource | Promise<Resource>;
  /** After a create was stored and notified: side effects on other resources, clocks. */
  afterCreate?(created: Resource, ctx: MockContext): void | Promise<void>;
  /** When the server starts (and for each tenant): resume clocks of stored resources (after a restart with --data). */
  onStart?(ctx: MockContext): void | Promise<void>;
}

export interface ApiBehaviour {
  resources: Record<string, ResourceBehaviour>;
}

/** Seed data: resource name → records, stored as they are (server-set attributes included, no href). */
export type SeedData = Readonly<Record<string, readonly unknown[]>>;

/**
 * What an API's folder under mocks/ adds to the generic engine, handed in by the composition module
 * (src/composition.ts): the engine never imports per-API content itself.
 */
export interface MockContent {
  behaviour?: ApiBehaviour;
  seed?: SeedData;
  /** Where the seed came from, for warnings (`mocks/TMF663/seed.json`). */
  seedSource?: string;
}

/** Per-API content by API id (every version of an id shares it) or by `id@version` (that version only, wins). */
export type MockContentTable = Readonly<Record<string, MockContent>>;

/** The key of an API version's content in a table: `TMF663@5.0.0` when present, else `TMF663`. */
export function contentKey(content: MockContentTable | undefined, apiId: string, version: string): string {
  const versioned = `${apiId}@${version}`;
  return content && Object.hasOwn(content, versioned) ? versioned : apiId;
}

/** The hooks of one resource; an API or resource without any gets the generic engine only. */
export function behaviourOf(content: MockContentTable | undefined, apiId: string, resource: string): ResourceBehaviour {
  const api = content && Object.hasOwn(content, apiId) ? content[apiId]?.behaviour : undefined;
  return (api && Object.hasOwn(api.resources, resource) ? api.resources[resource] : undefined) ?? {};
}

export interface StateMachine {
  field: string;
  initial: string;
  /** Allowed next states per state; a state listed with [] is final. States not listed may move anywhere. */
  next: Record<string, string[]>;
  /** Keep a client-supplied state on create (the Create schema lists the field); else the server sets `initial`. */
  clientMaySet?: boolean;
  /** Set to now whenever the state changes (and on create). */
  dateField?: string;
}

/** Create and patch hooks enforcing a state machine: unknown current states are not second-guessed. */
export function stateMachine(sm: StateMachine): ResourceBehaviour {
  return {
    stateField: sm.field,
    withState: sm.dateField ? [sm.dateField] : [],
    onCreate(draft, ctx) {
      const state = sm.clientMaySet && typeof draft[sm.field] === 'string' ? draft[sm.field] : sm.initial;
      return { ...draft, [sm.field]: state, ...(sm.dateField ? { [sm.dateField]: ctx.now() } : {}) };
    },
    onPatch(before, after, ctx) {
      const from = before[sm.field];
      const to = after[sm.field];
      if (from === to) return after;
      const allowed = typeof from === 'string' && Object.hasOwn(sm.next, from) ? sm.next[from]! : undefined;
      if (allowed && !allowed.includes(String(to))) {
        ctx.fail(409, allowed.length === 0
          ? `${sm.field} "${from}" is final and cannot change`
          : `${sm.field} cannot move from "${from}" to "${String(to)}"; allowed: ${allowed.join(', ')}`);
      }
      return sm.dateField ? { ...after, [sm.dateField]: ctx.now() } : after;
    },
  };
}

/** Chains behaviours: hooks run in order, each on the result of the previous; the last stateField wins. */
export function compose(...parts: ResourceBehaviour[]): ResourceBehaviour {
  const out: ResourceBehaviour = {};
  for (const p of parts) if (p.stateField) out.stateField = p.stateField;
  const withState = parts.flatMap((p) => p.withState ?? []);
  if (withState.length) out.withState = withState;
  const creates = parts.flatMap((p) => (p.onCreate ? [p.onCreate] : []));
  const patches = parts.flatMap((p) => (p.onPatch ? [p.onPatch] : []));
  const afters = parts.flatMap((p) => (p.afterCreate ? [p.afterCreate] : []));
  const starts = parts.flatMap((p) => (p.onStart ? [p.onStart] : []));
  if (creates.length) {
    out.onCreate = async (draft, ctx) => {
      let r = draft;
      for (const f of creates) r = await f(r, ctx);
      return r;
    };
  }
  if (patches.length) {
    out.onPatch = async (before, after, ctx) => {
      let r = after;
      for (const f of patches) r = await f(before, r, ctx);
      return r;
    };
  }
  if (afters.length) out.afterCreate = async (created, ctx) => { for (const f of afters) await f(created, ctx); };
  if (starts.length) out.onStart = async (ctx) => { for (const f of starts) await f(ctx); };
  return out;
}

/** Sets attributes to now on create and on every patch (`lastModified`, `lastUpdate`). */
export function touchDates(onCreate: string[], onPatch: string[] = onCreate): ResourceBehaviour {
  const stamp = (r: Resource, fields: string[], now: string): Resource => ({ ...r, ...Object.fromEntries(fields.map((f) => [f, now])) });
  return {
    withState: [...new Set([...onCreate, ...onPatch])],
    onCreate: (draft, ctx) => stamp(draft, onCreate, ctx.now()),
    onPatch: (_before, after, ctx) => stamp(after, onPatch, ctx.now()),
  };
}
