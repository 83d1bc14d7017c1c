/** Reading attribute paths in resources: arrays fan out (`relatedParty.id` matches any party). */
export function valuesAt(value: unknown, path: readonly string[]): unknown[] {
  if (path.length === 0) return Array.isArray(value) ? value : [value];
  if (Array.isArray(value)) return value.flatMap((v) => valuesAt(v, path));
  if (!value || typeof value !== 'object') return [];
  const [head, ...rest] = path;
  if (!Object.hasOwn(value, head!)) return [];
  return valuesAt((value as Record<string, unknown>)[head!], rest);
}

/** The first value at a path (for sorting), undefined when absent. */
export function firstValueAt(value: unknown, path: readonly string[]): unknown {
  return valuesAt(value, path)[0];
}
