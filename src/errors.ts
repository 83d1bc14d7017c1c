/**
 * One table of coded errors (fastify style). The code is stable: scripts and tests match on it,
 * never on the message. `exitCode` is what the CLI exits with when this error reaches it.
 */
export const ErrorCodes = {
  USAGE: { exitCode: 2, title: 'usage error' },
  UNKNOWN_API: { exitCode: 2, title: 'unknown API' },
  UNKNOWN_SCHEMA: { exitCode: 2, title: 'unknown schema' },
  SPEC_MISSING: { exitCode: 2, title: 'specification document not found' },
  SPEC_CHECKSUM: { exitCode: 2, title: 'specification document checksum mismatch' },
  SPEC_INVALID: { exitCode: 2, title: 'specification document cannot be read' },
  SPEC_DOWNLOAD: { exitCode: 2, title: 'specification download failed' },
  SPECS_DIR_MISSING: { exitCode: 2, title: 'specification folder not found' },
  DEPENDENCY_MISSING: { exitCode: 2, title: 'a package this command needs is not installed' },
  SPEC_UNSUPPORTED: { exitCode: 2, title: 'document is not a TMF-style API' },
  INPUT_READ: { exitCode: 2, title: 'input cannot be read' },
  INPUT_JSON: { exitCode: 1, title: 'input is not valid JSON' },
  CONFIG_INVALID: { exitCode: 2, title: 'configuration is invalid' },
  TARGET_UNREACHABLE: { exitCode: 2, title: 'target cannot be reached' },
  RUN_INCOMPLETE: { exitCode: 2, title: 'the run could not complete' },
  REPORT_FAILED: { exitCode: 2, title: 'report could not be written' },
  UPSTREAM_UNREACHABLE: { exitCode: 2, title: 'proxy upstream cannot be reached' },
  AUTH_FAILED: { exitCode: 2, title: 'the token endpoint refused the client credentials' },
  OUTPUT_UNWRITABLE: { exitCode: 2, title: 'the output folder cannot be written' },
  STORE_UNAVAILABLE: { exitCode: 2, title: 'the mock\'s database cannot be reached' },
  STORE_SCHEMA: { exitCode: 2, title: 'the mock\'s database schema is not one this version knows' },
  INTERNAL: { exitCode: 2, title: 'internal error' },
} as const;

export type ErrorCode = keyof typeof ErrorCodes;

export class CtkError extends Error {
  readonly code: ErrorCode;
  readonly hint?: string;
  constructor(code: ErrorCode, message: string, options: { hint?: string; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'CtkError';
    this.code = code;
    this.hint = options.hint;
  }
  get exitCode(): number {
    return ErrorCodes[this.code].exitCode;
  }
}

export function isCtkError(e: unknown): e is CtkError {
  return e instanceof CtkError;
}
