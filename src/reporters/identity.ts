import type { RunResult } from '../core/results.js';
import type { ReporterOptions } from './types.js';

export interface Identity {
  company?: string;
  product?: string;
  release?: string;
}

/** Who is being certified: `--company`/`--product`/`--release` win over what the run recorded. */
export function identityOf(result: RunResult, options: ReporterOptions): Identity {
  return {
    company: options.company ?? result.company,
    product: options.product ?? result.product,
    release: options.release ?? result.release,
  };
}
