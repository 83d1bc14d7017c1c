/** TMF630 error bodies: what the mock answers and what the runner expects from a target on 4xx/5xx. */
export interface TmfErrorBody {
  code: string;
  reason: string;
  message?: string;
  /** The document types it as a string ("HTTP Error code extension"). */
  status?: string;
  referenceError?: string;
  '@type': 'Error';
}

const REASONS: Record<number, string> = {
  400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found', 405: 'Method Not Allowed',
  406: 'Not Acceptable', 409: 'Conflict', 413: 'Payload Too Large', 415: 'Unsupported Media Type',
  422: 'Unprocessable Entity', 429: 'Too Many Requests', 500: 'Internal Server Error', 503: 'Service Unavailable',
};

export function reasonPhrase(status: number): string {
  return REASONS[status] ?? 'Error';
}

export function tmfError(status: number, message: string, code: string = String(status), reason = reasonPhrase(status)): TmfErrorBody {
  return { code, reason, message, status: String(status), '@type': 'Error' };
}

/** A TMF Error body: an object with string `code` and `reason` (the document's required attributes). */
export function errorShapeProblems(body: unknown): string[] {
  if (!body || typeof body !== 'object' || Array.isArray(body)) return ['body is not a JSON object'];
  const b = body as Record<string, unknown>;
  const problems: string[] = [];
  for (const k of ['code', 'reason'] as const) {
    if (b[k] === undefined) problems.push(`"${k}" is missing`);
    else if (typeof b[k] !== 'string') problems.push(`"${k}" is ${typeof b[k]}, not string`);
  }
  return problems;
}
