/**
 * TMF622 flows. FLOW1: an order reaches a final state by itself (polled), and can then be found by it.
 * FLOW2: a cancel request is handled: it reaches `done` or `terminatedWithError`, and a done cancellation
 * leaves the order cancelled (or on its way there).
 */
import { checks, okChecks } from '../../src/suite/steps.js';
import type { Case, CheckUse, FlowContext, Step } from '../../src/core/case-model.js';

const FINAL_ORDER = ['completed', 'failed', 'partial', 'rejected', 'cancelled'];
const TASK_STATES = ['acknowledged', 'terminatedWithError', 'inProgress', 'done'];
const FINAL_TASK = ['done', 'terminatedWithError'];

const value = (pointer: string, oneOf: string[], when?: { value: string; equals: string }, optional = false): CheckUse =>
  ({ id: 'attribute-value', params: { pointer, oneOf, ...(when ? { when } : {}), ...(optional ? { optional } : {}) } });

function createOrder(ctx: FlowContext, as: string): Step {
  return { name: 'create an order', op: { resource: 'productOrder', kind: 'create' }, expect: [201],
    request: { method: 'POST', path: '/productOrder', body: ctx.resources.productOrder!.minimal },
    checks: checks('status-code-conformance', 'no-server-error', 'json-body'), capture: [{ as, pointer: '' }] };
}

function poll(ctx: FlowContext, name: string, path: string, until: CheckUse, as: string, resource: string): Step {
  return { name, op: { resource, kind: 'retrieve' }, expect: [200], request: { method: 'GET', path },
    checks: okChecks(until), poll: { until, timeoutMs: ctx.timeouts.flowMs, intervalMs: ctx.timeouts.pollMs }, capture: [{ as, pointer: '' }] };
}

const deleteOrder = { name: 'cleanup: delete order', op: { resource: 'productOrder', kind: 'delete' as const },
  request: { method: 'DELETE' as const, path: '/productOrder/{{order.id}}' }, expect: [204], checks: [] };

export function orderFlows(ctx: FlowContext): Case[] {
  const finalState: Case = {
    id: 'TC_ProductOrder_FLOW1', api: 'TMF622', resource: 'productOrder', mandatory: false, feature: 'flows',
    title: `An order reaches a final state (${FINAL_ORDER.join(', ')}) and can be searched by it (waited for ${ctx.timeouts.flowMs / 1000} s; not observed in time is inconclusive)`,
    steps: [
      createOrder(ctx, 'order'),
      poll(ctx, 'wait for a final state', '/productOrder/{{order.id}}', value('/state', FINAL_ORDER), 'final', 'productOrder'),
      { name: 'search by the final state', op: { resource: 'productOrder', kind: 'list' }, expect: [200, 206],
        request: { method: 'GET', path: '/productOrder', query: [['state', '{{final.state}}'], ['id', '{{order.id}}']] },
        checks: okChecks('filter-applied', { id: 'list-contains', params: { id: '{{order.id}}' } }) },
    ],
    cleanup: [deleteOrder],
  };
  const cancel: Case = {
    id: 'TC_ProductOrder_FLOW2', api: 'TMF622', resource: 'cancelProductOrder', mandatory: false, feature: 'flows',
    title: `A cancel request is handled: it reaches done or terminatedWithError (waited for ${ctx.timeouts.flowMs / 1000} s; not observed in time is inconclusive), and a done cancellation cancels the order`,
    steps: [
      createOrder(ctx, 'order'),
      { name: 'request the cancellation', op: { resource: 'cancelProductOrder', kind: 'create' }, expect: [201],
        request: { method: 'POST', path: '/cancelProductOrder', body: { cancellationReason: 'tmf-ctk cancellation', productOrder: { id: '{{order.id}}', href: '{{order.href}}', '@referredType': 'ProductOrder' } } },
        // A cancel request's state is not required (see index.ts): judged when sent; waited for below.
        checks: okChecks(value('/state', TASK_STATES, undefined, true)), capture: [{ as: 'cancel', pointer: '' }] },
      poll(ctx, 'wait for the cancel request to finish', '/cancelProductOrder/{{cancel.id}}', value('/state', FINAL_TASK), 'cancelFinal', 'cancelProductOrder'),
      { name: 'retrieve the order', op: { resource: 'productOrder', kind: 'retrieve' }, expect: [200],
        request: { method: 'GET', path: '/productOrder/{{order.id}}' },
        checks: okChecks(value('/state', ['cancelled', 'pendingCancellation', 'assessingCancellation'], { value: '{{cancelFinal.state}}', equals: 'done' })) },
    ],
    cleanup: [deleteOrder],
  };
  return [finalState, cancel];
}
