import type { FastifyInstance } from 'fastify';
import type { SchemaError } from '../schema/errors.js';
import type { ApiModel, Operation } from '../document/model.js';
import { schemasFor } from '../schema/schema-set.js';

/**
 * `checkResponses`: validates every JSON response the mock sends against what the document declares
 * for its operation and status, and records violations instead of failing the request. Tests turn
 * it on to prove the mock never answers outside the spec; production runs leave it off.
 */
export interface ResponseViolation {
  method: string;
  url: string;
  status: number;
  schema: string;
  errors: SchemaError[];
}

/** The operation's declared response; 206 (TMF630 partial page) is checked as the declared 200. */
function declared(op: Operation, status: number): { name: string; isArray: boolean } | undefined {
  const r = op.responses[String(status)] ?? (status === 206 ? op.responses['200'] : undefined) ?? op.responses.default;
  return r?.schemaName ? { name: r.schemaName, isArray: r.isArray } : undefined;
}

function apiOf(apis: readonly ApiModel[], url: string): ApiModel | undefined {
  return apis.find((a) => url === a.basePath || url.startsWith(`${a.basePath}/`));
}

export function installResponseCheck(app: FastifyInstance, apis: readonly ApiModel[], violations: ResponseViolation[]): void {
  app.addHook('onSend', (req, reply, payload, done) => {
    const api = apiOf(apis, req.url);
    if (!api || typeof payload !== 'string' || payload.length === 0 || req.url.startsWith(`${api.basePath}/api-docs`)) return done(null, payload);
    // A `fields=` answer is a partial representation by design (TMF630): required attributes may be absent.
    if (/[?&]fields=/.test(req.url)) return done(null, payload);
    const op = (req.routeOptions.config as { op?: Operation } | undefined)?.op;
    const status = reply.statusCode;
    // Errors outside the operation (404 on an unknown path, 405, 413, 415) must still be TMF Errors.
    const target = (op && declared(op, status)) ?? (status >= 400 && api.definitions.Error ? { name: 'Error', isArray: false } : undefined);
    if (target) {
      let body: unknown;
      try {
        body = JSON.parse(payload);
      } catch {
        body = payload;
      }
      const schemas = schemasFor(api);
      const result = target.isArray ? schemas.validateArray(target.name, body) : schemas.validate(target.name, body);
      if (!result.valid) violations.push({ method: req.method, url: req.url, status, schema: result.schema, errors: result.errors });
    }
    done(null, payload);
  });
}
