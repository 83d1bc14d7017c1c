/**
 * One case as a Postman folder: its steps, then its cleanup, as requests in order. Each request shows the
 * template as Postman users write it (`{{baseUrl}}/shoppingCart/{{created.id}}`, the JSON body) and carries
 * two one-line scripts that hand over to the tmf-ctk library, which sends exactly what the native runner
 * sends and asserts the step's checks. A case that cannot run in Postman is one request that is never sent,
 * whose skipped assertion says why. In strict mode the API's strict case comes last, one request never sent
 * whose assertions are the native strict case's checks, from the leniencies the run's answers took.
 */
import type { Case, RequestTemplate, Step } from '../core/case-model.js';
import { strictCaseId, strictTitle } from '../runner/strict.js';
import { leniency, type LeniencyId } from '../tmf/policy.js';
import type { PostmanEvent, PostmanHeader, PostmanItem, PostmanRequest } from './postman.js';
import { BUILD_VARIABLE, LENIENCIES_VARIABLE, LIBRARY_VARIABLE, type SandboxStep } from './suite-json.js';

const script = (listen: PostmanEvent['listen'], lines: string[]): PostmanEvent => ({ listen, script: { type: 'text/javascript', exec: lines } });

export const CLEANUP_SUFFIX = ':cleanup';

/**
 * First lines of every pre-request script: load the library once per run. `tmfCtk` is an undeclared global on
 * purpose: postman-sandbox keeps it for the whole run. In every request rather than at collection level,
 * because each collection-level script is one more sandbox execution per request.
 */
export const LOADER = [
  '// tmf-ctk: the conformance library, loaded once per run (see the collection description)',
  `if (typeof tmfCtk === 'undefined' || tmfCtk.build !== pm.collectionVariables.get('${BUILD_VARIABLE}')) tmfCtk = eval(pm.collectionVariables.get('${LIBRARY_VARIABLE}')`
    + ` || 'throw new Error("tmf-ctk: the variable ${LIBRARY_VARIABLE} is empty; import the collection again")').load(pm);`,
];

export function urlTemplate(t: RequestTemplate): string {
  const base = t.url ?? `{{baseUrl}}${t.path ?? ''}`;
  const query = (t.query ?? []).map(([k, v]) => `${k}=${v}`).join('&');
  return query ? `${base}?${query}` : base;
}

function bodyOf(t: RequestTemplate): PostmanRequest['body'] | undefined {
  if (t.rawBody !== undefined) return { mode: 'raw', raw: t.rawBody };
  if (t.body === undefined) return undefined;
  return { mode: 'raw', raw: JSON.stringify(t.body, null, 2), options: { raw: { language: 'json' } } };
}

function requestOf(t: RequestTemplate): PostmanRequest {
  const body = bodyOf(t);
  // The same headers as src/runner/request.ts; the pre-request script sets them again with the user's.
  const header: PostmanHeader[] = [{ key: 'accept', value: 'application/json' }];
  if (body) header.push({ key: 'content-type', value: t.contentType ?? 'application/json' });
  for (const [key, value] of Object.entries(t.headers ?? {})) header.push({ key, value });
  return { method: t.method, header, url: urlTemplate(t), ...(body ? { body } : {}) };
}

/** The step as the pre-request script hands it to the library (pretty JSON: Postman users read it). */
function preScript(c: Case, index: number, data: SandboxStep): string[] {
  const json = JSON.stringify(data, null, 2).split('\n');
  return [...LOADER, `tmfCtk.pre(pm, ${JSON.stringify(c.id)}, ${index}, ${json[0]}`, ...json.slice(1, -1), `${json[json.length - 1]});`];
}

