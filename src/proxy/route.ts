/**
 * Which operation of which API an observed request is: the proxy's router (Prism's router/validator
 * split). Paths are matched against the operation model's full paths, templates as one segment each.
 */
import type { ApiModel, Operation } from '../document/model.js';

export interface Route {
  api: ApiModel;
  /** Undefined when the path is under the API's base path but the document declares no such operation. */
  op?: Operation;
  /** Declared methods of the matched path (for an undeclared method). */
  allowed: string[];
}

interface Compiled {
  api: ApiModel;
  op: Operation;
  pattern: RegExp;
  /** Literal segments count: the most specific path wins (`/hub` before `/{id}`). */
  literals: number;
}

const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function compile(api: ApiModel, op: Operation): Compiled {
  const segments = op.fullPath.split('/').filter(Boolean);
  const source = segments.map((s) => (/^\{[^}]+\}$/.test(s) ? '[^/]+' : escape(s))).join('/');
  return { api, op, pattern: new RegExp(`^/${source}/?$`), literals: segments.filter((s) => !s.startsWith('{')).length };
}

export class Router {
  readonly #routes: Compiled[];
  readonly #apis: readonly ApiModel[];

  constructor(apis: readonly ApiModel[]) {
    this.#apis = apis;
    this.#routes = apis.flatMap((api) => api.operations.map((op) => compile(api, op))).sort((a, b) => b.literals - a.literals);
  }

  /** The route of a request, or undefined when it is outside every known API. */
  match(method: string, pathname: string): Route | undefined {
    const path = safeDecode(pathname);
    const onPath = this.#routes.filter((r) => r.pattern.test(path));
    const hit = onPath.find((r) => r.op.method === method.toLowerCase());
    if (hit) return { api: hit.api, op: hit.op, allowed: [] };
    if (onPath.length) return { api: onPath[0]!.api, allowed: [...new Set(onPath.map((r) => r.op.method.toUpperCase()))] };
    const api = this.#apis.find((a) => path === a.basePath || path.startsWith(`${a.basePath}/`));
    return api ? { api, allowed: [] } : undefined;
  }
}

function safeDecode(p: string): string {
  try {
    return decodeURIComponent(p);
  } catch {
    return p;
  }
}
