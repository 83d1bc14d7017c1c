/** TMF671 FLOW1 (v4.1.0 only): a promotion's attachment, new in v4.1.0, is kept and returned. */
import { echoCheck, okChecks } from '../../src/suite/steps.js';
import type { Case, FlowContext } from '../../src/core/case-model.js';

export function promotionFlows(ctx: FlowContext): Case[] {
  if (ctx.version !== '4.1.0') return [];
  const body = { name: 'tmf-ctk promotion with attachment {{runId}}', attachment: ctx.resources.promotion!.rich.attachment };
  return [{
    id: 'TC_Promotion_FLOW1', api: 'TMF671', resource: 'promotion', mandatory: false, feature: 'flows',
    title: 'v4.1.0: a promotion with an attachment keeps it on create and retrieve',
    steps: [
      { name: 'create with an attachment', op: { resource: 'promotion', kind: 'create' }, expect: [201],
        request: { method: 'POST', path: '/promotion', body }, checks: okChecks(echoCheck(body, 'sent on create')),
        capture: [{ as: 'created', pointer: '' }] },
      { name: 'retrieve', op: { resource: 'promotion', kind: 'retrieve' }, expect: [200],
        request: { method: 'GET', path: '/promotion/{{created.id}}' }, checks: okChecks(echoCheck(body, 'sent on create', '{{created.id}}')) },
    ],
    cleanup: [{ name: 'cleanup: delete created', op: { resource: 'promotion', kind: 'delete' }, request: { method: 'DELETE', path: '/promotion/{{created.id}}' }, expect: [204], checks: [] }],
  }];
}
