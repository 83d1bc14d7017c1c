/**
 * `{{name.path}}` placeholders (Postman's syntax, so exported collections read the same). A string that
 * is exactly one placeholder takes the value itself (an object, a number); inside longer strings the
 * value is stringified. An unresolved placeholder is reported, never sent as literal text.
 */
export type Vars = Record<string, unknown>;

const PLACEHOLDER = /\{\{\s*([A-Za-z0-9_$.@-]+)\s*\}\}/g;
const WHOLE = /^\{\{\s*([A-Za-z0-9_$.@-]+)\s*\}\}$/;

export class UnresolvedError extends Error {
  readonly variable: string;
  constructor(variable: string) {
    super(`{{${variable}}} has no value (an earlier step did not capture it)`);
    this.name = 'UnresolvedError';
    this.variable = variable;
  }
}

/** Looks up `a.b.0.c` in the vars; own properties only (data from the target is untrusted). */
export function lookup(vars: Vars, path: string): unknown {
  let cur: unknown = vars;
  for (const key of path.split('.')) {
    if (cur === null || typeof cur !== 'object' || !Object.hasOwn(cur, key)) return undefined;
    cur = (cur as Record<string, unknown>)[key];
  }
  return cur;
}

function resolveString(s: string, vars: Vars, encode?: (v: string) => string): unknown {
  const whole = WHOLE.exec(s);
  if (whole) {
    const v = lookup(vars, whole[1]!);
    if (v === undefined) throw new UnresolvedError(whole[1]!);
    return structuredClone(v);
  }
  return s.replace(PLACEHOLDER, (_, name: string) => {
    const v = lookup(vars, name);
    if (v === undefined) throw new UnresolvedError(name);
    const text = typeof v === 'string' ? v : JSON.stringify(v);
    return encode ? encode(text) : text;
  });
}

/**
 * Resolves every placeholder in a template (deeply); throws UnresolvedError naming the first missing one.
 * `encode` escapes values placed inside longer strings (ids from the target inside a URL path).
 */
export function resolveTemplate<T = unknown>(template: unknown, vars: Vars, encode?: (v: string) => string): T {
  if (typeof template === 'string') return resolveString(template, vars, encode) as T;
  if (Array.isArray(template)) return template.map((t) => resolveTemplate(t, vars, encode)) as T;
  if (template && typeof template === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(template)) out[k] = resolveTemplate(v, vars, encode);
    return out as T;
  }
  return template as T;
}
