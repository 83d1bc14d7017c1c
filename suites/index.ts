/** The suites by API id: an explicit map (no discovery by import side effect). */
import type { SuiteData } from '../src/runner/suite/types.js';
import { suite as TMF622 } from './TMF622/index.js';
import { suite as TMF663 } from './TMF663/index.js';
import { suite as TMF666 } from './TMF666/index.js';
import { suite as TMF671 } from './TMF671/index.js';
import { suite as TMF699 } from './TMF699/index.js';

export const SUITES: Readonly<Record<string, SuiteData>> = { TMF622, TMF663, TMF666, TMF671, TMF699 };

export function suiteData(apiId: string): SuiteData | undefined {
  return Object.hasOwn(SUITES, apiId) ? SUITES[apiId] : undefined;
}
