/**
 * PAGING1: offset and limit. Two resources exist; page `offset=0, limit=1` (read twice: the server's order
 * must be stable for offset to be judged) and page `offset=1, limit=1` must be consistent pages, the second
 * continuing the first; the page at offset X-Total-Count−1 holds an item (the total is not too high) and the
 * page at X-Total-Count is empty (not too low), answered 200 or 206, never 5xx; a Link header, when sent,
 * parses and its first/next/prev/last URIs fetch the pages they name.
 */
import { makeCase, type ResourceContext } from './context.js';
import { checks, cleanupDelete, createStep, LIST_STATUSES, listRequest, okChecks } from './steps.js';
import type { Capture, Case, CheckUse, Step } from '../core/case-model.js';
import type { CheckId } from '../core/check-ids.js';

const ANSWERED: CheckId[] = ['status-code-conformance', 'no-server-error', 'json-body'];

function pageStep(ctx: ResourceContext, name: string, offset: string, stepChecks: CheckUse[], as: string): Step {
  const capture: Capture[] = [{ as, pointer: '' }, { as: `${as}Headers`, pointer: '', from: 'headers' }, { as: `${as}Links`, pointer: '', from: 'links' },
    { as: `${as}Paging`, pointer: '', from: 'paging' }];
  return { name, op: { resource: ctx.resource.name, kind: 'list' }, request: listRequest(ctx.resource, [['offset', offset], ['limit', '1']]), expect: LIST_STATUSES, checks: stepChecks, capture };
}

/** Fetches the URI a Link relation names; skipped when the server sends no such link. */
function followStep(ctx: ResourceContext, from: string, rel: string, params: Record<string, unknown>): Step {
  return { name: `follow Link rel="${rel}" of ${from}`, op: { resource: ctx.resource.name, kind: 'list' }, request: { method: 'GET', url: `{{${from}Links.${rel}}}` },
    expect: LIST_STATUSES, checks: checks(...ANSWERED, { id: 'same-page', params: { rel, ...params } }), optionalVars: true };
}

export function pagingCase(ctx: ResourceContext): Case {
  const r = ctx.resource;
  const headers: CheckUse = { id: 'paging-headers', params: { minTotal: 2 } };
  const steps: Step[] = [
    createStep(r, ctx.data.minimal, 'created', 'setup: create first'), createStep(r, ctx.data.minimal, 'second', 'setup: create second'),
    pageStep(ctx, 'page offset=0 limit=1', '0', okChecks(headers, 'link-header'), 'page0'),
    pageStep(ctx, 'page offset=0 limit=1, read again', '0', checks(...ANSWERED), 'page0again'),
    pageStep(ctx, 'page offset=1 limit=1', '1', okChecks(headers, 'link-header', { id: 'offset-honoured', params: { previous: ['{{page0}}', '{{page0again}}'] } }), 'page1'),
    { name: 'page at the last item (offset=X-Total-Count-1)', op: { resource: r.name, kind: 'list' }, request: listRequest(r, [['offset', '{{page0Paging.lastIndex}}'], ['limit', '1']]),
      expect: LIST_STATUSES, checks: checks(...ANSWERED, { id: 'total-count', params: { lastItem: true } }), optionalVars: true },
    { name: 'page past the end (offset=X-Total-Count)', op: { resource: r.name, kind: 'list' }, request: listRequest(r, [['offset', '{{page0Paging.total}}'], ['limit', '1']]),
      expect: LIST_STATUSES, checks: checks(...ANSWERED, 'empty-page'), optionalVars: true },
    followStep(ctx, 'page0', 'next', { expected: '{{page1}}' }),
    followStep(ctx, 'page1', 'prev', { expected: '{{page0}}' }),
    followStep(ctx, 'page1', 'first', { expected: '{{page0}}' }),
    followStep(ctx, 'page0', 'last', { last: true }),
  ];
  return makeCase(ctx, 'PAGING1', {
    title: `Page through ${r.name} with offset and limit: consistent pages and headers (200 or 206), offset honoured, an empty page past the end, Link URIs that fetch the pages they name`,
    feature: 'paging', mandatory: ctx.data.features?.paging ?? ctx.suite.features.paging, steps,
    cleanup: [...cleanupDelete(r), ...cleanupDelete(r, 'second')],
  });
}
