/** Citations as a reader sees them: one line naming the document, section, kit request or profile table. */
import type { Citation } from './case-model.js';

export function citationText(c: Citation): string {
  if ('document' in c) return `document ${c.document}`;
  if ('tmf630' in c) return `TMF630 ${c.tmf630}`;
  if ('kit' in c) return `TM Forum kit ${c.kit}, request "${c.request}"`;
  return `${c.profile} ${c.version}, table "${c.table}"`;
}

/** Whether a value is a citation a reader can check (every field a non-empty string). */
export function isCitation(v: unknown): v is Citation {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) return false;
  const o = v as Record<string, unknown>;
  const filled = (...keys: string[]) => keys.every((k) => typeof o[k] === 'string' && (o[k] as string).length > 0);
  return filled('document') || filled('tmf630') || filled('kit', 'request') || filled('profile', 'version', 'table');
}
