import { CtkError } from './errors.js';

/** `scheme://user:password@host` → `scheme://…@host`: a flag's value may be echoed, its credentials never. */
const withoutUserinfo = (raw: string): string => raw.replace(/^([a-z][a-z0-9+.-]*:\/\/)[^/?#]*@/i, '$1…@');

/**
 * An http(s) URL given by a flag (`--target`, `--upstream`): anything else is a usage error naming the flag.
 * Credentials in the URL are refused: the URL is written to every report (target, base URLs) and printed,
 * and they would not be sent anyway; `--header 'Authorization: …'` sends them and keeps them out of reports.
 */
export function httpUrlOption(flag: string, raw: string): URL {
  let u: URL;
  try {
    u = new URL(raw);
  } catch {
    throw new CtkError('USAGE', `--${flag} "${withoutUserinfo(raw)}" is not a URL`, { hint: `e.g. --${flag} http://localhost:8080` });
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new CtkError('USAGE', `--${flag} must be http or https, got ${u.protocol}`);
  if (u.username || u.password) {
    throw new CtkError('USAGE', `--${flag} must not carry credentials (user:password@): they would be written to the reports`, {
      hint: `give them as a header, never written to reports in clear: --header 'Authorization: Basic <base64 of user:password>'`,
    });
  }
  return u;
}
