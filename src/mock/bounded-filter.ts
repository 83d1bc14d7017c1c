import { createContext, Script } from 'node:vm';
import { matchesFilters, needsRepresentation } from '../tmf/filter.js';
import type { Filter } from '../tmf/query.js';

/**
 * Regex filters (`attr.regex=…`) come from clients, and a backtracking pattern such as `(a|a)*b` or
 * `\w*\w*\w*!` can run for hours on one string, holding the event loop. No syntax check catches every
 * such pattern, so matching with a regex filter runs under a deadline: node:vm's `timeout` interrupts
 * any JavaScript, regex matching included. Filters without a regex run directly (no cost).
 */
const context = createContext({ run: undefined as (() => unknown) | undefined });
const call = new Script('run()');

export class FilterTimeout extends Error {
  constructor(readonly ms: number) {
    super(`a regex filter took longer than ${ms} ms; use a simpler pattern`);
    this.name = 'FilterTimeout';
  }
}

function withDeadline<T>(fn: () => T, ms: number): T {
  context.run = fn;
  try {
    return call.runInContext(context, { timeout: ms }) as T;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ERR_SCRIPT_EXECUTION_TIMEOUT') throw new FilterTimeout(ms);
    throw e;
  } finally {
    context.run = undefined;
  }
}

const hasRegex = (filters: readonly Filter[]) => filters.some((f) => f.op === 'regex');

/**
 * The items matching every filter; throws FilterTimeout past `ms` when a regex filter is among them. `view`
 * gives an item as clients see it (with `href`): used when a filter names a computed attribute.
 */
export function filterWithin<T>(items: readonly T[], filters: Filter[], ms: number, view?: (item: T) => unknown): readonly T[] {
  if (filters.length === 0) return items;
  const as = view && needsRepresentation(filters) ? view : (r: T): unknown => r;
  const match = () => items.filter((r) => matchesFilters(as(r), filters));
  return hasRegex(filters) ? withDeadline(match, ms) : match();
}

/** Whether one value matches; a regex filter that runs past `ms` does not match. */
export function matchesWithin(value: unknown, filters: Filter[], ms: number): boolean {
  if (!hasRegex(filters)) return matchesFilters(value, filters);
  try {
    return withDeadline(() => matchesFilters(value, filters), ms);
  } catch (e) {
    if (e instanceof FilterTimeout) return false;
    throw e;
  }
}
