import { readFile } from 'node:fs/promises';
import { CtkError } from '../errors.js';
import { RESULTS_SCHEMA_VERSION, type RunResult } from '../core/results.js';
import { runSummary, summarize } from '../core/verdict.js';

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const STATUSES = new Set(['pass', 'fail', 'skip', 'not-run', 'not-applicable', 'excluded']);
/** The renderers read these counts of every API summary. */
const COUNT_GROUPS = ['cases', 'mandatory', 'optional', 'checks'] as const;

/** The first place where `data` is not shaped like a RunResult, or undefined when it is. */
function shapeProblem(data: unknown): string | undefined {
  if (!isObject(data)) return 'the top level is not an object';
  if (data.schemaVersion !== 1 && data.schemaVersion !== RESULTS_SCHEMA_VERSION) return `schemaVersion is ${JSON.stringify(data.schemaVersion)}, expected 1 or ${RESULTS_SCHEMA_VERSION}`;
  if (!isObject(data.summary) || !isObject(data.tool)) return 'summary or tool is missing';
  if (!isObject(data.summary.cases)) return 'summary.cases is missing';
  if (!Array.isArray(data.apis)) return 'apis is not an array';
  for (const [i, api] of data.apis.entries()) {
    const at = `apis[${i}]`;
    if (!isObject(api) || typeof api.id !== 'string' || typeof api.version !== 'string') return `${at} has no id or version`;
    if (!isObject(api.summary) || !Array.isArray(api.cases)) return `${at} has no summary or cases`;
    const counts = COUNT_GROUPS.find((g) => !isObject((api.summary as Json)[g]));
    if (counts) return `${at}.summary.${counts} is missing`;
    for (const [j, c] of api.cases.entries()) {
      if (!isObject(c) || typeof c.id !== 'string') return `${at}.cases[${j}] has no id`;
      if (!STATUSES.has(c.status as string)) return `${at}.cases[${j}].status is ${JSON.stringify(c.status)}`;
      if (!Array.isArray(c.checks) || !Array.isArray(c.exchanges)) return `${at}.cases[${j}] has no checks or exchanges`;
    }
  }
  return undefined;
}

/** Reads a results.json written by the json reporter; clear coded errors when it cannot. */
export async function loadRunResult(file: string): Promise<RunResult> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (cause) {
    throw new CtkError('INPUT_READ', `cannot read ${file}: ${(cause as Error).message}`, {
      cause, hint: 'pass the results.json a run wrote (tmf-ctk run --reporter json)',
    });
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (cause) {
    throw new CtkError('INPUT_JSON', `${file} is not valid JSON: ${(cause as Error).message}`, { cause });
  }
  const problem = shapeProblem(data);
  if (problem) {
    throw new CtkError('INPUT_JSON', `${file} is not a tmf-ctk results.json: ${problem}`, {
      hint: 'pass the results.json a run wrote (tmf-ctk run --reporter json)',
    });
  }
  // A version 1 run (pass, fail and skip only) reads as version 2: its states are a subset; recount() judges it anew.
  return recount({ ...(data as RunResult), schemaVersion: RESULTS_SCHEMA_VERSION });
}

/**
 * The summaries and verdicts are counted again from the cases, with the rules of this version: a saved run
 * written before a count existed renders, and an edited summary cannot say more than its cases do.
 */
function recount(result: RunResult): RunResult {
  // Older saved runs marked cases the run never sent as failed with a "not run:" reason.
  const incomplete = (api: RunResult['apis'][number]) => Boolean(api.error) || api.cases.some((c) => c.status === 'not-run' || (c.status === 'fail' && /^not run: /.test(c.reason ?? '')));
  const apis = result.apis.map((api) => ({ ...api, summary: summarize(api.cases, incomplete(api)) }));
  return { ...result, apis, summary: runSummary(apis, Boolean(result.error)) };
}