function stepItem(c: Case, step: Step, index: number, cleanup: boolean, data: SandboxStep): PostmanItem {
  const call = (fn: string) => `tmfCtk.${fn}(pm, ${JSON.stringify(c.id)}, ${index});`;
  const checks = step.checks.map((k) => k.id);
  const test = cleanup
    ? ['// cleanup: recorded, never judged', call('test')]
    : [`// checks: ${checks.join(', ') || 'none'}${step.capture?.length ? `; captures: ${step.capture.map((k) => k.as).join(', ')}` : ''}`, call('test')];
  const notes = [
    step.poll ? `Repeated every ${step.poll.intervalMs} ms for up to ${step.poll.timeoutMs} ms until ${step.poll.until.id} passes.` : '',
    step.optionalVars ? 'Skipped when a value it uses was not returned by the target.' : '',
  ].filter(Boolean).join(' ');
  return {
    // Cleanup requests are marked in their id: the adapter records them without judging them.
    id: `${c.id}#${index}${cleanup ? CLEANUP_SUFFIX : ''}`,
    name: step.name,
    request: { ...requestOf(step.request!), ...(notes ? { description: notes } : {}) },
    event: [script('prerequest', preScript(c, index, data)), script('test', test)],
  };
}

function noteItem(c: Case, reason: string): PostmanItem {
  return {
    id: `${c.id}#note`,
    name: `not run in Postman: ${reason}`,
    request: { method: 'GET', url: '{{baseUrl}}', description: 'Never sent: its pre-request script skips it and records why.' },
    event: [script('prerequest', [...LOADER, `tmfCtk.note(pm, ${JSON.stringify(c.id)});`])],
  };
}

export function folderName(c: Case): string {
  return `${c.id} ${c.title}${c.mandatory ? '' : ' [optional]'}`;
}

function describe(c: Case, skip: string | undefined): string {
  const lines = [
    c.title, '',
    `- ${c.mandatory ? 'mandatory: a failure fails conformance' : 'optional: does not decide conformance'}`,
    `- feature: ${c.feature}${c.resource ? `; resource: ${c.resource}` : ''}`,
  ];
  if (skip) lines.push(`- not run in Postman: ${skip}`);
  else {
    lines.push('', 'Steps:');
    c.steps.forEach((s, i) => lines.push(`${i + 1}. ${s.name}: ${s.request?.method} ${urlTemplate(s.request!)} → ${s.expect.join(' or ')}`));
    if (c.cleanup.length) lines.push('', `Cleanup: ${c.cleanup.map((s) => s.name).join('; ')}`);
  }
  return lines.join('\n');
}

/** The folder of one case; `skip` exports it as a note (notifications, not applicable, skipped by the config). */
export function caseFolder(c: Case, skip: string | undefined, data: (step: Step) => SandboxStep): PostmanItem {
  const items = skip
    ? [noteItem(c, skip)]
    : [...c.steps.map((s, i) => stepItem(c, s, i, false, data(s))), ...c.cleanup.map((s, i) => stepItem(c, s, c.steps.length + i, true, { ...data(s), cleanup: true }))];
  return { id: c.id, name: folderName(c), description: describe(c, skip), item: items };
}

/**
 * Strict mode: the API's strict case, after every other (`TC_<API>_STRICT`, as in a native run). Its one
 * request is never sent: its pre-request script reports one `strict` check per tightened leniency, failed when
 * an answer of the run took it (the cases are listed; `ctk.leniencies` holds them).
 */
export function strictFolder(apiId: string, ids: readonly LeniencyId[]): PostmanItem {
  const id = strictCaseId(apiId);
  const title = strictTitle(ids);
  const description = [
    title, '',
    '- mandatory: a failure fails conformance',
    `- every answer is judged with the default reading; each leniency an answer took is recorded in the collection variable ${LENIENCIES_VARIABLE},`,
    '  and fails here once, listing the cases that took it:',
    ...ids.map((l) => `  - ${l}: ${leniency(l)!.strict}`),
  ].join('\n');
  return {
    id, name: `${id} ${title}`, description,
    item: [{
      id: `${id}#strict`,
      name: 'strict mode: one check per leniency',
      request: { method: 'GET', url: '{{baseUrl}}', description: `Never sent: its pre-request script judges the leniencies recorded in ${LENIENCIES_VARIABLE}.` },
      event: [script('prerequest', [...LOADER, 'tmfCtk.strict(pm);'])],
    }],
  };
}
