/**
 * Event steps: wait at the runner's listener for the notification a step expects (or, after unsubscribing,
 * for silence). The received callback is recorded as an exchange the target initiated: its POST as the
 * request, the listener's 201 as the response. The resource is looked for under either envelope key
 * (`event-envelope` in src/tmf/policy.ts): the `event-conformance` check judges which one came.
 */
import { envelopeKeys } from '../tmf/policy.js';
import type { EventMatch, Listener, ReceivedEvent } from './listener.js';
import type { Exchange } from '../core/results.js';
import type { StepEnv } from './step-env.js';
import type { Step } from '../core/case-model.js';
import { resolveTemplate, type Vars } from '../core/template.js';

/** How often the envelope keys other than the document's are looked at while waiting. */
const OTHER_KEYS_POLL_MS = 25;

/**
 * The first event matching under any of `matches`, waiting up to `ms`. The listener wakes a waiter only for
 * its one match (the document's key, first): the others are looked at every OTHER_KEYS_POLL_MS.
 */
async function waitForAny(listener: Listener, matches: EventMatch[], ms: number): Promise<ReceivedEvent | undefined> {
  const deadline = performance.now() + ms;
  for (;;) {
    for (const m of matches) {
      const hit = listener.find(m);
      if (hit) return hit;
    }
    const left = deadline - performance.now();
    if (left <= 0) return undefined;
    const hit = await listener.waitFor(matches[0]!, matches.length > 1 ? Math.min(left, OTHER_KEYS_POLL_MS) : left);
    if (hit) return hit;
  }
}

export async function waitForEvent(step: Step, vars: Vars, env: StepEnv): Promise<Exchange> {
  const wait = step.event!;
  const startedAt = new Date().toISOString();
  const listener = env.listener;
  const url = listener?.url ?? '(no listener)';
  if (!listener) return { step: step.name, request: { method: 'POST', url, headers: {} }, startedAt, error: 'no notification listener is running' };
  const resourceId = resolveTemplate(wait.resourceId, vars);
  const model = env.api.events.find((e) => e.eventType === wait.eventType);
  const matches = envelopeKeys(model?.envelopeKey ?? 'event')
    .map((envelopeKey) => ({ eventType: wait.eventType, resourceId, envelopeKey, payloadKey: model?.payloadKey ?? '' }));
  const t0 = performance.now();
  const ms = wait.expectNone ? env.quietMs : env.eventTimeoutMs;
  const event = await waitForAny(listener, matches, ms);
  const durationMs = Math.round(performance.now() - t0);
  if (!event) {
    const base = { step: step.name, request: { method: 'POST', url, headers: {} }, startedAt };
    return wait.expectNone ? base : { ...base, error: `no ${wait.eventType} naming ${String(resourceId)} arrived at ${url} within ${ms} ms` };
  }
  return {
    step: step.name, startedAt,
    request: { method: 'POST', url: `${url}${event.path}`, headers: event.headers, body: event.body },
    response: { status: 201, headers: { 'content-type': 'application/json' }, body: '{}', durationMs },
  };
}
