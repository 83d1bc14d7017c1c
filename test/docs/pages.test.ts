/**
 * The documentation holds together: README.md stays the short pitch (under 12 KB) and links every page of
 * docs/; every relative link of README.md and docs/*.md reaches a file, and every #anchor a heading of it.
 */
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path';
import { describe, it } from 'node:test';
import { projectRoot } from '../../src/paths.ts';

const DOCS = readdirSync(join(projectRoot, 'docs')).filter((f) => f.endsWith('.md'));
const PAGES = ['README.md', ...DOCS.map((f) => `docs/${f}`)];
const read = (page: string) => readFileSync(join(projectRoot, page), 'utf8');
const withoutCode = (text: string) => text.replace(/^```[^\n]*\n[\s\S]*?^```/gm, '');

/** GitHub's anchor of a heading: lower case, punctuation dropped, spaces to hyphens. */
export function slug(heading: string): string {
  return heading.trim().toLowerCase().replace(/[^\p{L}\p{N} _-]/gu, '').replace(/ /g, '-');
}

function anchors(page: string): Set<string> {
  return new Set([...withoutCode(read(page)).matchAll(/^#{1,6} (.+)$/gm)].map((m) => slug(m[1]!)));
}

describe('documentation pages', () => {
  it('README.md is under 12 KB', () => {
    const size = statSync(join(projectRoot, 'README.md')).size;
    assert.ok(size < 12 * 1024, `README.md is ${size} bytes`);
  });

  it('README.md links every page of docs/', () => {
    const readme = read('README.md');
    assert.ok(DOCS.length >= 14, `${DOCS.length} pages`);
    for (const f of DOCS) assert.ok(readme.includes(`(docs/${f})`), `README links docs/${f}`);
  });

  it('every relative link reaches a file, and every #anchor a heading of it', () => {
    const broken: string[] = [];
    let links = 0;
    for (const page of PAGES) {
      for (const m of withoutCode(read(page)).matchAll(/\]\(([^)\s]+)\)/g)) {
        const target = m[1]!;
        if (/^[a-z]+:/.test(target)) continue;
        links += 1;
        const [file, anchor] = target.split('#');
        const path = file ? normalize(join(dirname(page), file)) : page;
        if (!existsSync(join(projectRoot, path))) broken.push(`${page}: ${target} (no file)`);
        else if (anchor && path.endsWith('.md') && !anchors(path).has(anchor)) broken.push(`${page}: ${target} (no heading)`);
      }
    }
    assert.deepEqual(broken, []);
    assert.ok(links > 50, `${links} links checked`);
  });

  it('every docs/ page the code names (hints, comments) exists', () => {
    const walk = (dir: string): string[] => readdirSync(join(projectRoot, dir)).flatMap((n) =>
      statSync(join(projectRoot, dir, n)).isDirectory() ? walk(join(dir, n)) : n.endsWith('.ts') ? [join(dir, n)] : []);
    const named = ['src', 'suites', 'mocks', 'scripts'].flatMap(walk)
      .flatMap((f) => [...read(f).matchAll(/docs\/[\w-]+\.md/g)].map((m) => ({ f, page: m[0] })));
    assert.ok(named.some((n) => n.f === 'src/runner/config.ts'), 'the config error hint names its page');
    assert.deepEqual(named.filter((n) => !existsSync(join(projectRoot, n.page))).map((n) => `${n.f}: ${n.page}`), []);
  });

  it('slugs as GitHub makes them', () => {
    assert.equal(slug('`tmf-ctk specs fetch`'), 'tmf-ctk-specs-fetch');
    assert.equal(slug('Leniencies (never cry wolf)'), 'leniencies-never-cry-wolf');
  });
});
