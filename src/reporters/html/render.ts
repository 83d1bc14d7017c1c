/**
 * Templates → HTML. The .hbs, .css and .js files sit beside this module and are read at run time
 * (import.meta.url), so designers edit them without touching TypeScript.
 *
 * Safety: target data only ever goes through `{{ }}` (escaped). The two triple-stashes insert our
 * own stylesheet and script, read from this directory. The script is allowed by its sha256 in the
 * Content-Security-Policy; nothing else may run, load, or be fetched.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import Handlebars from 'handlebars';
import type { ApiReportView, IndexView } from './view-model.js';

const PARTIALS = ['head', 'certificate', 'case', 'exchange', 'headers', 'body', 'footer', 'counts', 'exclusions', 'configuration'] as const;

interface Assets {
  styles: string;
  script: string | null;
  csp: string;
}

interface Engine {
  report: Handlebars.TemplateDelegate;
  index: Handlebars.TemplateDelegate;
  styles: string;
  script: string;
}

let engine: Engine | undefined;

const read = (file: string) => readFileSync(new URL(`./${file}`, import.meta.url), 'utf8');

/** Our own asset must not be able to close its element early; a failed assertion here is a bug in this kit. */
function embeddable(text: string, tag: 'script' | 'style'): string {
  if (text.toLowerCase().includes(`</${tag}`)) throw new Error(`the report ${tag} must not contain "</${tag}"`);
  return text;
}

function load(): Engine {
  // An isolated instance: no helper or partial registered elsewhere can leak into reports.
  const hbs = Handlebars.create();
  for (const name of PARTIALS) hbs.registerPartial(name, read(`${name}.hbs`));
  // strict: a field the view model lacks is an error at render time, not silently blank.
  // knownHelpersOnly: templates use the built-in helpers only.
  // preventIndent: an indented partial must not shift the lines of a <pre> body it renders.
  const options: CompileOptions = { strict: true, knownHelpersOnly: true, preventIndent: true };
  return {
    report: hbs.compile(read('report.hbs'), options),
    index: hbs.compile(read('index.hbs'), options),
    styles: embeddable(read('styles.css'), 'style'),
    script: embeddable(read('report.js'), 'script'),
  };
}

/** `'sha256-…'` of exactly the text between <script> and </script>. */
export function scriptHash(script: string): string {
  return `'sha256-${createHash('sha256').update(script, 'utf8').digest('base64')}'`;
}

export function contentSecurityPolicy(script: string | null): string {
  return [
    "default-src 'none'",
    "style-src 'unsafe-inline'",
    'img-src data:',
    `script-src ${script === null ? "'none'" : scriptHash(script)}`,
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
}

function assets(e: Engine, withScript: boolean): Assets {
  const script = withScript ? e.script : null;
  return { styles: e.styles, script, csp: contentSecurityPolicy(script) };
}

export function renderApiReport(view: ApiReportView): string {
  engine ??= load();
  return engine.report({ ...view, assets: assets(engine, true) });
}

/** The index needs no script: its CSP allows none. */
export function renderIndex(view: IndexView): string {
  engine ??= load();
  return engine.index({ ...view, assets: assets(engine, false) });
}
