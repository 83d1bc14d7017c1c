/**
 * Event steps: wait at the runner's listener for the notification a step expects (or, after unsubscribing,
 * for silence). The received callback is recorded as an exchange the target initiated: its POST as the
 * request, the listener's 201 as the response.
 */
import type { Exchange } from './results.js';
import type { StepEnv } from './step.js';
import type { Step } from './suite/types.js';
import { resolveTemplate, type Vars } from './template.js';

export async function waitForEvent(step: Step, vars: Vars, env: StepEnv): Promise<Exchange> {
  const wait = step.event!;
  const startedAt = new Date().toISOString();
  const listener = env.listener;
  const url = listener?.url ?? '(no listener)';
  if (!listener) return { step: step.name, request: { method: 'POST', url, headers: {} }, startedAt, error: 'no notification listener is running' };
  const resourceId = resolveTemplate(wait.resourceId, vars);
  const model = env.api.events.find((e) => e.eventType === wait.eventType);
  const match = { eventType: wait.eventType, resourceId, envelopeKey: model?.envelopeKey ?? 'event', payloadKey: model?.payloadKey ?? '' };
  const t0 = performance.now();
  const ms = wait.expectNone ? env.quietMs : env.eventTimeoutMs;
  const event = await listener.waitFor(match, ms);
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
