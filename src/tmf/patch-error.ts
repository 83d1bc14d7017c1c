/** A patch that cannot apply (bad operation, unsafe path, a query selecting nothing): the mock answers 400. */
export class PatchError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PatchError';
  }
}
