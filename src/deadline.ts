/**
 * Work with a deadline that holds whatever the garbage collector does. `AbortSignal.timeout(ms)` (alone or in
 * `AbortSignal.any`) can be lost under GC pressure: Node holds the timeout signal weakly, and fetch's follow of a
 * signal can come undone (nodejs/node#55428); a peer that never answered then held the work for ever. Here the
 * controller and the timer are held until the work settles, and the deadline settles it even if the abort never
 * reaches whatever the work waits on. `parent` aborts the work too (a server closing).
 */
export async function withDeadline<T>(ms: number, work: (signal: AbortSignal) => Promise<T>, parent?: AbortSignal): Promise<T> {
  const ctrl = new AbortController();
  const onParent = (): void => ctrl.abort(parent?.reason);
  if (parent?.aborted) onParent();
  else parent?.addEventListener('abort', onParent, { once: true });
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      const e = new DOMException(`no answer within ${ms} ms`, 'TimeoutError');
      ctrl.abort(e);
      reject(e);
    }, ms);
  });
  try {
    return await Promise.race([work(ctrl.signal), deadline]);
  } finally {
    clearTimeout(timer);
    parent?.removeEventListener('abort', onParent);
  }
}
