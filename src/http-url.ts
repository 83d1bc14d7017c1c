import { CtkError } from './errors.js';

/** An http(s) URL given by a flag (`--target`, `--upstream`): anything else is a usage error naming the flag. */
export function httpUrlOption(flag: string, raw: string): URL {
  let u: URL;
  try {
    u = new URL(raw);
  } catch {
    throw new CtkError('USAGE', `--${flag} "${raw}" is not a URL`, { hint: `e.g. --${flag} http://localhost:8080` });
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new CtkError('USAGE', `--${flag} must be http or https, got ${u.protocol}`);
  return u;
}
