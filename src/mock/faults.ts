import type { FastifyInstance } from 'fastify';
import { setTimeout as sleep } from 'node:timers/promises';
import { sendError } from './errors.js';

/**
 * Client resilience testing: `--latency MS` delays every API request; `--fault-rate R` answers that
 * fraction of API requests with a TMF 500 or 503 Error instead of serving them. Hooks are added only
 * when asked for, so a plain mock pays nothing for them.
 */
export interface FaultOptions {
  latencyMs: number;
  faultRate: number;
  mediaType: string;
  /** Injectable for deterministic tests. */
  random: () => number;
}

export function installFaults(scope: FastifyInstance, o: FaultOptions): void {
  if (o.latencyMs > 0) {
    scope.addHook('onRequest', async () => {
      await sleep(o.latencyMs);
    });
  }
  if (o.faultRate > 0) {
    scope.addHook('onRequest', (_req, reply, done) => {
      if (o.random() >= o.faultRate) return done();
      const status = o.random() < 0.5 ? 500 : 503;
      if (status === 503) reply.header('retry-after', '1');
      sendError(reply, o.mediaType, status, 'FAULT_INJECTED', `fault injected by the mock (--fault-rate ${o.faultRate}); retry the request`);
    });
  }
}
